"""Latin readings of names written in scripts that have their own reading rules.

A hospital writes 佐藤 大翔, 김지훈 or สมชาย ใจดี; a family abroad writes Haruto Sato, Kim Ji-hoon
or Somchai Jaidee. ICU's one generic transliteration misses most of those spellings (kanji get
Chinese readings, Hangul gets Revised Romanization only, Indic scripts keep every inherent
vowel), so each script family has a small module that gives several Latin readings per name
unit, from the libraries that know the script:

  chinese   pypinyin (Mandarin, Wade-Giles), cantonese-romanisation (Hong Kong spellings),
            the Hokkien/Teochew surname spellings of South-East Asia; one unit per syllable
  japanese  pykakasi's dictionary (every reading it lists for a name), Hepburn variants
  korean    Revised Romanization, the popular and McCune-Reischauer spellings, one unit
            per syllable; common surname spellings (Lee/Yi/Rhee, Park/Pak)
  indic     ICU (ISO 15919) with schwa deletion and anglicised spellings (Devanagari,
            Bengali, Tamil)
  thai      pythainlp (RTGS) and ICU, with the common spelling variants
  hebrew    ICU with vowels guessed from the letters that carry them, classical forms
  greek     ICU (ELOT-like) with the classical English forms

Each module is imported, and its dictionary loaded, only when a name in its script arrives.
`native_units(word, han)` returns None for words in any other script (the caller then uses
the generic path), otherwise the (display, spellings) units of the word, spellings most
likely first. Chinese, Japanese and Korean names are written family name first.
"""

from __future__ import annotations

import functools
import importlib
import re

# Unicode blocks of the scripts handled here (first letter of a word decides).
_BLOCKS = (
    (0x0370, 0x03FF, "greek"),
    (0x1F00, 0x1FFF, "greek"),
    (0x0590, 0x05FF, "hebrew"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0x0900, 0x097F, "indic"),
    (0x0980, 0x09FF, "indic"),
    (0x0B80, 0x0BFF, "indic"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1100, 0x11FF, "korean"),
    (0x3130, 0x318F, "korean"),
    (0xAC00, 0xD7AF, "korean"),
    (0x3040, 0x30FF, "kana"),
    (0x31F0, 0x31FF, "kana"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0x20000, 0x2FA1F, "han"),
)
_KANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CJK_RE = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
# Kanji used in Japanese names and never in Chinese ones (Japanese-made or simplified the
# Japanese way): a name holding one is Japanese.
_JAPANESE_ONLY_RE = re.compile("[畑込辻峠笹榊栃沢辺斎桜広竜恵浜栄県嶋寿]")
# Chinese two-character surnames: a name starting with one is Chinese (欧阳, 司马 ...)
CHINESE_DOUBLE_SURNAMES = frozenset(
    [
        "欧阳",
        "歐陽",
        "司马",
        "司馬",
        "上官",
        "诸葛",
        "諸葛",
        "东方",
        "東方",
        "皇甫",
        "尉迟",
        "尉遲",
        "公孙",
        "公孫",
        "慕容",
        "长孙",
        "長孫",
        "夏侯",
        "轩辕",
        "軒轅",
        "令狐",
        "宇文",
        "司徒",
        "司空",
        "端木",
        "独孤",
        "獨孤",
        "南宫",
        "南宮",
        "西门",
        "西門",
        "百里",
        "呼延",
    ]
)

_MODULES = {
    "han": "chinese",
    "hanzi": "chinese",
    "kanji": "japanese",
    "kana": "japanese",
    "korean": "korean",
    "indic": "indic",
    "thai": "thai",
    "hebrew": "hebrew",
    "greek": "greek",
}


@functools.lru_cache(maxsize=200_000)
def script_of(word: str) -> str:
    """The script family of a word, from its first letter ("" when none handled here)."""
    for ch in word:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x0370:
            return ""
        for lo, hi, name in _BLOCKS:
            if lo <= code <= hi:
                return name
        return ""
    return ""


def is_family_first(text: str) -> bool:
    """Chinese, Japanese and Korean names are written family name first."""
    return bool(_CJK_RE.search(text)) and not any(ch.isascii() and ch.isalpha() for ch in text)


@functools.lru_cache(maxsize=100_000)
def han_language(text: str) -> str:
    """ "ja" or "zh": how to read the Han characters of one whole name.

    Kana or a Japanese-only kanji settle it. Otherwise the length of the family name does:
    Chinese family names are one character (or a known two-character one), Japanese ones
    are mostly two; written unspaced, a Chinese name has two or three characters, a
    Japanese one usually four or more.
    """
    if _KANA_RE.search(text) or _JAPANESE_ONLY_RE.search(text):
        return "ja"
    if _HANGUL_RE.search(text):
        return "ko"
    words = [w for w in text.split() if _HAN_RE.search(w)]
    if not words:
        return "zh"
    first = words[0]
    if first[:2] in CHINESE_DOUBLE_SURNAMES:
        return "zh"
    if len(words) >= 2:
        return "ja" if len(first) >= 2 else "zh"
    return "ja" if len(first) >= 4 else "zh"


@functools.lru_cache(maxsize=100_000)
def han_alternative(text: str) -> str:
    """The other reading ("ja" or "zh") of a name written in Han characters only, or ""."""
    if not _HAN_RE.search(text) or _KANA_RE.search(text) or _HANGUL_RE.search(text):
        return ""
    if any(ch.isalpha() and not _HAN_RE.match(ch) for ch in text):
        return ""
    return "zh" if han_language(text) == "ja" else "ja"


@functools.cache
def _module(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def loaded_modules() -> list[str]:
    """The script modules imported so far (their dictionaries are loaded with them)."""
    return sorted(
        name for name in set(_MODULES.values()) if f"{__name__}.{name}" in __import__("sys").modules
    )


@functools.lru_cache(maxsize=200_000)
def native_units(word: str, han: str = "") -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """(display, Latin spellings) per name unit of a word in a script handled here, or None."""
    if word.isascii():
        return None
    script = script_of(word)
    if not script:
        return None
    if script == "han":
        script = "kanji" if (han or han_language(word)) == "ja" else "han"
    try:
        units = _module(_MODULES[script]).units(word)
    except Exception:  # a reading library's bug must not break matching: generic path
        return None
    units = tuple((display, forms) for display, forms in units if forms)
    return units or None
