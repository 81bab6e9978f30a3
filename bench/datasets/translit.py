"""Cyrillic to Latin as real documents do it.

Four systems a Russian or Ukrainian name really meets abroad: the passport (ICAO 9303,
Russia since 2013), BGN/PCGN as English newspapers write it, the French usage
(Chevtchenko, Iouri, Evgueni) and the German one (Schewtschenko, Jewgeni). Ukrainian
forms use the Ukrainian national system (2010) for the passport spelling.
"""

from __future__ import annotations

VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
SIGNS = set("ьъЬЪ")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "ы": "y", "э": "e", "ь": "", "ъ": "", "ґ": "g", "і": "i",
}  # fmt: skip

SCHEMES: dict[str, dict[str, str]] = {
    "icao": _COMMON | {
        "е": "e", "ё": "e", "ж": "zh", "и": "i", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ю": "iu", "я": "ia", "ъ": "ie", "є": "ie", "ї": "i",
    },
    "bgn": _COMMON | {
        "е": "e", "ё": "yo", "ж": "zh", "и": "i", "й": "y", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi",
    },
    "fr": _COMMON | {
        "е": "e", "ё": "io", "ж": "j", "и": "i", "й": "ï", "х": "kh", "ц": "ts", "ч": "tch",
        "ш": "ch", "щ": "chtch", "у": "ou", "ю": "iou", "я": "ia", "є": "ie", "ї": "ï",
    },
    "de": _COMMON | {
        "в": "w", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i", "й": "j", "х": "ch",
        "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja", "є": "je",
        "ї": "ji", "s": "s",
    },
}  # fmt: skip


def _is_ukrainian(text: str) -> bool:
    return any(ch in "іїєґІЇЄҐ" for ch in text)


def cyrillic_to_latin(text: str, scheme: str, ukrainian: bool | None = None) -> str:
    """Transliterate one Cyrillic name; `ukrainian` switches г→h and и→y as in Ukraine."""
    table = SCHEMES[scheme]
    if ukrainian is None:
        ukrainian = _is_ukrainian(text)
    out: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        lower = ch.lower()
        prev = chars[i - 1].lower() if i else ""
        nxt = chars[i + 1].lower() if i + 1 < len(chars) else ""
        at_start = i == 0 or not prev.isalpha()
        after_vowel = prev in VOWELS or prev in SIGNS
        if lower not in table and lower not in "еиг":
            out.append(ch)
            continue
        piece = table.get(lower, "")
        if ukrainian and lower == "г":
            piece = "h" if scheme != "de" else "h"
        elif ukrainian and lower == "и":
            piece = "y"
        elif lower == "г":
            # French writes Evgueni, Serguei: g stays hard before e/i.
            piece = "gu" if scheme == "fr" and nxt in ("е", "и", "й", "ё") else "g"
        elif lower == "е" and (at_start or after_vowel):
            piece = {"icao": "e", "bgn": "ye", "fr": "ie", "de": "je"}[scheme]
            if ukrainian or (scheme == "fr" and at_start):
                piece = "e"  # Ukrainian е is plain e; French writes Evgueni, Elena
        elif ukrainian and scheme == "icao" and at_start and lower in "юяйї":
            piece = {"ю": "yu", "я": "ya", "й": "y", "ї": "yi"}[lower]
        elif lower == "є" and at_start:
            piece = {"icao": "ye", "bgn": "ye", "fr": "ie", "de": "je"}[scheme]
        elif lower == "и" and nxt == "й" and scheme in ("fr", "de") and i + 2 == len(chars):
            # Dmitri, Iouri: the -ий ending is written -i in French and German.
            piece = "i"
        elif lower == "й" and prev == "и" and scheme in ("fr", "de") and i + 1 == len(chars):
            piece = ""
        elif lower == "я" and scheme == "fr" and prev == "и":
            piece = "a"  # Ioulia, Maria
        elif lower == "с" and scheme in ("fr", "de") and prev in VOWELS and nxt in VOWELS:
            piece = "ss"
        if ch.isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    return "".join(out)


def latin_variants(cyrillic: str) -> list[str]:
    seen: list[str] = []
    for scheme in ("icao", "bgn", "fr", "de"):
        spelled = cyrillic_to_latin(cyrillic, scheme)
        if spelled not in seen:
            seen.append(spelled)
    return seen


def feminine_surname(name: str) -> str:
    """Иванов → Иванова, Вишневский → Вишневская; Ukrainian -енко, -ук, -ник do not change."""
    if name.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return name + "а"
    if name.endswith("ский"):
        return name[:-4] + "ская"
    if name.endswith("ov") or name.endswith("ev") or name.endswith("in"):
        return name + "a"
    if name.endswith("sky"):
        return name[:-3] + "skaya"
    return name
