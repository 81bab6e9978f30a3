"""The one input-cleaning step every door uses: web forms, the API, hospital lists, PFIF.

Each function takes what arrived and returns the value to store, or raises a
ValidationError with a message a person can act on (in their language). The board's
own services run `record_fields_clean` again before saving, so a door that forgot a
field still cannot store a control character, a future date or an impossible age.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from reunify.lib import people
from reunify.lib.people import MAX_AGE

# Clocks disagree a little; a "last seen" a few minutes ahead is a slow phone, not a lie.
CLOCK_SKEW = timedelta(minutes=10)
# Real time zones run from UTC-12:00 to UTC+14:00; PostgreSQL refuses offsets past ±15:59.
MAX_UTC_OFFSET = timedelta(hours=14)
OLDEST_DATE = datetime(1900, 1, 1, tzinfo=UTC)

NAME_MAX = 200
# The longest text each field keeps (the model's own limit for CharFields).
TEXT_LIMITS = {
    "full_name": NAME_MAX,
    "alternate_names": 4000,
    "contact_name": 200,
    "contact_phone": people.MAX_PHONE_LENGTH,
    "description": 3000,
    "last_seen_place": 200,
    "message": 3000,
    "current_location": 200,
}
MULTILINE = frozenset({"alternate_names", "description", "message"})
FLAG_NOTE_MAX = 2000


def clean_text(value, *, max_length: int | None = None, multiline: bool = False) -> str:
    """Text without control characters or bidi overrides; NUL and overlong text refused."""
    if value is None:
        return ""
    text = str(value)
    if "\x00" in text:
        raise ValidationError(
            _("This text contains a NUL character (\\0), which is not allowed: remove it."),
            code="null_characters_not_allowed",
        )
    text = people.strip_unsafe(text, multiline=multiline).strip()
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            _("Keep this to %(limit)d characters (it has %(length)d).")
            % {"limit": max_length, "length": len(text)},
            code="max_length",
        )
    return text


def clean_name(value, *, required: bool = True) -> str:
    """A person's name on one line: no control characters, single spaces, at most 200."""
    name = " ".join(clean_text(value, max_length=NAME_MAX).split())
    if required and not name:
        raise ValidationError(_("Please give the person's name."), code="required")
    return name


def clean_names(value) -> str:
    """Other names or spellings, one per line, each cleaned as a name."""
    text = clean_text(value, max_length=TEXT_LIMITS["alternate_names"], multiline=True)
    names = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(name for name in names if name)


def clean_phone(value) -> str:
    """A phone number, the same rule at every door: digits and + ( ) . - / spaces."""
    phone = clean_text(value, max_length=people.MAX_PHONE_LENGTH)
    if phone and not people.is_phone(phone):
        raise ValidationError(_("Enter a phone number with digits only."), code="phone")
    return phone


def clean_age(value) -> tuple[int | None, int | None, int | None]:
    """(age, age_min, age_max) from "34", "30-35", "30–35", "about 40", "٣٥", "60+"."""
    if isinstance(value, str):
        value = clean_text(value, max_length=40)
    try:
        return people.parse_age(value)
    except people.ImpossibleAgeError:
        raise ValidationError(_("That age is not possible."), code="age") from None
    except people.AgeError:
        raise ValidationError(
            _("Write an age like 34, or a range like 30-35."), code="age"
        ) from None


def clean_age_numbers(age, age_min, age_max) -> tuple[int | None, int | None, int | None]:
    """Ages already given as numbers (the API, a record being saved): in range, min ≤ max."""
    for number in (age, age_min, age_max):
        if number is not None and not 0 <= number <= MAX_AGE:
            raise ValidationError(_("That age is not possible."), code="age")
    if age_min is not None and age_max is not None and age_min > age_max:
        age_min, age_max = age_max, age_min
    return age, age_min, age_max


def clean_sex(value) -> str:
    """ "female", "male", "other" or "": the board's one vocabulary, read from any language."""
    sex = people.parse_sex(clean_text(value, max_length=40))
    if sex is None:
        raise ValidationError(
            _("The sex “%(value)s” is not understood (use female, male or other).")
            % {"value": clean_text(value)[:40]},
            code="sex",
        )
    return sex


def clean_past(value: datetime | None) -> datetime | None:
    """A moment that has happened: a real time zone, not in the future, not before 1900."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        raise ValidationError(
            _("No time zone is more than 14 hours from UTC: check the date and time."),
            code="offset",
        )
    if value > timezone.now() + CLOCK_SKEW:
        raise ValidationError(_("This date is in the future."), code="future")
    if value < OLDEST_DATE:
        raise ValidationError(_("This date is too far in the past."), code="past")
    return value.astimezone(UTC)


def clean_moment(value: datetime | None) -> datetime | None:
    """Any moment a query can use (a filter's "updated since"): a real time zone, in range."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_UTC_OFFSET:
        raise ValidationError(
            _("No time zone is more than 14 hours from UTC: check the date and time."),
            code="offset",
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:  # year 1 ahead of UTC, or year 9999 behind it
        if value.year < 2000:
            raise ValidationError(_("This date is too far in the past."), code="past") from None
        raise ValidationError(_("This date is in the future."), code="future") from None


def clean_flag_note(value) -> str:
    return clean_text(value, max_length=FLAG_NOTE_MAX, multiline=True)


def record_fields_clean(fields: dict) -> dict:
    """Every person, post and report field the board stores, cleaned by the rules above.

    Raises one ValidationError naming each bad field; returns the cleaned fields.
    """
    cleaned, errors = dict(fields), {}
    for name, value in fields.items():
        try:
            if name == "full_name":
                cleaned[name] = clean_name(value)
            elif name == "alternate_names":
                cleaned[name] = clean_names(value)
            elif name == "contact_phone":
                cleaned[name] = clean_phone(value)
            elif name == "sex":
                cleaned[name] = clean_sex(value)
            elif name == "last_seen_at":
                cleaned[name] = clean_past(value)
            elif name in TEXT_LIMITS:
                cleaned[name] = clean_text(
                    value, max_length=TEXT_LIMITS[name], multiline=name in MULTILINE
                )
        except ValidationError as error:
            errors[name] = error.messages
    if any(name in fields for name in ("age", "age_min", "age_max")):
        try:
            ages = clean_age_numbers(
                fields.get("age"), fields.get("age_min"), fields.get("age_max")
            )
        except ValidationError as error:
            errors["age"] = error.messages
        else:
            for name, number in zip(("age", "age_min", "age_max"), ages, strict=True):
                if name in fields:
                    cleaned[name] = number
    if errors:
        raise ValidationError(errors)
    return cleaned
