"""What people type about a person, read one way at every door. Pure Python: no Django.

The web forms, the API, hospital lists and PFIF all call these (through
reunify.board.cleaning, which adds translated messages), so "30–35", "about 40" or
"٣٥" mean the same thing wherever they arrive.
"""

from __future__ import annotations

import re
import unicodedata

MAX_AGE = 130
# "about 40" is read as 35–45: wide enough for a guess, narrow enough to help matching.
ABOUT_SPREAD = 5

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees
# ("evil\u202egnp.exe") and break every export that concatenates names.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Code points XML 1.0 cannot carry even as character references (besides the C0 controls).
_NON_CHARACTERS = frozenset("\ufffe\uffff")


class AgeError(ValueError):
    """Not an age or an age range."""


class ImpossibleAgeError(AgeError):
    """A number, but no one is that old."""


def _is_unsafe(char: str, keep: str) -> bool:
    if char in keep:
        return False
    if char in BIDI_CONTROLS or char in _NON_CHARACTERS:
        return True
    # Cc: C0 and C1 controls (BEL, ESC, DEL …); Cs: lone surrogates (a JSON "\ud800").
    return unicodedata.category(char) in ("Cc", "Cs")


def strip_unsafe(text: str, *, multiline: bool = False) -> str:
    """The text without control characters, bidirectional overrides and isolates.

    NUL is removed too: callers that must refuse it check `"\\x00" in text` first.
    A multi-line field keeps its line breaks and tabs (CR LF becomes LF); a one-line
    field gets a space where a line break or tab was.
    """
    text = text.replace("\r\n", "\n")
    if multiline:
        return "".join(ch for ch in text if not _is_unsafe(ch, "\n\t"))
    text = re.sub(r"[\t\n\r\v\f\x85\u2028\u2029]", " ", text)
    return "".join(ch for ch in text if not _is_unsafe(ch, ""))


def xml_safe(text: str) -> str:
    """Only the characters XML 1.0 can carry (a last guard for rows written before cleaning)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or not (unicodedata.category(ch) in ("Cc", "Cs") or ch in _NON_CHARACTERS)
    )


# --- Ages ---------------------------------------------------------------------

_ABOUT = (
    "about",
    "around",
    "approx",
    "approximately",
    "circa",
    "ca",
    "c",
    "~",
    "±",
    "environ",
    "vers",
    "env",
    "حوالي",
    "حوالى",
    "تقريبا",
    "نحو",
)
_UNITS = (
    "years old",
    "years",
    "year",
    "yrs",
    "yr",
    "y",
    "ans",
    "an",
    "سنة",
    "سنوات",
    "عام",
    "عاما",
)
_RANGE_WORDS = r"-|–|—|‒|~|/|to|à|au|a|et|and|إلى|الى|و"
_NUMBER = r"(\d{1,3})"
_EXACT = re.compile(rf"^{_NUMBER}$")
_RANGE = re.compile(rf"^{_NUMBER}\s*(?:{_RANGE_WORDS})\s*{_NUMBER}$")
_PLUS = re.compile(rf"^{_NUMBER}\s*\+$")
_ABOUT_RE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in sorted(_ABOUT, key=len, reverse=True)) + r")\.?\s*"
)
_UNITS_RE = re.compile(
    r"\s*(?:" + "|".join(re.escape(w) for w in sorted(_UNITS, key=len, reverse=True)) + r")\.?$"
)


# What the API schema advertises for a written age: a plain subset of what parse_age reads
# (ASCII digits, the common words), so every string matching it is accepted.
_AGE_NUMBER = r"(?:1[0-2][0-9]|130|[0-9]{1,2})"
AGE_TEXT_PATTERN = (
    rf"^\s*(?:{_AGE_NUMBER}(?:\s*(?:-|–|—|to)\s*{_AGE_NUMBER}|\s*\+)?"
    rf"|(?:about|environ|~)\s*{_AGE_NUMBER})\s*$"
)


def _ascii_digits(text: str) -> str:
    # People type ages on Arabic phones with Arabic-Indic (٣٥) or Persian (۳۵) digits.
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def parse_age(text: str | int | None) -> tuple[int | None, int | None, int | None]:
    """(age, age_min, age_max) from what a person or a spreadsheet wrote.

    "34" → (34, None, None); "30-35", "30–35", "30 to 35", "35-30" → (None, 30, 35);
    "about 40", "~40", "environ 40", "حوالي ٤٠" → (None, 35, 45); "60+" → (None, 60, None);
    "34 years", "34 ans", "34.0" (a spreadsheet's number) → 34; "" or None → nothing.
    Raises AgeError for anything else, ImpossibleAgeError for an age above MAX_AGE.
    """
    if text is None:
        return None, None, None
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        raise AgeError(text)
    plain = " ".join(_ascii_digits(text).lower().split())
    if not plain:
        return None, None, None
    plain = re.sub(r"^(\d{1,3})\.0+$", r"\1", plain)
    plain = _UNITS_RE.sub("", plain).strip()
    about = _ABOUT_RE.match(plain)
    if about and about.end() < len(plain):
        plain = _UNITS_RE.sub("", plain[about.end() :]).strip()
        found = _EXACT.match(plain)
        if not found:
            raise AgeError(text)
        middle = _check(int(found.group(1)))
        return None, max(0, middle - ABOUT_SPREAD), min(MAX_AGE, middle + ABOUT_SPREAD)
    if found := _EXACT.match(plain):
        return _check(int(found.group(1))), None, None
    if found := _RANGE.match(plain):
        low, high = sorted((_check(int(found.group(1))), _check(int(found.group(2)))))
        return (low, None, None) if low == high else (None, low, high)
    if found := _PLUS.match(plain):
        return None, _check(int(found.group(1))), None
    raise AgeError(text)


def _check(age: int) -> int:
    if age > MAX_AGE:
        raise ImpossibleAgeError(age)
    return age


def format_age(age: int | None, age_min: int | None, age_max: int | None) -> str:
    """The inverse of parse_age, in the form every door reads back ("30-35", "60+")."""
    if age is not None:
        return str(age)
    if age_min is not None and age_max is not None:
        return f"{age_min}-{age_max}"
    if age_min is not None:
        return f"{age_min}+"
    return ""


# --- Sex ----------------------------------------------------------------------

SEXES = ("female", "male", "other")
# "At least two letters": the name search's rule, shared by the web form and the API schema.
LETTER = r"[^\W\d_]"


def letter_count(text: str) -> int:
    return len(re.findall(LETTER, text))


SEX_WORDS = {
    "female": ("f", "female", "woman", "girl", "femme", "feminin", "fille", "w", "أنثى", "انثى"),
    "male": ("m", "male", "man", "boy", "homme", "masculin", "garcon", "h", "ذكر"),
    "other": ("other", "autre", "x", "آخر", "اخر"),
}
_SEX_BY_WORD = {word: sex for sex, words in SEX_WORDS.items() for word in words}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(re.sub(r"[_\-.:]+", " ", text).lower().split())


def parse_sex(text: str | None) -> str | None:
    """ "female", "male", "other", or "" for nothing; None when the word is not known."""
    plain = _fold(text or "")
    if not plain:
        return ""
    return _SEX_BY_WORD.get(plain)


# --- Phones -------------------------------------------------------------------

MAX_PHONE_LENGTH = 40
_PHONE = re.compile(r"[+()\d\s.\-/]{5,40}")


# The same rule as a pattern, for the API schema: separators, and at least five digits.
PHONE_PATTERN = r"^[+()\s.\-/]*(?:\d[+()\s.\-/]*){5,}$"


def is_phone(text: str) -> bool:
    """Digits with the usual separators (+ ( ) . - / spaces), at least five digits."""
    return bool(_PHONE.fullmatch(text)) and sum(ch.isdigit() for ch in text) >= 5
