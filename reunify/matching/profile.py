"""A record prepared once for comparison: name tokens, age interval, sex and place words."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from .annotations import other_readings, second_name, strip_annotations
from .names import NameVariant, _name_variants
from .records import InvalidRecord, PersonRecord, validate
from .scripts import script_of
from .text import clean, place_words

# Ages are compared as of this year (posts and reports of one disaster are months apart).
REFERENCE_YEAR = datetime.date.today().year
# An estimate with one open end ("over 60") is read as a span of this many years.
OPEN_ESTIMATE_YEARS = 15

_SEX = {
    "female": "female", "f": "female", "woman": "female", "girl": "female", "femme": "female",
    "fille": "female", "w": "female", "male": "male", "m": "male", "man": "male", "boy": "male",
    "homme": "male", "garcon": "male", "h": "male", "other": "other", "x": "other",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Age:
    dob: str  # 8 digits YYYYMMDD, or ""
    year: int | None  # birth year when known
    lo: int  # age interval in years at REFERENCE_YEAR
    hi: int
    kind: str  # "dob" | "year" | "age" | "estimate"
    label: str  # how the record stated it, for reasons: "31", "30–35", "1984-05-02"


@dataclass(frozen=True, slots=True)
class Profile:
    record: PersonRecord
    names: tuple[NameVariant, ...]
    age: Age | None
    sex: str
    place: tuple[str, ...]  # where last seen / lives (record.location)
    found: tuple[str, ...]  # where found / now (record.found_at)
    source: str  # who wrote it, normalised ("" unknown)


_ISO_RE = re.compile(r"^\s*(\d{4})(?:[-/.]?(\d{1,2})(?:[-/.]?(\d{1,2}))?)?")
_DMY_RE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def parse_birth_date(text: str) -> tuple[str, int | None]:
    """('YYYYMMDD' or '', birth year) from ISO dates, compact dates, years or DD/MM/YYYY."""
    text = (text or "").strip()
    if not text:
        return "", None
    m = _DMY_RE.match(text)
    if m:
        day, month, year = m.groups()
        return f"{year}{int(month):02d}{int(day):02d}", int(year)
    m = _ISO_RE.match(text)
    if not m:
        return "", None
    year, month, day = m.groups()
    if month and day:
        return f"{year}{int(month):02d}{int(day):02d}", int(year)
    return "", int(year)


def _age(record: PersonRecord) -> Age | None:
    dob, year = parse_birth_date(record.birth_date)
    if year is not None and 1880 <= year <= REFERENCE_YEAR:
        age = REFERENCE_YEAR - year
        label = record.birth_date.strip()
        return Age(dob, year, max(age - 1, 0), age, "dob" if dob else "year", label)
    if dob:  # an impossible year is still comparable digit by digit
        return Age(dob, None, 0, 130, "dob", record.birth_date.strip())
    if record.age is not None:
        return Age("", None, record.age, record.age, "age", str(record.age))
    lo, hi = record.age_min, record.age_max
    if lo is None and hi is None:
        return None
    if lo is None:
        lo = max(hi - OPEN_ESTIMATE_YEARS, 0)
        label = f"≤{hi}"
    elif hi is None:
        hi = lo + OPEN_ESTIMATE_YEARS
        label = f"≥{lo}"
    else:
        lo, hi = min(lo, hi), max(lo, hi)
        label = f"{lo}–{hi}" if lo != hi else str(lo)
    return Age("", None, lo, hi, "estimate", label)


@functools.lru_cache(maxsize=1024)
def normalise_sex(text: str) -> str:
    return _SEX.get(clean(text or "").strip(". "), "")


@functools.lru_cache(maxsize=1024)
def normalise_source(text: str) -> str:
    """A source as a short lowercase word ("Hospital " -> "hospital")."""
    return clean(text or "").strip(" .")[:40]


@functools.lru_cache(maxsize=100_000)
def _place(text: str) -> tuple[str, ...]:
    return place_words(text)


def _names(record: PersonRecord) -> tuple[NameVariant, ...]:
    """The record's ways of writing the name, titles, kinship notes and OCR digits removed,
    a birth or married name and an alias read as more ways."""
    given, family, full = record.given_name, record.family_name, record.full_name
    readings: list[str] = []
    aliases: list[str] = list(record.alternate_names)[:10]
    split = second_name(full)
    if split is not None:
        full, second, kind = split
        (readings if kind == "family" else aliases).append(
            f"{full} {second}" if kind == "family" else second
        )
    split = second_name(family)
    if split is not None:
        family, second, kind = split
        (readings if kind == "family" else aliases).append(
            f"{given} {second}" if kind == "family" else second
        )
    split = second_name(given)
    if split is not None:
        given, second, _kind = split
        aliases.append(second)
    written = full or f"{given} {family}".strip()  # as written: OCR digits still there
    given, family, full = (
        strip_annotations(given),
        strip_annotations(family),
        strip_annotations(full),
    )
    alternates = [strip_annotations(a) for a in aliases]
    if alternates:  # most records have none: no reading of the main name just for them
        surname = _family_of(_name_variants(given, family, full, ()))
        alternates = [_with_family(a, surname) for a in alternates]
    alternates += [strip_annotations(r) for r in (*readings, *other_readings(written))]
    return _name_variants(given, family, full, tuple(alternates))


def _family_of(variants: tuple[NameVariant, ...]) -> str:
    """The family name as the record's main reading has it ("" when it has none)."""
    if not variants or not variants[0].family:
        return ""
    return " ".join(token.display for token in variants[0].family)


def _with_family(alternate: str, surname: str) -> str:
    """An other name given alone ("Nico", "aka Evgeny") is another given name: it is read with
    the record's family name, or it would meet a report on the given name alone and hide that
    the family names differ."""
    words = alternate.split()
    if len(words) != 1 or not surname or script_of(alternate) or words[0] in surname.split():
        return alternate
    return f"{alternate} {surname}"


def _make(record: PersonRecord) -> Profile:
    validate(record)
    return Profile(
        record=record,
        names=_names(record),
        age=_age(record),
        sex=normalise_sex(record.sex),
        place=_place(record.location),
        found=_place(record.found_at),
        source=normalise_source(record.source),
    )


@functools.lru_cache(maxsize=50_000)
def _cached(record: PersonRecord) -> Profile:
    return _make(record)


def profile_of(record: PersonRecord) -> Profile:
    if not isinstance(record, PersonRecord):
        raise InvalidRecord(f"expected a PersonRecord, got {type(record).__name__}")
    try:
        return _cached(record)
    except TypeError:  # unhashable field values (a list of alternate names): skip the cache
        return _make(record)
