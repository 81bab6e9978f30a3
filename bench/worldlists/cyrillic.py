"""Ukrainian and Russian names written in the conventions of the places people fled to.

- ``cyrillic``: as written at home (Ukrainian, or the Russian form a Russian-speaking clerk uses).
- ``passport``: the Ukrainian national system (KMU 2010, ICU's Ukrainian-Latin/BGN): Oleksandr.
- ``latin_en``: English BGN, from the Russian form half of the time (older documents, NGO lists).
- ``latin_fr``: French by ear (ou, ch, tch, j, ï): Zaïtseva, Olexandre.
- ``latin_de``: German Duden (w, sch, tsch, s for з, z for ц): Saizewa.
- ``latin_pl``: Polish (w, sz, cz, c for ц, j for й): Zajcewa.
- ``scholarly``: ISO 9 (ICU's Cyrillic-Latin): Zajceva with diacritics.
"""

from random import Random

import icu

from bench.worldlists.choice import pick

_TRANSLITERATORS: dict[str, icu.Transliterator] = {}


def _icu(rule: str) -> icu.Transliterator:
    if rule not in _TRANSLITERATORS:
        _TRANSLITERATORS[rule] = icu.Transliterator.createInstance(rule)
    return _TRANSLITERATORS[rule]


def icu_transliterate(rule: str, text: str) -> str:
    return _icu(rule).transliterate(text)


# Letter tables by ear; a value may be a dict of weighted spellings (writers hesitate).
_BASE = {
    "а": "a",
    "б": "b",
    "д": "d",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "т": "t",
    "ф": "f",
    "ь": "",
    "ъ": "",
    "'": "",
    "ʼ": "",
    "’": "",
}
BY_EAR = {
    "latin_fr": _BASE
    | {
        "в": "v",
        "г": "g",
        "ґ": "g",
        "е": "e",
        "ё": "io",
        "є": "ie",
        "ж": "j",
        "з": "z",
        "и": "i",
        "і": "i",
        "ї": "ï",
        "й": {"ï": 1, "i": 2},
        "с": "s",
        "у": "ou",
        "х": "kh",
        "ц": "ts",
        "ч": "tch",
        "ш": "ch",
        "щ": "chtch",
        "ы": "y",
        "э": "e",
        "ю": "iou",
        "я": "ia",
    },
    "latin_de": _BASE
    | {
        "в": "w",
        "г": "g",
        "ґ": "g",
        "е": "e",
        "ё": "jo",
        "є": "je",
        "ж": "sch",
        "з": "s",
        "и": "i",
        "і": "i",
        "ї": "ji",
        "й": {"i": 1, "j": 1},
        "с": "s",
        "у": "u",
        "х": "ch",
        "ц": "z",
        "ч": "tsch",
        "ш": "sch",
        "щ": "schtsch",
        "ы": "y",
        "э": "e",
        "ю": "ju",
        "я": "ja",
    },
    "latin_pl": _BASE
    | {
        "в": "w",
        "г": "h",
        "ґ": "g",
        "е": "e",
        "ё": "io",
        "є": "je",
        "ж": "ż",
        "з": "z",
        "и": "y",
        "і": "i",
        "ї": "ji",
        "й": "j",
        "с": "s",
        "у": "u",
        "х": "ch",
        "ц": "c",
        "ч": "cz",
        "ш": "sz",
        "щ": "szcz",
        "ы": "y",
        "э": "e",
        "ю": "ju",
        "я": "ja",
    },
}
# A Ukrainian г is heard h and и is heard y; in Russian they are g and i.
UKRAINIAN_BY_EAR = {"г": "h", "и": "y"}
RUSSIAN_BY_EAR = {"г": "g", "и": "i"}

# The Russian form of common Ukrainian given names (Soviet-era documents, Russian-speaking
# clerks), and the Western form French, English or German staff write instead.
RUSSIAN_FORM = {
    "Олександр": "Александр",
    "Олексій": "Алексей",
    "Андрій": "Андрей",
    "Сергій": "Сергей",
    "Микола": "Николай",
    "Дмитро": "Дмитрий",
    "Юрій": "Юрий",
    "Володимир": "Владимир",
    "Петро": "Пётр",
    "Василь": "Василий",
    "Григорій": "Григорий",
    "Віктор": "Виктор",
    "Михайло": "Михаил",
    "Олена": "Елена",
    "Наталія": "Наталья",
    "Катерина": "Екатерина",
    "Тетяна": "Татьяна",
    "Ірина": "Ирина",
    "Ольга": "Ольга",
    "Юлія": "Юлия",
    "Анастасія": "Анастасия",
    "Марія": "Мария",
    "Світлана": "Светлана",
    "Галина": "Галина",
    "Євген": "Евгений",
    "Ігор": "Игорь",
    "Іван": "Иван",
    "Людмила": "Людмила",
}
WESTERN_FORM = {
    "Олександр": {"latin_fr": "Alexandre", "latin_en": "Alexander", "latin_de": "Alexander"},
    "Андрій": {"latin_fr": "André", "latin_en": "Andrew", "latin_de": "Andreas"},
    "Петро": {"latin_fr": "Pierre", "latin_en": "Peter", "latin_de": "Peter"},
    "Михайло": {"latin_fr": "Michel", "latin_en": "Michael", "latin_de": "Michael"},
    "Іван": {"latin_fr": "Jean", "latin_en": "John", "latin_de": "Johann"},
    "Марія": {"latin_fr": "Marie", "latin_en": "Mary", "latin_de": "Maria"},
    "Катерина": {"latin_fr": "Catherine", "latin_en": "Catherine", "latin_de": "Katharina"},
    "Юлія": {"latin_fr": "Julie", "latin_en": "Julia", "latin_de": "Julia"},
    "Олена": {"latin_fr": "Hélène", "latin_en": "Helen", "latin_de": "Helena"},
}


def russian_form(name: str) -> str:
    return RUSSIAN_FORM.get(name, name)


def to_latin(name: str, convention: str, rng: Random, russian: bool = False) -> str:
    """One name part (given, family or patronymic) written in ``convention``."""
    if convention == "passport":
        return icu_transliterate("Ukrainian-Latin/BGN", name)
    if convention == "latin_en":
        if rng.random() < 0.5:
            name = russian_form(name)  # older documents and many NGO lists romanise the Russian
        if any(letter in name.lower() for letter in "іїєґ"):
            # A Ukrainian-only letter: the Russian BGN table would leave it in Cyrillic.
            return icu_transliterate("Ukrainian-Latin/BGN; Latin-ASCII", name)
        return icu_transliterate("Russian-Latin/BGN; Latin-ASCII", name)
    if convention == "scholarly":
        return icu_transliterate("Cyrillic-Latin", name)
    return _by_ear(name, BY_EAR[convention], rng, russian)


def western_form(name: str, convention: str) -> str | None:
    return WESTERN_FORM.get(name, {}).get(convention)


def _by_ear(name: str, table: dict, rng: Random, russian: bool) -> str:
    french = table is BY_EAR["latin_fr"]
    table = table | (RUSSIAN_BY_EAR if russian else UKRAINIAN_BY_EAR)
    out = []
    for position, char in enumerate(name):
        lower = char.lower()
        spelling = table.get(lower, char)
        if isinstance(spelling, dict):
            spelling = pick(rng, spelling)
        if lower in "ея" and position == 0 and spelling.startswith("e"):
            spelling = "i" + spelling if french else "j" + spelling
        if lower == "с" and _between_vowels(name, position) and french:
            spelling = "ss"  # French: a single s between vowels would be read z
        out.append(spelling.capitalize() if char != lower else spelling)
    return "".join(out)


def _between_vowels(name: str, position: int) -> bool:
    vowels = "аеєиіїоуюяыэё"
    return (
        0 < position < len(name) - 1
        and name[position - 1] in vowels
        and name[position + 1] in vowels
    )
