"""The people of a generated set and how each writer spells their names: styles (which
population, which writers), families and namesakes, and spellings across scripts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache

from bench.datasets import perturb
from bench.datasets.names import (
    PATRONYMICS,
    FamilyName,
    GivenName,
    Place,
    load_family,
    load_given,
    load_places,
)
from bench.datasets.translit import cyrillic_to_latin, feminine_surname

COLUMNS = (
    "id",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "age",
    "date_of_birth",
    "sex",
    "location",
)


@dataclass(frozen=True)
class Style:
    name: str
    origins: dict[str, float]
    # probability that a name is written in its own non-Latin script (Arabic, Cyrillic)
    native_script_left: float
    native_script_right: float
    # probability that a Latin-script name is written in Arabic script by the reporter
    foreign_arabic_right: float
    typo_rate: float
    hospital_list: bool = False
    right_columns: tuple[str, ...] = COLUMNS


STYLES = {
    "mixed": Style(
        "mixed",
        {"arab": 0.32, "fa": 0.05, "ur": 0.05, "tr": 0.06, "wa": 0.08, "ru": 0.08,
         "uk": 0.10, "fr": 0.12, "en": 0.05, "es": 0.05, "pt": 0.04},
        native_script_left=0.2, native_script_right=0.3, foreign_arabic_right=0.04,
        typo_rate=0.08,
    ),
    "mena": Style(
        "mena",
        {"arab": 0.62, "fa": 0.1, "ur": 0.05, "tr": 0.1, "wa": 0.05, "fr": 0.05, "en": 0.03},
        native_script_left=0.35, native_script_right=0.4, foreign_arabic_right=0.1,
        typo_rate=0.08,
    ),
    "ukraine": Style(
        "ukraine",
        {"uk": 0.55, "ru": 0.2, "arab": 0.08, "wa": 0.05, "fr": 0.05, "en": 0.04, "tr": 0.03},
        native_script_left=0.4, native_script_right=0.5, foreign_arabic_right=0.02,
        typo_rate=0.08,
    ),
    "hospital": Style(
        "hospital",
        {"arab": 0.3, "fa": 0.05, "ur": 0.05, "tr": 0.05, "wa": 0.1, "ru": 0.07,
         "uk": 0.08, "fr": 0.15, "en": 0.05, "es": 0.06, "pt": 0.04},
        native_script_left=0.2, native_script_right=0.15, foreign_arabic_right=0.03,
        typo_rate=0.14, hospital_list=True,
        right_columns=("id", "full_name", "age", "sex", "location"),
    ),
}  # fmt: skip


# Where people of each origin are looked for (regions or place keys from names.PLACES).
ORIGIN_PLACES = {
    "arab": ("lev", "egy", "mag", "paris", "marseille", "lyon", "calais", "lampedusa"),
    "fa": ("tehran", "gaziantep", "istanbul", "paris", "london", "calais"),
    "ur": ("london", "paris", "calais", "istanbul"),
    "tr": ("istanbul", "hatay", "gaziantep", "paris", "lyon"),
    "wa": ("wa", "lampedusa", "paris", "marseille", "madrid"),
    "ru": ("ua", "paris", "nice", "london"),
    "uk": ("ua", "ua", "paris", "lyon", "london", "madrid", "lisbon"),
    "fr": ("fr", "fr", "beirut", "london"),
    "en": ("london", "paris", "nice"),
    "es": ("madrid", "paris", "marseille"),
    "pt": ("lisbon", "paris", "lyon"),
}


HOSPITAL_WORDS = ("Hôpital", "CHU", "Hospital", "Centre d'accueil", "Red Cross shelter")


@cache
def inventory() -> tuple[list[GivenName], list[FamilyName], list[Place]]:
    return load_given(), load_family(), load_places()


@dataclass
class Person:
    origin: str
    sex: str
    given: GivenName
    family: FamilyName
    age: int
    place: Place
    ukrainian: bool = False  # uses the Ukrainian Cyrillic forms
    second_given: GivenName | None = None  # Mohamed Amine
    father: GivenName | None = None  # nasab / patronymic
    second_family: FamilyName | None = None  # Spanish second surname
    home: dict[str, str] = field(default_factory=dict)  # the family's own spellings
    group: int = 0


def weighted(rng: random.Random, options: list[str] | tuple[str, ...], decay: float = 0.7):
    """Pick a spelling, the first ones (the most common) more often."""
    weights = [decay**i for i in range(len(options))]
    return rng.choices(list(options), weights=weights)[0]


def _cyrillic_forms(forms: tuple[str, ...], ukrainian: bool) -> list[tuple[str, bool]]:
    ru = [(f, False) for f in forms if not f.startswith("ua:")]
    ua = [(f[3:], True) for f in forms if f.startswith("ua:")]
    if ukrainian:
        return ua or ru
    return ru or ua


def arabic_forms(forms: tuple[str, ...]) -> list[str]:
    return [f for f in forms if perturb.is_arabic(f)]


def _has_cyrillic(forms: tuple[str, ...]) -> bool:
    return any(perturb.is_cyrillic(f) for f in forms)


class Speller:
    """Writes one person's names in a script, with the variation real writers have."""

    def __init__(self, rng: random.Random, side: str):
        self.rng = rng
        self.side = side

    def cyrillic(self, forms: tuple[str, ...], person: Person, feminine: bool) -> str:
        ukrainian = person.ukrainian and self.rng.random() > 0.15  # sometimes russified
        options = _cyrillic_forms(forms, ukrainian)
        text, _ = options[0]
        return feminine_surname(text) if feminine else text

    def latin_from_cyrillic(
        self, latin: tuple[str, ...], forms: tuple[str, ...], person: Person, feminine: bool
    ) -> str:
        ukrainian = person.ukrainian and self.rng.random() > 0.15
        cyr, is_ua = _cyrillic_forms(forms, ukrainian)[0]
        if feminine:
            cyr = feminine_surname(cyr)
        schemes = ["icao", "bgn", "fr", "de"]
        # The international spelling (Alexander, Dmitri) is only for the Russian form.
        if latin and not is_ua and self.rng.random() < 0.45:
            spelled = weighted(self.rng, latin)
            return feminine_surname(spelled) if feminine else spelled
        # A family copies the passport; reporters write it the way their language does.
        weights = [0.6, 0.3, 0.05, 0.05] if self.side == "left" else [0.35, 0.35, 0.15, 0.15]
        scheme = self.rng.choices(schemes, weights=weights)[0]
        return cyrillic_to_latin(cyr, scheme, ukrainian=is_ua)


def make_person(
    rng: random.Random,
    style: Style,
    origin: str | None = None,
    family: FamilyName | None = None,
    place: Place | None = None,
    age: int | None = None,
    sex: str | None = None,
    exclude_given: set[str] | None = None,
) -> Person:
    given_all, family_all, places = inventory()
    if origin is None:
        origin = rng.choices(list(style.origins), weights=list(style.origins.values()))[0]
    if sex is None:
        sex = rng.choice("MF")
    pool = [
        g
        for g in given_all
        if origin in g.origins and g.sex == sex and g.key not in (exclude_given or set())
    ]
    if not pool:  # a big family has used every name of a small inventory
        pool = [g for g in given_all if origin in g.origins and g.sex == sex]
    given = rng.choice(pool)
    if family is None:
        family = rng.choice([f for f in family_all if origin in f.origins])
    if place is None:
        choice = rng.choice(ORIGIN_PLACES[origin])
        candidates = [p for p in places if p.key == choice or p.region == choice]
        place = rng.choice(candidates)
    if age is None:
        age = rng.randint(1, 17) if rng.random() < 0.28 else rng.randint(18, 86)
    person = Person(origin, sex, given, family, age, place)
    person.ukrainian = origin == "uk" or (origin == "ru" and rng.random() < 0.1)
    if origin in ("arab", "ur") and sex == "M" and given.key != "mohamed" and rng.random() < 0.12:
        # Mohamed Amine, Mohamed Ali: the compound given names of the Maghreb and Egypt.
        person.second_given = given
        person.given = next(g for g in given_all if g.key == "mohamed")
    fathers = [g for g in given_all if origin in g.origins and g.sex == "M"]
    if origin in ("ru", "uk"):
        fathers = [g for g in fathers if g.key in PATRONYMICS]
    if fathers:
        person.father = rng.choice(fathers)
    if origin == "es":
        person.second_family = rng.choice([f for f in family_all if "es" in f.origins])
    return person


def spell_given(sp: Speller, g: GivenName, person: Person, script: str, rng: random.Random) -> str:
    if script == "cyrillic" and _has_cyrillic(g.script):
        return sp.cyrillic(g.script, person, feminine=False)
    if script == "arabic" and arabic_forms(g.script):
        text = weighted(rng, arabic_forms(g.script), 0.6)
        return perturb.persian_letters(text) if person.origin == "fa" else text
    if _has_cyrillic(g.script):
        return sp.latin_from_cyrillic(g.latin, g.script, person, feminine=False)
    return weighted(rng, g.latin)


def spell_family(
    sp: Speller, f: FamilyName, person: Person, script: str, rng: random.Random
) -> str:
    feminine = person.sex == "F"
    if script == "cyrillic" and _has_cyrillic(f.script):
        return sp.cyrillic(f.script, person, feminine)
    if script == "arabic" and arabic_forms(f.script):
        text = weighted(rng, arabic_forms(f.script), 0.6)
        return perturb.persian_letters(text) if person.origin == "fa" else text
    if _has_cyrillic(f.script):
        return sp.latin_from_cyrillic(f.latin, f.script, person, feminine)
    return weighted(rng, f.latin)


def patronymic(person: Person, script: str, rng: random.Random) -> str | None:
    if person.father is None or person.father.key not in PATRONYMICS:
        return None
    ru_m, ru_f, ua_m, ua_f = PATRONYMICS[person.father.key]
    if person.ukrainian:
        text = ua_f if person.sex == "F" else ua_m
    else:
        text = ru_f if person.sex == "F" else ru_m
    if script == "cyrillic":
        return text
    return cyrillic_to_latin(text, rng.choice(("icao", "bgn")), ukrainian=person.ukrainian)


def native_script(person: Person) -> str:
    if person.origin in ("arab", "fa", "ur"):
        return "arabic"
    if person.origin in ("ru", "uk"):
        return "cyrillic"
    return "latin"


def family_group(rng: random.Random, style: Style, group: int) -> list[Person]:
    size = rng.choices((1, 2, 3, 4), weights=(0.55, 0.25, 0.12, 0.08))[0]
    head = make_person(rng, style)
    if size > 1 and head.age < 25:
        head.age = rng.randint(28, 55)
    head.group = group
    members = [head]
    used = {head.given.key}
    for _ in range(size - 1):
        child_age = rng.randint(1, max(2, min(17, head.age - 18)))
        member = make_person(
            rng,
            style,
            origin=head.origin,
            family=head.family,
            place=head.place,
            age=child_age,
            exclude_given=used,
        )
        member.ukrainian = head.ukrainian
        member.second_family = head.second_family
        member.group = group
        used.add(member.given.key)
        members.append(member)
    return members


def namesake(rng: random.Random, person: Person) -> Person:
    """Same name, an age far enough apart that a family would never confuse them."""
    ages = [a for a in range(1, 87) if abs(a - person.age) >= 12]
    twin = Person(
        person.origin,
        person.sex,
        person.given,
        person.family,
        rng.choice(ages),
        person.place
        if rng.random() < 0.5
        else make_person(rng, STYLES["mixed"], person.origin).place,
        ukrainian=person.ukrainian,
        second_given=person.second_given,
        father=None,
        second_family=person.second_family,
    )
    return twin
