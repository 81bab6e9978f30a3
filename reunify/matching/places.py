"""Place comparison keys: phonetic keys of the meaningful words, and city exonyms.

Posts and reports name the same place in different languages and scripts (Alep / Aleppo /
حلب, Beyrouth / Beirut). Each meaningful word gives a cross-script consonant key
(lampedusa and لامبيدوزا both give "lmbds"), and names of large cities on migration and
conflict routes are mapped to one id through the exonym table below (names in English,
French, local romanisation and the local script, as listed in any atlas index).
"""

from __future__ import annotations

import functools

from .text import cross_skeleton, fold, place_words

# Generic words that say what kind of place, not which one.
STOPWORDS = frozenset(
    [
        "hospital",
        "hopital",
        "hospitalier",
        "chu",
        "clinic",
        "clinique",
        "centre",
        "center",
        "red",
        "cross",
        "croix",
        "rouge",
        "crescent",
        "croissant",
        "shelter",
        "camp",
        "gare",
        "station",
        "near",
        "around",
        "pres",
        "proche",
        "city",
        "ville",
        "jungle",
        "hotspot",
        "school",
        "ecole",
        "stade",
        "stadium",
        "church",
        "mosque",
        "eglise",
        "mosquee",
        "hotel",
        "north",
        "south",
        "east",
        "west",
        "nord",
        "sud",
        "est",
        "ouest",
        "saint",
        "the",
        "les",
        "des",
        "del",
        "della",
        "and",
        "avec",
        "accueil",
        "reception",
        "old",
        "new",
        "centro",
        "district",
        "quartier",
        "area",
        "zone",
        "region",
        "province",
        "street",
        "rue",
        "avenue",
        "road",
    ]
)

_EXONYMS = """
aleppo alep halab حلب
beirut beyrouth bayrut بيروت
cairo caire qahira alqahira القاهرة
istanbul stamboul constantinople إسطنبول اسطنبول
casablanca casa الدار البيضاء
tripoli trablous tarabulus طرابلس
damascus damas dimashq دمشق
homs hims حمص
baghdad bagdad بغداد
mosul mossoul الموصل
gaziantep antep عنتاب
antakya antioch antioche hatay أنطاكيا
tehran teheran تهران طهران
kabul caboul کابل كابل
algiers alger aljazair الجزائر
tunis تونس
rabat الرباط
amman عمان
marseille marseilles مرسيليا
paris باريس
calais كاليه
lyon lyons ليون
athens athenes athina
brussels bruxelles brussel
geneva geneve genf
munich munchen
vienna vienne wien
warsaw varsovie warszawa
london londres لندن
moscow moscou moskva москва
kyiv kiev kyyiv kyjiv київ киев
lviv lvov lwow львів львов
kharkiv kharkov харків харьков
odesa odessa одеса одесса
mariupol marioupol маріуполь мариуполь
dnipro dnipropetrovsk дніпро днепр
zaporizhzhia zaporozhye запоріжжя запорожье
jerusalem jerusalem alquds القدس
gaza غزة
"""


@functools.cache
def _exonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _EXONYMS.strip().splitlines():
        words = line.split()
        city = fold(words[0])
        for word in words:
            key = " ".join(place_words(word))
            if key:
                table[key] = city
                table[key.replace(" ", "")] = city
    return table


@functools.lru_cache(maxsize=100_000)
def place_keys(words: tuple[str, ...]) -> frozenset[str]:
    """Keys two spellings of the same place share: 'c:<city>' and 'w:<consonant key>'."""
    keys: set[str] = set()
    table = _exonyms()
    for i, word in enumerate(words):
        for span in (word, " ".join(words[i : i + 2]), "".join(words[i : i + 2])):
            city = table.get(span)
            if city:
                keys.add("c:" + city)
        if len(word) < 3 or word in STOPWORDS:
            continue
        key = cross_skeleton(word)
        if len(key) >= 2:
            keys.add("w:" + key)
            if key.endswith("s") and len(key) >= 4:
                keys.add("w:" + key[:-1])  # Marseilles / Marseille, Lyons / Lyon
    return frozenset(keys)
