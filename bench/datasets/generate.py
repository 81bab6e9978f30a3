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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.datasets import perturb
from bench.datasets.people import (
    COLUMNS,
    HOSPITAL_WORDS,
    STYLES,
    Person,
    Speller,
    Style,
    arabic_forms,
    family_group,
    inventory,
    make_person,
    namesake,
    native_script,
    patronymic,
    spell_family,
    spell_given,
    weighted,
)


@dataclass
class NameParts:
    given: str
    family: str
    middle: str = ""
    script: str = "latin"


def _name_parts(person: Person, side: str, style: Style, rng: random.Random) -> NameParts:
    sp = Speller(rng, side)
    native = native_script(person)
    p_native = style.native_script_left if side == "left" else style.native_script_right
    script = "latin"
    if native != "latin" and rng.random() < p_native:
        script = native
    elif (
        side == "right"
        and native == "latin"
        and rng.random() < style.foreign_arabic_right
        and arabic_forms(person.given.script)
        and arabic_forms(person.family.script)
    ):
        script = "arabic"

    def spell(kind: str) -> str:
        home_key = f"{kind}:{script}"
        # The family spells the name the same way each time; reporters often do too.
        keep_home = 0.9 if side == "left" else 0.35
        if home_key in person.home and rng.random() < keep_home:
            return person.home[home_key]
        if kind == "given":
            text = spell_given(sp, person.given, person, script, rng)
            if person.second_given is not None:
                second = spell_given(sp, person.second_given, person, script, rng)
                text = f"{text} {second}"
        else:
            text = spell_family(sp, person.family, person, script, rng)
            if person.second_family is not None and (
                side == "left" and rng.random() < 0.7 or rng.random() < 0.45
            ):
                text = f"{text} {spell_family(sp, person.second_family, person, script, rng)}"
        person.home.setdefault(home_key, text)
        return text

    parts = NameParts(spell("given"), spell("family"), script=script)
    if person.origin in ("ru", "uk") and rng.random() < (0.35 if script == "cyrillic" else 0.08):
        parts.middle = patronymic(person, script, rng) or ""
    elif person.origin in ("arab", "ur") and person.father and rng.random() < 0.1:
        # Official Arab documents give the father's name after the given name.
        parts.middle = spell_given(sp, person.father, person, script, rng)
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
    _, _, places = inventory()
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
        wording = weighted(rng, same_script)
    else:
        wording = weighted(rng, place.latin)
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
        members = family_group(rng, st, group)
        if any(clashes(m) for m in members):
            continue
        for person in members[: posts - len(people)]:
            add(person)
        if rng.random() < 0.04 and len(people) < posts:
            twin = namesake(rng, people[-1])
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
            stranger = make_person(
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
            stranger = namesake(rng, base)
        else:
            stranger = make_person(rng, st)
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
