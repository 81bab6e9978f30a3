"""Greek names: ICU's modern readings, the spoken spelling, and the classical English forms.

ICU's default Greek-Latin is the classical scheme (Birginia, Chrestos, Mpalaskas), while
Greeks and their families write the modern one (UNGEGN / ELOT 743: Virginia, Christos,
Balaskas) or a spoken, BGN-like one (Yeoryios, Panayiotis, Dinos). Abroad, many given
names take their classical English form (Georgios George, Ioannis John); those, which no
library lists, are below.
"""

from __future__ import annotations

import functools

from ..text import to_ascii

_SCHEMES = ("Greek-Latin/UNGEGN", "Greek-Latin/BGN", "Greek-Latin")

# Modern Greek given name -> the English forms families abroad use for it
_ENGLISH = """
georgios george
ioannis john
nikolaos nicholas nick
konstantinos constantine gus
dimitrios demetrios james jim
christos chris
vasileios vasilios basil bill
panagiotis peter pete
athanasios thanasis tom
evangelos angelo
spyridon spiro
charalampos haralambos harry
emmanouil manuel manolis
michail michael
petros peter
pavlos paul
andreas andrew
alexandros alexander alex
stavros steve
stylianos stelios steve
theodoros theodore ted
antonios anthony tony
ilias elias louis
efstathios stathis
apostolos paul
anastasios tasos
eleftherios lefteris terry
maria mary
eleni helen
aikaterini katerina katherine kathy
sofia sophia
ioanna joanna
vasiliki vicky vasso
panagiota penelope penny
angeliki angela
evangelia angela
konstantina dina
fotini fay
paraskevi voula evie
anastasia stacy
chrysoula chrissy
georgia georgina
dimitra demi
"""


@functools.cache
def _english() -> dict[str, tuple[str, ...]]:
    table = {}
    for line in _ENGLISH.strip().splitlines():
        greek, *english = line.split()
        table[greek] = tuple(english)
    return table


@functools.cache
def _transliterators():
    import icu

    return tuple(icu.Transliterator.createInstance(s + "; Latin-ASCII") for s in _SCHEMES)


@functools.lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[str, ...]:
    forms = [to_ascii(t.transliterate(word)) for t in _transliterators()]
    forms.extend(_english().get(forms[0], ()))
    return tuple(dict.fromkeys(f for f in forms if f))


def units(word: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(word, readings(word))]
