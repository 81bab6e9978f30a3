"""Seeded generator of labelled cross-script linkage sets (missing posts vs found reports).

A set is built in three steps:
1. people: families (1-4 people sharing a family name, origin and place), deliberate
   namesakes (same name, different age) and everyone else;
2. LEFT, the posts a family writes: their own spelling, mostly exact age or date of birth;
3. RIGHT, the reports a hospital, shelter or volunteer writes: another spelling or
   script, typos, swapped order, particles, nicknames, estimated ages, missing sex, other
   place wording; plus reports of people not on the board, many of them hard negatives
   (a relative with the same family name and place, a namesake of another age).

Styles change the population and the report writers, so no engine is tuned to one set.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

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
def _inventory() -> tuple[list[GivenName], list[FamilyName], list[Place]]:
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


def _weighted(rng: random.Random, options: list[str] | tuple[str, ...], decay: float = 0.7):
    """Pick a spelling, the first ones (the most common) more often."""
    weights = [decay**i for i in range(len(options))]
    return rng.choices(list(options), weights=weights)[0]


def _cyrillic_forms(forms: tuple[str, ...], ukrainian: bool) -> list[tuple[str, bool]]:
    ru = [(f, False) for f in forms if not f.startswith("ua:")]
    ua = [(f[3:], True) for f in forms if f.startswith("ua:")]
    if ukrainian:
        return ua or ru
    return ru or ua


def _arabic_forms(forms: tuple[str, ...]) -> list[str]:
    return [f for f in forms if perturb.is_arabic(f)]


def _has_cyrillic(forms: tuple[str, ...]) -> bool:
    return any(perturb.is_cyrillic(f) for f in forms)


class _Speller:
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
            spelled = _weighted(self.rng, latin)
            return feminine_surname(spelled) if feminine else spelled
        # A family copies the passport; reporters write it the way their language does.
        weights = [0.6, 0.3, 0.05, 0.05] if self.side == "left" else [0.35, 0.35, 0.15, 0.15]
        scheme = self.rng.choices(schemes, weights=weights)[0]
        return cyrillic_to_latin(cyr, scheme, ukrainian=is_ua)


def _make_person(
    rng: random.Random,
    style: Style,
    origin: str | None = None,
    family: FamilyName | None = None,
    place: Place | None = None,
    age: int | None = None,
    sex: str | None = None,
    exclude_given: set[str] | None = None,
) -> Person:
    given_all, family_all, places = _inventory()
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


def _spell_given(
    sp: _Speller, g: GivenName, person: Person, script: str, rng: random.Random
) -> str:
    if script == "cyrillic" and _has_cyrillic(g.script):
        return sp.cyrillic(g.script, person, feminine=False)
    if script == "arabic" and _arabic_forms(g.script):
        text = _weighted(rng, _arabic_forms(g.script), 0.6)
        return perturb.persian_letters(text) if person.origin == "fa" else text
    if _has_cyrillic(g.script):
        return sp.latin_from_cyrillic(g.latin, g.script, person, feminine=False)
    return _weighted(rng, g.latin)


def _spell_family(
    sp: _Speller, f: FamilyName, person: Person, script: str, rng: random.Random
) -> str:
    feminine = person.sex == "F"
    if script == "cyrillic" and _has_cyrillic(f.script):
        return sp.cyrillic(f.script, person, feminine)
    if script == "arabic" and _arabic_forms(f.script):
        text = _weighted(rng, _arabic_forms(f.script), 0.6)
        return perturb.persian_letters(text) if person.origin == "fa" else text
    if _has_cyrillic(f.script):
        return sp.latin_from_cyrillic(f.latin, f.script, person, feminine)
    return _weighted(rng, f.latin)


def _patronymic(person: Person, script: str, rng: random.Random) -> str | None:
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


def _native_script(person: Person) -> str:
    if person.origin in ("arab", "fa", "ur"):
        return "arabic"
    if person.origin in ("ru", "uk"):
        return "cyrillic"
    return "latin"


@dataclass
class NameParts:
    given: str
    family: str
    middle: str = ""
    script: str = "latin"


def _name_parts(person: Person, side: str, style: Style, rng: random.Random) -> NameParts:
    sp = _Speller(rng, side)
    native = _native_script(person)
    p_native = style.native_script_left if side == "left" else style.native_script_right
    script = "latin"
    if native != "latin" and rng.random() < p_native:
        script = native
    elif (
        side == "right"
        and native == "latin"
        and rng.random() < style.foreign_arabic_right
        and _arabic_forms(person.given.script)
        and _arabic_forms(person.family.script)
    ):
        script = "arabic"

    def spell(kind: str) -> str:
        home_key = f"{kind}:{script}"
        # The family spells the name the same way each time; reporters often do too.
        keep_home = 0.9 if side == "left" else 0.35
        if home_key in person.home and rng.random() < keep_home:
            return person.home[home_key]
        if kind == "given":
            text = _spell_given(sp, person.given, person, script, rng)
            if person.second_given is not None:
                second = _spell_given(sp, person.second_given, person, script, rng)
                text = f"{text} {second}"
        else:
            text = _spell_family(sp, person.family, person, script, rng)
            if person.second_family is not None and (
                side == "left" and rng.random() < 0.7 or rng.random() < 0.45
            ):
                text = f"{text} {_spell_family(sp, person.second_family, person, script, rng)}"
        person.home.setdefault(home_key, text)
        return text

    parts = NameParts(spell("given"), spell("family"), script=script)
    if person.origin in ("ru", "uk") and rng.random() < (0.35 if script == "cyrillic" else 0.08):
        parts.middle = _patronymic(person, script, rng) or ""
    elif person.origin in ("arab", "ur") and person.father and rng.random() < 0.1:
        # Official Arab documents give the father's name after the given name.
        parts.middle = _spell_given(sp, person.father, person, script, rng)
    return parts


def _perturb_report(parts: NameParts, person: Person, style: Style, rng: random.Random) -> dict:
    """Changes a found report has; returns the flags used (for diagnosis)."""
    flags: dict[str, bool] = {}
    given, family = parts.given, parts.family
    if parts.script == "latin":
        if rng.random() < 0.55:
            given, family = perturb.strip_accents(given), perturb.strip_accents(family)
        if rng.random() < style.typo_rate:
            before, given = given, perturb.typo_in_name(given, rng)
            flags["typo_given"] = given != before
        if rng.random() < style.typo_rate:
            before, family = family, perturb.typo_in_name(family, rng)
            flags["typo_family"] = family != before
        if rng.random() < 0.35:
            given = perturb.hyphen_variant(given, rng)
            family = perturb.hyphen_variant(family, rng)
        roll = rng.random()
        if roll < 0.1:
            before, family = family, perturb.drop_particle(family)
            flags["particle_dropped"] = family != before
        elif roll < 0.16:
            before, family = family, perturb.glue_particle(family)
            flags["particle_glued"] = family != before
        shorts = [s for s in person.given.short if not perturb.is_cyrillic(s)]
        if person.second_given is not None and rng.random() < 0.3:
            # Mohamed Amine is called Amine; official papers abbreviate Med Amine.
            head, _, tail = given.partition(" ")
            given = tail if rng.random() < 0.7 else f"Med {tail}"
            flags["compound_shortened"] = True
        elif shorts and rng.random() < 0.08:
            given, flags["nickname"] = rng.choice(shorts), True
        elif rng.random() < 0.03:
            given, flags["initial"] = perturb.initial(given, rng), True
    elif parts.script == "arabic":
        if rng.random() < 0.45:
            given = perturb.arabic_informal(given, rng)
            family = perturb.arabic_informal(family, rng)
        if person.origin != "fa" and rng.random() < 0.5:
            given, family = perturb.arabic_letters(given), perturb.arabic_letters(family)
        if person.second_given is not None and rng.random() < 0.25:
            given = given.partition(" ")[2]
            flags["compound_shortened"] = True
        if rng.random() < style.typo_rate / 3:
            before, family = family, perturb.typo_in_name(family, rng)
            flags["typo_family"] = family != before
    else:
        if rng.random() < 0.6:
            given, family = perturb.cyrillic_yo(given), perturb.cyrillic_yo(family)
        shorts = [s for s in person.given.short if perturb.is_cyrillic(s)]
        if shorts and rng.random() < 0.06:
            given, flags["nickname"] = rng.choice(shorts), True
        if rng.random() < style.typo_rate:
            before, family = family, perturb.typo_in_name(family, rng)
            flags["typo_family"] = family != before
    parts.given, parts.family = given, family
    roll = rng.random()
    if roll < 0.015:
        parts.family, flags["given_only"] = "", True
    elif roll < 0.025:
        parts.given, flags["family_only"] = "", True
    return flags


def _format_name(
    parts: NameParts, side: str, style: Style, person: Person, rng: random.Random
) -> dict[str, str]:
    given, family, middle = parts.given, parts.family, parts.middle
    out = {"full_name": "", "given_name": "", "family_name": ""}
    split_columns = "given_name" in (COLUMNS if side == "left" else style.right_columns)
    if side == "right" and style.hospital_list:
        split_columns = False
    if split_columns and rng.random() < (0.55 if side == "left" else 0.4):
        # Most forms have no field for the father's name; some writers put it with the given.
        g = f"{given} {middle}".strip() if rng.random() < 0.4 else given
        if side == "right" and rng.random() < 0.03 and given and family:
            g, family = family, g  # hospital staff filled the columns the other way round
        out["given_name"], out["family_name"] = g, family
        return out
    tokens_given = f"{given} {middle}".strip()
    cyrillic_official = parts.script == "cyrillic" and rng.random() < 0.5
    if side == "right" and style.hospital_list and parts.script == "latin":
        order = rng.choices(("FAMILY Given", "Family, Given", "Given Family"), [0.6, 0.2, 0.2])[0]
    elif cyrillic_official:
        order = "Family Given"  # Иванов Сергей Петрович
    elif side == "right" and rng.random() < 0.12:
        order = rng.choice(("FAMILY Given", "Family Given", "Family, Given"))
    elif side == "left" and rng.random() < 0.05:
        order = "FAMILY Given"
    else:
        order = "Given Family"
    if not family or not tokens_given:
        name = family or tokens_given
    elif order == "FAMILY Given":
        name = f"{family.upper()} {tokens_given}"
    elif order == "Family Given":
        name = f"{family} {tokens_given}"
    elif order == "Family, Given":
        name = f"{family}, {tokens_given}"
    else:
        name = f"{tokens_given} {family}"
    if parts.script == "latin" and rng.random() < (0.1 if side == "right" else 0.04):
        name = name.lower() if rng.random() < 0.7 else name.upper()
    out["full_name"] = name
    return out


def _alternate_names(person: Person, rng: random.Random) -> str:
    """Families sometimes list the other spellings they know."""
    others = [s for s in person.given.latin if s not in person.home.values()]
    others += list(person.given.short)
    if not others:
        return ""
    picks = rng.sample(others, k=min(len(others), rng.randint(1, 2)))
    return ";".join(picks)


def _location(person: Person, side: str, style: Style, rng: random.Random, script: str) -> str:
    _, _, places = _inventory()
    place = person.place
    if side == "left":
        if rng.random() < 0.06:
            return ""
    else:
        roll = rng.random()
        if roll < 0.12:
            return ""
        if roll < 0.27:
            # Found somewhere else in the same region (evacuated, moved on).
            nearby = [p for p in places if p.region == place.region and p.key != place.key]
            place = rng.choice(nearby) if nearby else place
    same_script = [w for w in place.script if perturb.is_arabic(w) == (script == "arabic")]
    if script != "latin" and same_script and rng.random() < 0.6:
        wording = _weighted(rng, same_script)
    else:
        wording = _weighted(rng, place.latin)
    if side == "right" and style.hospital_list and rng.random() < 0.6:
        wording = f"{rng.choice(HOSPITAL_WORDS)} {wording}"
    elif side == "right" and rng.random() < 0.15:
        wording = rng.choice(("near ", "around ", "centre ", "")) + wording
    return wording


def _age_fields(person: Person, side: str, rng: random.Random, today: date, need: bool) -> dict:
    out = {"age": "", "date_of_birth": ""}
    age = person.age
    if side == "left":
        roll = rng.random()
        if roll < 0.03 and not need:
            return out
        if roll < 0.33:
            birthday = today - timedelta(days=int(365.25 * age) + rng.randint(20, 340))
            out["date_of_birth"] = birthday.isoformat()
            if roll > 0.25:
                out["age"] = str(age)
            return out
        out["age"] = str(age)
        return out
    roll = rng.random()
    if roll < 0.14 and not need:
        return out
    if roll < 0.5:
        out["age"] = str(age)
    elif roll < 0.72:
        spread = 1 if age < 12 else 2
        out["age"] = str(max(0, age + rng.choice([d for d in range(-spread, spread + 1) if d])))
    else:
        estimate = age + (rng.randint(-1, 1) if age < 12 else rng.randint(-2, 2))
        width = 2 if age < 12 else rng.choice((5, 10))
        low = max(0, estimate - rng.randint(0, width))
        out["age"] = f"{low}-{low + width}"
    return out


def _name_key(person: Person) -> tuple:
    second = person.second_given.key if person.second_given else ""
    # Spanish double surnames in either order name the same-looking person.
    families = frozenset(f.key for f in (person.family, person.second_family) if f is not None)
    return (person.given.key, second, families)


@dataclass
class LinkageSet:
    left: list[dict[str, str]]
    right: list[dict[str, str]]
    truth: dict[str, str]  # right id -> left id ("" when the person is not on the board)
    kinds: dict[str, str]  # right id -> how it was made (match, relative, namesake, stranger)
    tags: dict[str, str]  # right id -> the changes the report went through (for diagnosis)
    right_columns: tuple[str, ...] = COLUMNS

    def write(self, directory: Path) -> tuple[Path, Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        left_path, right_path = directory / "left.csv", directory / "right.csv"
        truth_path = directory / "truth.csv"
        _write_csv(left_path, COLUMNS, self.left)
        _write_csv(right_path, self.right_columns, self.right)
        rows = [{"right_id": r, "left_id": lid} for r, lid in self.truth.items()]
        _write_csv(truth_path, ("right_id", "left_id"), rows)
        return left_path, right_path, truth_path


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _record(
    person: Person, side: str, style: Style, rng: random.Random, today: date, hard: bool = False
) -> dict[str, str]:
    parts = _name_parts(person, side, style, rng)
    flags = _perturb_report(parts, person, style, rng) if side == "right" else {}
    row = _format_name(parts, side, style, person, rng)
    tags = sorted(flag for flag, changed in flags.items() if changed)
    if parts.middle:
        tags.append("middle_name")
    if person.second_given is not None:
        tags.append("compound_given")
    # A hard negative must be distinguishable: its report gives an age.
    row.update(_age_fields(person, side, rng, today, need=hard))
    sex_rate = 0.97 if side == "left" else (0.9 if style.hospital_list else 0.72)
    row["sex"] = person.sex if rng.random() < sex_rate else ""
    row["location"] = _location(person, side, style, rng, parts.script)
    row["alternate_names"] = (
        _alternate_names(person, rng) if side == "left" and rng.random() < 0.12 else ""
    )
    full = row["full_name"].casefold()
    if full and parts.given and parts.family and not full.startswith(parts.given.casefold()):
        tags.append("family_first")
    if row["age"] and "-" in row["age"]:
        tags.append("age_range")
    row["_tags"] = " ".join(tags)
    return row


def _family_group(rng: random.Random, style: Style, group: int) -> list[Person]:
    size = rng.choices((1, 2, 3, 4), weights=(0.55, 0.25, 0.12, 0.08))[0]
    head = _make_person(rng, style)
    if size > 1 and head.age < 25:
        head.age = rng.randint(28, 55)
    head.group = group
    members = [head]
    used = {head.given.key}
    for _ in range(size - 1):
        child_age = rng.randint(1, max(2, min(17, head.age - 18)))
        member = _make_person(
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


def _namesake(rng: random.Random, person: Person) -> Person:
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
        else _make_person(rng, STYLES["mixed"], person.origin).place,
        ukrainian=person.ukrainian,
        second_given=person.second_given,
        father=None,
        second_family=person.second_family,
    )
    return twin


def generate(
    seed: int,
    style: str = "mixed",
    posts: int = 700,
    reports: int = 500,
    match_rate: float = 0.85,
    today: date | None = None,
) -> LinkageSet:
    """Build one labelled set; the same seed, style, sizes and `today` give the same set."""
    rng = random.Random(f"{style}:{seed}")
    st = STYLES[style]
    today = today or date.today()
    people: list[Person] = []
    ages_by_name: dict[tuple, list[int]] = {}

    def clashes(person: Person) -> bool:
        # Same name and a close age is the same person to anyone: never generate it twice.
        return any(abs(a - person.age) < 12 for a in ages_by_name.get(_name_key(person), ()))

    def add(person: Person) -> None:
        people.append(person)
        ages_by_name.setdefault(_name_key(person), []).append(person.age)

    group = 0
    while len(people) < posts:
        group += 1
        members = _family_group(rng, st, group)
        if any(clashes(m) for m in members):
            continue
        for person in members[: posts - len(people)]:
            add(person)
        if rng.random() < 0.04 and len(people) < posts:
            twin = _namesake(rng, people[-1])
            group += 1
            twin.group = group
            if not clashes(twin):
                add(twin)
    rng.shuffle(people)
    left_ids = [f"P{n:05d}" for n in rng.sample(range(10000, 99999), len(people))]
    left = []
    namesakes = {key for key, ages in ages_by_name.items() if len(ages) > 1}
    for pid, person in zip(left_ids, people, strict=True):
        # Where the board has namesakes, only the age tells them apart: keep it.
        row = _record(person, "left", st, rng, today, hard=_name_key(person) in namesakes)
        row["id"] = pid
        row.pop("_tags")
        left.append(row)

    matched_count = round(reports * match_rate)
    found = rng.sample(range(len(people)), matched_count)
    report_people: list[tuple[Person, str, str]] = []  # person, true left id, kind
    for index in found:
        report_people.append((people[index], left_ids[index], "match"))
    by_group: dict[int, list[Person]] = {}
    for person in people:
        by_group.setdefault(person.group, []).append(person)
    while len(report_people) < reports:
        kind = rng.choices(("relative", "namesake", "stranger"), weights=(0.4, 0.25, 0.35))[0]
        base = rng.choice(people)
        if kind == "relative":
            taken = {p.given.key for p in by_group[base.group]}
            stranger = _make_person(
                rng,
                st,
                origin=base.origin,
                family=base.family,
                place=base.place,
                exclude_given=taken,
                sex=base.sex if rng.random() < 0.5 else None,
            )
            stranger.ukrainian = base.ukrainian
            stranger.second_family = base.second_family
        elif kind == "namesake":
            stranger = _namesake(rng, base)
        else:
            stranger = _make_person(rng, st)
        if clashes(stranger):
            continue
        report_people.append((stranger, "", kind))
    rng.shuffle(report_people)
    right_ids = [f"R{n:05d}" for n in rng.sample(range(10000, 99999), len(report_people))]
    right, truth, kinds, tags = [], {}, {}, {}
    for rid, (person, lid, kind) in zip(right_ids, report_people, strict=True):
        hard = kind in ("relative", "namesake") or _name_key(person) in namesakes
        row = _record(person, "right", st, rng, today, hard=hard)
        row["id"] = rid
        tags[rid] = row.pop("_tags")
        right.append(row)
        truth[rid] = lid
        kinds[rid] = kind
    return LinkageSet(left, right, truth, kinds, tags, st.right_columns)
