"""Who people are (name origin, given and family names) and how each kind of writer spells them.

Name pools: Faker's locale lists (fr_FR, fr_DZ, tr_TR, uk_UA, ru_RU) for the long tail, and
short hand-weighted lists of the most common names on top, because real boards are dominated by
a few very common names (namesakes) that Faker's alphabetical lists do not weight. Arabic and
Persian names are phonemic (see ``arabic.py``); Ukrainian and Russian are Cyrillic; the others
are Latin as their bearers write them.
"""

import re
from dataclasses import dataclass
from random import Random

from faker.providers.person.fr_DZ import Provider as FrDz
from faker.providers.person.fr_FR import Provider as FrFr
from faker.providers.person.ru_RU import Provider as RuRu
from faker.providers.person.tr_TR import Provider as TrTr
from faker.providers.person.uk_UA import Provider as UkUa

from bench.worldlists import arabic, cyrillic
from bench.worldlists.choice import chance, pick, zipf_weights
from bench.worldlists.heads import (
    ARAB_FAMILY,
    ARAB_FEMALE,
    ARAB_MALE,
    PERSIAN_FAMILY,
    PERSIAN_FEMALE,
    PERSIAN_MALE,
    TURKISH_FEMALE,
    TURKISH_MALE,
    UKRAINIAN_FAMILY,
    UKRAINIAN_FEMALE,
    UKRAINIAN_MALE,
    WEST_AFRICAN_FAMILY,
    WEST_AFRICAN_FEMALE,
    WEST_AFRICAN_MALE,
)


@dataclass(frozen=True)
class Identity:
    origin: str  # french, maghreb, westafrican, arab, persian, turkish, ukrainian, russian
    sex: str  # "M" or "F"
    given: str  # in the origin's own form: Latin, phonemic (arab, persian) or Cyrillic
    family: str
    father: str = ""  # father's given name: an Arabic nasab or the source of a patronymic


# The hand-weighted head is drawn this often; the rest of the time a Faker locale list is
# (the long tail of rarer names).
HEAD_SHARE = 0.7


def _weighted(names, weights=None) -> dict:
    weights = weights or [1.0] * len(names)
    table: dict = {}
    for name, weight in zip(names, weights, strict=True):
        if _is_clean(name):
            table[name] = table.get(name, 0) + weight
    return table


def _is_clean(name: str) -> bool:
    # Faker's lists carry a few typos (a trailing dot, a stray tilde) no family would write.
    return all(char.isalpha() or char in " -'ʼ’" for char in name)


FRENCH_FAMILY = _weighted(FrFr.last_names, zipf_weights(len(FrFr.last_names)))
FRENCH_MALE = _weighted(FrFr.first_names_male)
FRENCH_FEMALE = _weighted(FrFr.first_names_female)
MAGHREB_FAMILY = _weighted(FrDz.last_names)
MAGHREB_MALE = _weighted(FrDz.first_names_male)
MAGHREB_FEMALE = _weighted(FrDz.first_names_female)
TURKISH_FAMILY = _weighted(TrTr.last_names, zipf_weights(len(TrTr.last_names), offset=1))
TURKISH_MALE_TAIL = _weighted(TrTr.first_names_male)
TURKISH_FEMALE_TAIL = _weighted(TrTr.first_names_female)
RUSSIAN_FAMILY_MALE = list(RuRu.last_names_male)  # index-aligned with the feminine forms
RUSSIAN_FAMILY_WEIGHTS = zipf_weights(len(RUSSIAN_FAMILY_MALE))
RUSSIAN_MALE = _weighted(RuRu.first_names_male)
RUSSIAN_FEMALE = _weighted(RuRu.first_names_female)
UKRAINIAN_FAMILY_TAIL = _weighted(UkUa.last_names)
UKRAINIAN_MALE_TAIL = _weighted(UkUa.first_names_male)
UKRAINIAN_FEMALE_TAIL = _weighted(UkUa.first_names_female)


def draw_family_name(origin: str, rng: Random) -> str:
    """A family's name as the family holds it (masculine form for Slavic names)."""
    head_and_tail = {
        "french": (None, FRENCH_FAMILY),
        "maghreb": (None, MAGHREB_FAMILY),
        "westafrican": (WEST_AFRICAN_FAMILY, None),
        "arab": (ARAB_FAMILY, None),
        "persian": (PERSIAN_FAMILY, None),
        "turkish": (None, TURKISH_FAMILY),
        "ukrainian": (UKRAINIAN_FAMILY, UKRAINIAN_FAMILY_TAIL),
    }
    if origin == "russian":
        index = rng.choices(range(len(RUSSIAN_FAMILY_MALE)), RUSSIAN_FAMILY_WEIGHTS)[0]
        return RUSSIAN_FAMILY_MALE[index]
    return _head_or_tail(*head_and_tail[origin], rng)


def draw_given_name(origin: str, sex: str, rng: Random) -> str:
    male = sex == "M"
    head_and_tail = {
        "french": (None, FRENCH_MALE if male else FRENCH_FEMALE),
        "maghreb": (ARAB_MALE if male else ARAB_FEMALE, MAGHREB_MALE if male else MAGHREB_FEMALE),
        "westafrican": (WEST_AFRICAN_MALE if male else WEST_AFRICAN_FEMALE, None),
        "arab": (ARAB_MALE if male else ARAB_FEMALE, None),
        "persian": (PERSIAN_MALE if male else PERSIAN_FEMALE, None),
        "turkish": (
            TURKISH_MALE if male else TURKISH_FEMALE,
            TURKISH_MALE_TAIL if male else TURKISH_FEMALE_TAIL,
        ),
        "ukrainian": (
            UKRAINIAN_MALE if male else UKRAINIAN_FEMALE,
            UKRAINIAN_MALE_TAIL if male else UKRAINIAN_FEMALE_TAIL,
        ),
        "russian": (None, RUSSIAN_MALE if male else RUSSIAN_FEMALE),
    }
    name = _head_or_tail(*head_and_tail[origin], rng)
    if origin == "french" and chance(rng, 0.1):
        # Compound French given names (Jean-Pierre, Marie-Claire): split or glued by lists.
        name = f"{name}-{_head_or_tail(None, FRENCH_MALE if male else FRENCH_FEMALE, rng)}"
    return name


def _head_or_tail(head: dict | None, tail: dict | None, rng: Random):
    if head and (tail is None or chance(rng, HEAD_SHARE)):
        return pick(rng, head)
    return pick(rng, tail)


def feminine_family_name(family: str, origin: str) -> str:
    """East Slavic family names agree with the bearer's sex (Зайцев, Зайцева)."""
    if origin == "russian":
        index = RUSSIAN_FAMILY_MALE.index(family)
        return RuRu.last_names_female[index]
    if origin == "ukrainian":
        for masculine, feminine in (("ський", "ська"), ("цький", "цька"), ("ий", "а")):
            if family.endswith(masculine):
                return family[: -len(masculine)] + feminine
        if family.endswith(("ов", "ев", "єв", "ин", "ін")):
            return family + "а"
    return family


def patronymic(father: str, sex: str, origin: str) -> str:
    """Father's name as an East Slavic patronymic (Петрович, Петрівна); regular forms only."""
    stem = father
    if stem.endswith(("о", "а")):
        stem = stem[:-1]
    if origin == "russian" and stem.endswith("ей"):
        return stem[:-1] + ("евич" if sex == "M" else "евна")
    if origin == "russian" and stem.endswith("ий"):
        return stem[:-2] + ("ьевич" if sex == "M" else "ьевна")
    if sex == "M":
        return stem + "ович"
    return stem + ("івна" if origin == "ukrainian" else "овна")


# --- writing a name in a convention ---------------------------------------------------------

LATIN_CONVENTIONS = (
    "latin_fr",
    "latin_en",
    "latin_de",
    "latin_pl",
    "latin_tr",
    "passport",
    "scholarly",
)
# How writers who do not have a letter write it (Turkish letters abroad, French accents).
FOREIGN_LETTERS = {
    "latin_fr": {"ş": "ch", "ç": "tch", "ğ": "", "ı": "i", "İ": "I", "Ş": "Ch", "Ç": "Tch"},
    "latin_en": {
        "ş": "sh",
        "ç": "ch",
        "ğ": "",
        "ı": "i",
        "İ": "I",
        "Ş": "Sh",
        "Ç": "Ch",
        "ö": "o",
        "ü": "u",
        "é": "e",
        "è": "e",
        "ë": "e",
        "ï": "i",
        "â": "a",
    },
    "latin_de": {"ş": "sch", "ç": "tsch", "ğ": "", "ı": "i", "İ": "I", "Ş": "Sch", "Ç": "Tsch"},
}


def write(
    identity: Identity, convention: str, rng: Random, russian_speaker: bool = False
) -> tuple[str, str, str]:
    """(given, family, extra) as a writer of ``convention`` puts them down. ``extra`` is the
    father's name or patronymic when the convention usually carries it, else ''."""
    family = identity.family
    if identity.sex == "F":
        family = feminine_family_name(family, identity.origin)
    if identity.origin in ("arab", "persian", "maghreb") and _is_phonemic(identity.given):
        return _write_phonemic(identity, family, convention, rng)
    if identity.origin in ("ukrainian", "russian"):
        return _write_cyrillic(identity, family, convention, rng, russian_speaker)
    given = _variant(identity.given, rng) if identity.origin == "westafrican" else identity.given
    family = _variant(family, rng) if identity.origin == "westafrican" else family
    return _write_latin(given, convention, rng), _write_latin(family, convention, rng), ""


def _is_phonemic(name: str) -> bool:
    return (
        name in ARAB_MALE or name in ARAB_FEMALE or name in PERSIAN_MALE or name in PERSIAN_FEMALE
    )


def _variant(name, rng: Random) -> str:
    """West African names: the bearer's own spelling most of the time, another variant else."""
    if isinstance(name, str):
        return name
    if chance(rng, 0.6):
        return name[0]
    return rng.choice(name)


def _write_phonemic(
    identity: Identity, family: str, convention: str, rng: Random
) -> tuple[str, str, str]:
    persian = identity.origin == "persian"
    if identity.origin == "maghreb":
        family_text = _write_latin(family, convention, rng)  # fr_DZ family names are Latin already
    else:
        family_text = _phonemic_in(family, convention, rng, persian)
    given = _phonemic_in(identity.given, convention, rng, persian)
    father = identity.father
    if father:
        # A Maghreb father's name may come from the Latin (fr_DZ) list.
        if _is_phonemic(father):
            father = _phonemic_in(father, convention, rng, persian)
        else:
            father = _write_latin(father, convention, rng)
    return given, family_text, father


def _phonemic_in(phonemic: str, convention: str, rng: Random, persian: bool) -> str:
    if convention == "arabic":
        return arabic.to_arabic_script(phonemic, rng, persian)
    if convention == "machine":
        # An automatic romaniser run on the Arabic script: no vowels, diacritics kept.
        return cyrillic.icu_transliterate(
            "Arabic-Latin", arabic.to_arabic_script(phonemic, rng, persian)
        )
    if convention == "cyrillic":
        return cyrillic.icu_transliterate(
            "Latin-Cyrillic", arabic.to_latin(phonemic, "latin_en", rng)
        )
    if convention in ("passport", "latin_pl"):
        convention = "latin_en"
    return arabic.to_latin(phonemic, convention, rng, persian)


def _write_cyrillic(
    identity: Identity, family: str, convention: str, rng: Random, russian_speaker: bool
) -> tuple[str, str, str]:
    russian = identity.origin == "russian"
    given = identity.given
    given_is_russian = russian
    if not russian and (russian_speaker or chance(rng, 0.1)):
        given = cyrillic.russian_form(given)  # a Russian-speaking clerk or an old document
        given_is_russian = given != identity.given
    father = patronymic(identity.father, identity.sex, identity.origin) if identity.father else ""
    if convention == "cyrillic":
        return given, family, father
    western = cyrillic.western_form(identity.given, convention)
    if western and chance(rng, 0.08):
        given_text = western  # staff abroad write the local equivalent (Alexandre)
    else:
        given_text = _cyrillic_in(given, convention, rng, given_is_russian)
    family_text = _cyrillic_in(family, convention, rng, russian)
    return given_text, family_text, _cyrillic_in(father, convention, rng, russian) if father else ""


def _cyrillic_in(name: str, convention: str, rng: Random, russian: bool) -> str:
    if convention in ("machine", "latin_tr"):
        convention = "latin_en"
    if convention == "arabic":
        return cyrillic.icu_transliterate("Russian-Latin/BGN; Latin-ASCII; Latin-Arabic", name)
    return cyrillic.to_latin(name, convention, rng, russian)


def _write_latin(name: str, convention: str, rng: Random) -> str:
    if convention == "arabic":
        return latin_in_arabic_script(name)
    if convention == "cyrillic":
        return cyrillic.icu_transliterate("Latin-ASCII; Latin-Cyrillic", name)
    letters = FOREIGN_LETTERS.get(convention)
    if letters and chance(rng, 0.8):
        name = "".join(letters.get(char, char) for char in name)
    return name


# Foreign names in Arabic script are written with their vowels as letters (Dupont: دوبون), so
# every vowel is made long before ICU's Latin-Arabic; a French mute e is dropped.
LONG_VOWELS = {"a": "ā", "i": "ī", "y": "ī", "o": "ū", "u": "ū", "e": ""}
LATIN_DIGRAPHS = {"kh": "خ", "ch": "ش", "sh": "ش", "dj": "ج", "gh": "غ", "th": "ث"}
# Letters Arabic does not have, as Arab clerks replace them (ICU would write Persian letters).
ARABIC_FOR_PERSIAN = {"پ": "ب", "ڤ": "ف", "گ": "ج", "چ": "تش", "ژ": "ج"}


def latin_in_arabic_script(name: str) -> str:
    text = cyrillic.icu_transliterate("Latin-ASCII", name).lower()
    text = re.sub(r"([a-z])\1", r"\1", text)  # doubled letters are written once
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    text = "".join(_long_vowel(text, i) for i in range(len(text)))
    for digraph, letter in LATIN_DIGRAPHS.items():
        text = text.replace(digraph, letter)
    arabic_text = cyrillic.icu_transliterate("Latin-Arabic", text)
    arabic_text = "".join(ARABIC_FOR_PERSIAN.get(char, char) for char in arabic_text)
    # ICU writes short vowels as diacritics; hand-written Arabic does not.
    return "".join(char for char in arabic_text if not "\u064b" <= char <= "\u0652")


def _long_vowel(text: str, i: int) -> str:
    char = text[i]
    starts_word = i == 0 or not text[i - 1].isalpha()
    if starts_word and char in "ei":
        return "إī"  # an initial vowel is carried by an alif
    if starts_word and char in "ou":
        return "أū"
    if char == "y" and starts_word:
        return "y"
    return LONG_VOWELS.get(char, char)
