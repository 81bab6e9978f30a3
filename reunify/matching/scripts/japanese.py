"""Japanese names: family name then given name, several readings each, Hepburn variants.

A kanji name has several readings (大翔: Hiroto, Haruto, Yamato; 陽菜: Haruna, Hina) and
the family abroad writes whichever the person uses, so we keep all we know:

1. every reading pykakasi's dictionary lists for the written form (it holds many names);
2. readings put together kanji by kanji, from the name readings each kanji takes in the
   dictionary's own entries (陽之 is Haruyuki and 之 is Yuki, so 陽 reads Haru in names),
   most frequent first, for names the dictionary does not hold;
3. pykakasi's conversion, which also covers kana.

Each reading is written the ways people write it: long vowels dropped (Sato), kept (Satou)
or with an h (Satoh), and Kunrei-shiki (Syohei). A name written without a space is split
after the family name, at pykakasi's first word.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict

from ..text import to_ascii

_KANJI_RE = re.compile("^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]+$")
_LONG_O_RE = re.compile(r"o[ou](?![aeiou])")
# at most this many readings per name unit (the engine keeps 8 spellings per unit)
MAX_READINGS = 4
MAX_CHARS = 12  # a family name and a given name written together are shorter than this


@functools.cache
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


@functools.cache
def _table() -> dict:
    from pykakasi.kanji import Kanwa

    return Kanwa()._jisyo_table  # first character -> {written form: [(reading, tail)]}


def _listed(surface: str) -> list[str]:
    entries = (_table().get(ord(surface[0])) or {}).get(surface, [])
    return list(dict.fromkeys(yomi for yomi, tail in entries if tail is None))


@functools.cache
def _kanji_readings() -> dict[str, Counter]:
    """How often each reading of a kanji appears inside the dictionary's two-kanji words."""
    single: dict[str, Counter] = defaultdict(Counter)
    pairs = []
    for entries in _table().values():
        for surface, values in entries.items():
            if not _KANJI_RE.match(surface) or len(surface) > 2:
                continue
            for yomi, tail in values:
                if tail is None:
                    if len(surface) == 1:
                        single[surface][yomi] += 1
                    else:
                        pairs.append((surface, yomi))
    derived: dict[str, Counter] = defaultdict(Counter)
    for surface, yomi in pairs:
        first, second = surface
        for head in single.get(first, ()):
            if yomi.startswith(head) and len(yomi) > len(head):
                derived[second][yomi[len(head) :]] += 1
        for tail in single.get(second, ()):
            if yomi.endswith(tail) and len(yomi) > len(tail):
                derived[first][yomi[: -len(tail)]] += 1
    out = {}
    for kanji in set(single) | set(derived):
        counts = Counter({y: c for y, c in derived.get(kanji, {}).items() if c >= 2})
        for yomi in single.get(kanji, ()):
            counts[yomi] += 1
        out[kanji] = counts
    return out


def _composed(surface: str, limit: int) -> list[str]:
    """Readings put together kanji by kanji, most frequent combination first."""
    if not _KANJI_RE.match(surface) or not 2 <= len(surface) <= 3:
        return []
    table = _kanji_readings()
    options = []
    for kanji in surface:
        counts = table.get(kanji)
        if not counts:
            return []
        options.append(counts.most_common(4))
    combos = []
    for combo in itertools.product(*options):
        score = 1
        for _, count in combo:
            score *= count
        combos.append((score, "".join(yomi for yomi, _ in combo)))
    combos.sort(key=lambda c: -c[0])
    return [yomi for _, yomi in combos[:limit]]


def _romaji(kana: str) -> tuple[str, str]:
    """(Hepburn, Kunrei) of a kana reading, as pykakasi writes them (long vowels kept)."""
    parts = _kakasi().convert(kana)
    return "".join(p["hepburn"] for p in parts), "".join(p["kunrei"] for p in parts)


def _short(romaji: str) -> str:
    return romaji.replace("ou", "o").replace("oo", "o").replace("uu", "u")


@functools.lru_cache(maxsize=50_000)
def readings(surface: str) -> tuple[str, ...]:
    """Latin spellings of one name unit (kanji or kana), most likely first."""
    kana = _listed(surface)
    converted = "".join(p["hira"] for p in _kakasi().convert(surface))
    kana.append(converted)
    kana.extend(_composed(surface, limit=2 if len(kana) > 1 else 4))
    kana = list(dict.fromkeys(k for k in kana if k))[:MAX_READINGS]
    romaji = [_romaji(k) for k in kana]
    forms = [_short(hepburn) for hepburn, _ in romaji]
    first, kunrei = romaji[0]
    forms.insert(1, first)  # Satou
    forms.append(_LONG_O_RE.sub("oh", first))  # Satoh
    forms.append(_short(kunrei))  # Syohei
    forms.append(re.sub(r"n(?=[bmp])", "m", forms[0]))  # Sampei
    cleaned = (to_ascii(f) for f in forms)
    return tuple(dict.fromkeys(f for f in cleaned if f))


def _split(word: str) -> list[str]:
    """A name written without a space: family name (pykakasi's first word), given name."""
    parts = [p["orig"] for p in _kakasi().convert(word)]
    if len(parts) >= 2:
        rest = "".join(parts[1:])
        if len(parts[0]) >= 2 or len(rest) >= 2:
            return [parts[0], rest]
    return [word]


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    if len(word) > MAX_CHARS:  # not one name: ICU's reading only (bounded work)
        return [(word, (to_ascii(word),))]
    return [(part, readings(part)) for part in _split(word)]
