"""Devanagari, Bengali and Tamil names: ICU's ISO 15919 reading, spoken and anglicised.

ICU writes every inherent vowel (रहमान: rahamāna) and scholarly letters (ś, ṭ, c). Hindi
and Bengali drop most inherent vowels when speaking (Rahman, Amit, Suresh: "schwa
deletion"), and families write names the English way (sh, ch, ksh or x). Tamil writes
k/g, c/s, t/d and p/b with one letter each, said voiced between vowels and after a nasal
(முருகன் Murugan, செந்தில் Senthil); its dental t is written th (Karthik).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..text import to_ascii

_VOWELS = "aāiīuūeēoō"
_VELAR_NASAL = "\u0919\u094d"  # ङ्  (ICU writes it ṅ)
# one consonant sound (aspirates and ISO 15919 letters count as one)
_CONSONANT = r"(?:[kgcjṭḍtdpb]h|[bcdfghjklmnpqrstvwxyzñṅṇṭḍśṣḻḷṟṉṁṃḥẏ])"
_SEGMENT_RE = re.compile(rf"(?:ai|au|[{_VOWELS}]|r̥)|{_CONSONANT}|.", re.UNICODE)


@functools.cache
def _icu():
    import icu

    return icu.Transliterator.createInstance("Any-Latin")


def _segments(iso: str) -> list[str]:
    return _SEGMENT_RE.findall(iso)


def _is_vowel(segment: str) -> bool:
    return segment[:1] in _VOWELS or segment == "r̥"


def delete_schwas(iso: str) -> str:
    """Drop the inherent vowels Hindi and Bengali do not say: final ones, and medial ones
    between single consonants that themselves sit between vowels (ra-ha-mā-na: rahmān)."""
    segs = _segments(iso)
    keep = [True] * len(segs)
    vowels = sum(1 for s in segs if _is_vowel(s))
    if vowels >= 2 and segs and segs[-1] == "a" and len(segs) >= 2 and not _is_vowel(segs[-2]):
        keep[-1] = False
    for i in range(len(segs) - 3, 1, -1):
        if segs[i] != "a" or not keep[i]:
            continue
        if (
            not _is_vowel(segs[i - 1])
            and _is_vowel(segs[i - 2])
            and keep[i - 2]
            and not _is_vowel(segs[i + 1])
            and _is_vowel(segs[i + 2])
            and keep[i + 2]
        ):
            keep[i] = False
    return "".join(s for s, k in zip(segs, keep, strict=True) if k)


_ENGLISH = [
    ("r̥", "ri"),
    ("c", "ch"),
    ("ś", "sh"),
    ("ṣ", "sh"),
    ("ḻ", "zh"),
    ("ṟṟ", "tr"),
    ("ṁ", "n"),
    ("ẏ", "y"),
]


def anglicise(iso: str) -> str:
    out = iso.replace("ch", "chh")  # ISO ch is the aspirate (छ); c alone is "ch"
    for old, new in _ENGLISH:
        out = out.replace(old, new)
    return to_ascii(out)


def _tamil(iso: str) -> list[str]:
    """Tamil letters said voiced between vowels and after nasals, dental t written th."""
    vowel = f"[{_VOWELS}]"
    out = re.sub(r"^c", "s", iso)
    out = re.sub(rf"(?<={vowel})c(?={vowel})", "s", out)
    out = re.sub(rf"(?<=[{_VOWELS}ṅ])k(?={vowel})", "g", out)
    out = re.sub(rf"(?<={vowel})ṭ(?={vowel})", "d", out)
    out = re.sub(rf"(?<=[mn])p(?={vowel})", "b", out)
    out = re.sub(r"(?<=[ṇn])ṭ", "d", out)
    spoken = anglicise(out.replace("tt", "th").replace("nt", "nth").replace("ṭc", "tc"))
    plain = anglicise(iso.replace("tt", "th"))
    voiced_t = anglicise(out.replace("nt", "nd").replace("tt", "t"))
    return [spoken, plain, voiced_t, spoken.replace("zh", "l")]


@functools.lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[str, ...]:
    # anusvara before h is said ng (सिंह Singh): write it as the velar nasal it is
    word = re.sub("[\u0902\u0982](?=[\u0939\u09b9])", _VELAR_NASAL, word)
    iso = unicodedata.normalize("NFC", _icu().transliterate(word).lower())
    iso = re.sub(r"ṅ(?![kg])", "ng", iso)
    if any("\u0b80" <= ch <= "\u0bff" for ch in word):
        forms = _tamil(iso)
    else:
        if any("\u0980" <= ch <= "\u09ff" for ch in word):
            # Bengali ya-phala doubles the consonant (চ্যাটার্জি Chatterjee, ব্যানার্জি Banerjee)
            iso = re.sub(rf"(?<=[^{_VOWELS}])y(?=[{_VOWELS}])", "", iso)
        spoken = anglicise(delete_schwas(iso))
        forms = [spoken, anglicise(iso)]
        if spoken.endswith("i"):
            forms.append(spoken[:-1] + "ee")  # Chatterjee, Mukherjee
        forms.append(spoken.replace("ksh", "x"))  # Laxmi
        forms.append(spoken.replace("sh", "s"))  # Sarma
        forms.append(spoken.replace("v", "w"))
        if any("\u0980" <= ch <= "\u09ff" for ch in word):
            forms.append(spoken.replace("b", "v"))  # Bengali ব is b; Sanskrit names have v
            forms.append(re.sub(r"(?<=[^aeiou])a(?=[^aeiou]|$)", "o", spoken, count=1))
    forms.append(to_ascii(iso))  # ICU letter for letter, as other lists may write it
    return tuple(dict.fromkeys(f for f in forms if f))


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(word, readings(word))]
