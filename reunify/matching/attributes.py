"""Comparisons of everything but the names: age or date of birth, sex, and places.

Each gives one Level of the comparison vector (or none, when a side says nothing); how much
a level counts is the parameters' business (model.py), not these functions'.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA, JaroWinkler

from .levels import Level
from .model import age_comparison
from .places import place_keys
from .profile import Age, Profile
from .records import _

# ---- age and date of birth -----------------------------------------------------------------
_DOB_TEMPLATES = {
    "exact": _("date of birth: same ({left})"),
    "typo": _("date of birth: {left} / {right} differ by one typo"),
    "two typos": _("date of birth: {left} / {right} differ by two typos"),
    "year": _("date of birth: same year ({left} / {right})"),
    "near": _("date of birth: {left} / {right} differ"),
    "different": _("date of birth: {left} / {right} differ"),
}
_AGE_TEMPLATES = {
    "0": _("age: {left} fits {right}"),
    "0w": _("age: {left} fits {right}"),
    "1": _("age: {left} is near {right}"),
    "2": _("age: {left} is near {right}"),
    "3-5": _("age: {left} is near {right}"),
    "6-10": _("age: {left} does not fit {right}"),
    "11-25": _("age: {left} is far from {right}"),
    "26+": _("age: {left} is far from {right}"),
}


def _dob_level(x: str, y: str, a: Age, b: Age) -> str:
    if x == y:
        return "exact"
    swapped = y[:4] + y[6:8] + y[4:6]
    if x == swapped or OSA.distance(x, y) <= 1:
        return "typo"
    if x[:4] == y[:4]:
        return "year"
    if OSA.distance(x, y, score_cutoff=2) <= 2:
        return "two typos"
    if a.year is not None and b.year is not None and abs(a.year - b.year) <= 1:
        return "near"
    return "different"


def age_band(a: Age, b: Age) -> str:
    """The gap in years between two age intervals, as a band ("0w": overlapping, wide)."""
    gap = max(0, b.lo - a.hi, a.lo - b.hi)
    if gap == 0:
        return "0" if (a.hi - a.lo) + (b.hi - b.lo) <= 2 else "0w"
    if gap <= 2:
        return str(gap)
    if gap <= 5:
        return "3-5"
    if gap <= 10:
        return "6-10"
    return "11-25" if gap <= 25 else "26+"


def compare_age(
    a: Age | None, b: Age | None, source_a: str = "", source_b: str = ""
) -> Level | None:
    if a is None or b is None:
        return None
    if a.dob and b.dob:
        level = _dob_level(a.dob, b.dob, a, b)
        params = {"left": a.label, "right": b.label}
        return Level("dob", level, "birth_date", _DOB_TEMPLATES[level], params)
    band = age_band(a, b)
    params = {"left": _age_phrase(a), "right": _age_phrase(b)}
    comparison = age_comparison(source_a, source_b)
    return Level(comparison, band, "age", _AGE_TEMPLATES[band], params)


def _age_phrase(age: Age) -> str:
    if age.kind == "estimate":
        return f"estimate {age.label}"
    if age.kind in ("dob", "year"):
        return f"born {age.label}"
    return age.label


# ---- sex and place -------------------------------------------------------------------------


def compare_sex(a: str, b: str) -> Level | None:
    if a not in ("female", "male") or b not in ("female", "male"):
        return None
    if a == b:
        return Level("sex", "same", "sex", _("sex: both {left}"), {"left": a})
    return Level(
        "sex", "different", "sex", _("sex: {left} / {right} differ"), {"left": a, "right": b}
    )


_PLACE_TEMPLATES = {
    "same": _("place: same ({left})"),
    "area": _("place: {left} / {right} are the same area"),
    "different": _("place: {left} / {right} differ"),
}
_FOUND_TEMPLATES = {
    "same": _("place: found where last seen ({left})"),
    "area": _("place: found near where last seen ({left} / {right})"),
    "different": _("place: found at {right}, last seen at {left} (no evidence either way)"),
}


def compare_place(
    a: tuple[str, ...], b: tuple[str, ...], freqs, comparison: str = "place"
) -> Level | None:
    if not a or not b:
        return None
    params = {"left": " ".join(a), "right": " ".join(b)}
    templates = _FOUND_TEMPLATES if comparison == "found" else _PLACE_TEMPLATES
    if a == b or sorted(a) == sorted(b):
        u = None
        if freqs is not None:
            u = freqs.share("p:" + " ".join(a))
        return Level(comparison, "same", "location", templates["same"], params, u)
    keys_a, keys_b = place_keys(a), place_keys(b)
    shared = keys_a & keys_b
    if shared or JaroWinkler.similarity(" ".join(a), " ".join(b)) >= 0.92:
        u = None
        if freqs is not None and shared:
            shares = [freqs.share("q:" + k) for k in shared]
            shares = [x for x in shares if x is not None]
            u = min(shares) if shares else None
        return Level(comparison, "area", "location", templates["area"], params, u)
    return Level(comparison, "different", "location", templates["different"], params)


def _places(a: Profile, b: Profile, freqs) -> Level | None:
    """Places of the same kind are compared as places; a last-seen place against a found-at
    place only as "found where last seen" (their disagreement is no evidence)."""
    if a.place and b.place:
        return compare_place(a.place, b.place, freqs)
    if a.found and b.found:
        return compare_place(a.found, b.found, freqs)
    if a.place and b.found:
        return compare_place(a.place, b.found, freqs, "found")
    if a.found and b.place:
        return compare_place(b.place, a.found, freqs, "found")
    return None


def other_levels(a: Profile, b: Profile, freqs) -> list[Level]:
    found = (
        compare_age(a.age, b.age, a.source, b.source),
        compare_sex(a.sex, b.sex),
        _places(a, b, freqs),
    )
    return [r for r in found if r is not None]
