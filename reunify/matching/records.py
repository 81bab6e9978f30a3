"""The plain records the matching library sees and the results it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import MAX_FIELD_CHARS, MAX_NAME_CHARS


def _(text: str) -> str:
    """No-op marker so Django's makemessages extracts reason templates for translation."""
    return text


class InvalidRecord(ValueError):
    """A record the library refuses to compare (for example a 10,000-character name)."""


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: str
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    alternate_names: tuple[str, ...] = ()
    age: int | None = None  # stated age in years
    age_min: int | None = None  # estimate range, e.g. "30-35"; either may be None
    age_max: int | None = None
    birth_date: str = ""  # ISO "1984-05-02" or "1984" (year only) or ""
    sex: str = ""  # "female" | "male" | "other" | "" (unknown)
    # Where the person lives or was last seen (a post's "last seen at", an address). Two
    # records' places of this kind are compared as places.
    location: str = ""
    # Where a report found the person or where they are now (a hospital, a shelter): not the
    # same kind of place as `location`, so only agreement with it counts, and only a little.
    found_at: str = ""
    # Who wrote the record: "self", "family", "hospital", "shelter", "passerby", "list", ...
    # ("" unknown). Only the person and their family state an age; anyone else estimates it.
    source: str = ""
    # Overrides the parameters' λ for this record's source when below 1: the chance that its
    # person is among the records it is compared with (the parameters estimate it per source).
    prior_share: float = 1.0


@dataclass(frozen=True, slots=True)
class Reason:
    field: str
    template: str
    params: dict = field(hash=False, compare=True)
    weight: float

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True, slots=True)
class MatchResult:
    score: float
    level: str
    reasons: tuple[Reason, ...]


def reasons_as_dicts(result: MatchResult) -> list[dict]:
    """JSON-ready reasons for storage: [{"field", "template", "params", "weight"}, ...]."""
    return [
        {
            "field": r.field,
            "template": r.template,
            "params": dict(r.params),
            "weight": round(r.weight, 3),
        }
        for r in result.reasons
    ]


_TEXT_FIELDS = (
    "id",
    "full_name",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "location",
    "found_at",
    "source",
)


def validate(record: PersonRecord) -> None:
    """Raise InvalidRecord with a message a person can act on."""
    try:
        text_ok = (
            len(record.full_name) <= MAX_NAME_CHARS
            and len(record.given_name) <= MAX_NAME_CHARS
            and len(record.family_name) <= MAX_NAME_CHARS
            and len(record.location) <= MAX_NAME_CHARS
            and len(record.found_at) <= MAX_NAME_CHARS
            and len(record.source) <= MAX_NAME_CHARS
            and len(record.birth_date) <= MAX_NAME_CHARS
            and len(record.sex) <= MAX_NAME_CHARS
            and len(record.id) <= MAX_FIELD_CHARS
            and not record.alternate_names
        )
        fast = (
            text_ok
            and all(type(getattr(record, f)) is str for f in _TEXT_FIELDS)
            and all(
                v is None or type(v) is int and 0 <= v <= 130
                for v in (record.age, record.age_min, record.age_max)
            )
            and record.prior_share == 1.0
        )
    except TypeError:
        fast = False
    if fast:
        return
    _validate_slowly(record)


def _validate_slowly(record: PersonRecord) -> None:
    for name in _TEXT_FIELDS:
        value = getattr(record, name)
        if not isinstance(value, str):
            raise InvalidRecord(
                f"record {str(record.id)[:80]!r}: {name} must be text, got {type(value).__name__}"
            )
        limit = MAX_FIELD_CHARS if name == "id" else MAX_NAME_CHARS
        if len(value) > limit:
            raise InvalidRecord(
                f"record {record.id[:80]!r}: {name} is {len(value)} characters long; "
                f"the limit is {limit} (is a whole document pasted into one field?)"
            )
    if not isinstance(record.alternate_names, tuple | list):
        raise InvalidRecord(f"record {record.id!r}: alternate_names must be a tuple of strings")
    if len(record.alternate_names) > 50:
        raise InvalidRecord(f"record {record.id!r}: more than 50 alternate names")
    for alt in record.alternate_names:
        if not isinstance(alt, str) or len(alt) > MAX_NAME_CHARS:
            raise InvalidRecord(
                f"record {record.id[:80]!r}: each alternate name must be text of at most "
                f"{MAX_NAME_CHARS} characters"
            )
    share = record.prior_share
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise InvalidRecord(f"record {record.id!r}: prior_share must be a number in (0, 1]")
    for name in ("age", "age_min", "age_max"):
        value = getattr(record, name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidRecord(f"record {record.id!r}: {name} must be a whole number of years")
        if not 0 <= value <= 130:
            raise InvalidRecord(f"record {record.id!r}: {name}={value} is not an age in years")
