"""Fellegi-Sunter scoring of one pair of records, with reasons.

Each comparison (given name, family name, date of birth or age, sex, place) falls into one
level; each level has m = P(level | same person) and u = P(level | different people). The
evidence of a level is its weight log2(m/u); weights add up (the comparisons are treated as
independent), are added to the prior log-odds, and turn into a probability.

Where the numbers come from (no benchmark was used to fit them):
- u of an exact name or place agreement is the share of records carrying that value
  (term-frequency adjustment, NameFrequencies), and for "same name, other spelling" levels the
  share of records in the same name group; without a table, typical shares of a given name
  (1 %) and family name (0.5 %).
- u of fuzzy levels: the rate at which two different names of a name list collide on a
  consonant skeleton (~0.3 %) or sit one edit apart (~0.1 % for given names, which are
  shorter and fewer, ~0.06 % for family names); of dates: one in 365 x 80.
- m: how often the same person is written that way in registration data. Published error
  rates of hand-taken lists put typos at 5-10 % of names, different-script or spelling
  variants at 10-15 % (same script) and most of cross-script pairs, data-entry errors in
  dates of birth at 5-10 %, and mismatched sex at 1-2 %.
- prior: a report is about one person, who is on the board at most once, so the prior odds
  that a given post is theirs are 1 / (number of open posts), from the frequency table (at
  least MIN_POOL; DEFAULT_POOL when no table is given), times the record's `prior_share`:
  the chance that its person is on the board at all. That is 1 unless the caller knows
  better; the board estimates it per source of reports from its own data (a hospital
  list is mostly people nobody searches for), as Splink estimates its λ.
"""

from __future__ import annotations

import math

from rapidfuzz.distance import OSA, JaroWinkler

from .frequencies import NameFrequencies
from .names import (
    DIFFERENT,
    EXACT,
    INITIAL,
    SKELETON,
    TYPO,
    VARIANT,
    WEAK,
    NameVariant,
    Token,
    compare_tokens,
)
from .places import place_keys
from .profile import Age, Profile, profile_of
from .records import MatchResult, PersonRecord, Reason, _

# The probabilities are calibrated odds, so the thresholds are decisions, not fits:
# LIKELY: "more likely than not the same person" - alert the family, who confirm. For a
# calibrated score this also maximises expected F1 (the best threshold is half the best F1,
# Lipton et al. 2014). REVIEW: one chance in twenty is worth a volunteer's look.
LIKELY = 0.5
REVIEW = 0.05
MIN_POOL = 1_000
DEFAULT_POOL = 4_096

# m and u per name level: (same script: given, family), cross-script. EXACT u comes from the
# frequency table when there is one. INITIAL is conditional on one side being an initial:
# the letter agrees for 95 % of true pairs, 1 in 15 of others.
_M_GIVEN = (0.65, 0.17, 0.06, 0.06, 0.02, 0.02, 0.02)
_U_GIVEN = (0.01, 0.002, 0.004, 0.001, 0.0015, 0.02, 0.94)
_M_FAMILY = (0.68, 0.12, 0.06, 0.08, 0.01, 0.03, 0.02)
_U_FAMILY = (0.005, 0.001, 0.003, 0.0006, 0.0008, 0.015, 0.95)
_M_CROSS = (0.72, 0.72, 0.14, 0.07, 0.01, 0.03, 0.03)
_U_CROSS = (0.004, 0.004, 0.01, 0.01, 0.0008, 0.05, 0.9)
SWAP_WEIGHT = -1.0  # given and family fields filled the other way round
# family-first writing is common (administrative French, Arabic, Hungarian, East Asian), so
# when the order was only guessed from a full name, a swap costs little
SWAP_WEIGHT_GUESSED = -0.3
EXTRA_PAIR_FACTOR = 0.5  # a third agreeing name part adds half its weight (names correlate)
EXTRA_PAIR_DIFFERENT = -1.0  # a third part that differs: middle names are often dropped

_NAME_TEMPLATES = {
    "given_name": {
        EXACT: _("given name: same spelling ({left})"),
        VARIANT: _("given name: {left} and {right} are forms of the same name"),
        SKELETON: _("given name: same consonant skeleton ({left} / {right})"),
        TYPO: _("given name: {left} / {right} differ by a typo"),
        INITIAL: _("given name: initial fits ({left} / {right})"),
        WEAK: _("given name: {left} / {right} are only loosely similar"),
        DIFFERENT: _("given name: {left} / {right} differ"),
    },
    "family_name": {
        EXACT: _("family name: same spelling ({left})"),
        VARIANT: _("family name: {left} and {right} are forms of the same name"),
        SKELETON: _("family name: same consonant skeleton ({left} / {right})"),
        TYPO: _("family name: {left} / {right} differ by a typo"),
        INITIAL: _("family name: initial fits ({left} / {right})"),
        WEAK: _("family name: {left} / {right} are only loosely similar"),
        DIFFERENT: _("family name: {left} / {right} differ"),
    },
    "name": {
        EXACT: _("name: same spelling ({left})"),
        VARIANT: _("name: {left} and {right} are forms of the same name"),
        SKELETON: _("name: same consonant skeleton ({left} / {right})"),
        TYPO: _("name: {left} / {right} differ by a typo"),
        INITIAL: _("name: initial fits ({left} / {right})"),
        WEAK: _("name: {left} / {right} are only loosely similar"),
        DIFFERENT: _("name: {left} / {right} differ"),
    },
}
_CROSS_TEMPLATE = _("{label}: {left} and {right} are the same name in two scripts")
_SWAP_TEMPLATE = _("name: given and family name written the other way round")
_COMMON_SUFFIX = _(" (a common name)")


def _other_spellings_share(token: Token, freqs: NameFrequencies, cross: bool) -> float | None:
    """Share of records in the token's name group but spelt otherwise (its rarest reading)."""
    if cross:
        shares = [freqs.share("x:" + k) for k in token.cross]
    else:
        shares = [freqs.share("s:" + k) for k in token.skeletons]
    shares = [s for s in shares if s is not None]
    if not shares:
        return None
    exact = freqs.share("t:" + token.text) or 0.0
    return max(min(shares) - exact, 0.0)


def _u_for(a: Token, b: Token, level: int, base: tuple, freqs: NameFrequencies | None) -> float:
    u = base[level]
    if freqs is None or level > TYPO:
        return u
    if level == EXACT:
        share = freqs.share("t:" + a.text)
        return u if share is None else share
    # same name in another spelling: the chance that a random record is another spelling of it
    cross = a.arabic != b.arabic
    shares = [_other_spellings_share(a, freqs, cross), _other_spellings_share(b, freqs, cross)]
    shares = [s for s in shares if s is not None]
    return max(max(shares), u) if shares else u


_FIELD_PARAMS = {"given_name": (_M_GIVEN, _U_GIVEN), "family_name": (_M_FAMILY, _U_FAMILY)}
_NO_TABLE_CACHE: dict = {}


def _pair_weight(a: Token, b: Token, field: str, freqs: NameFrequencies | None) -> tuple:
    """(level, weight, common) of two tokens for a field; cached per frequency table."""
    cache = _NO_TABLE_CACHE if freqs is None else freqs.cache
    key = (a.uid, b.uid, field) if a.uid < b.uid else (b.uid, a.uid, field)
    found = cache.get(key)
    if found is not None:
        return found
    if len(cache) > 1_000_000:
        cache.clear()
    level = compare_tokens(a, b)
    # a name romanised from another script (Соловьёва / Solovyova, محمد / Mohamed) lands on
    # a "variant" or "skeleton" level for most true pairs: it takes the cross-script m
    if a.script != b.script:
        m, base = _M_CROSS, _U_CROSS
    else:
        m, base = _FIELD_PARAMS.get(field, (_M_GIVEN, _U_GIVEN))
    u = _u_for(a, b, level, base, freqs) if a.uid < b.uid else _u_for(b, a, level, base, freqs)
    found = cache[key] = (level, math.log2(m[level] / u), level <= TYPO and u >= 0.02)
    return found


def _mask(token: Token) -> int:
    return ((1 << (token.end - token.start)) - 1) << token.start


def _align(left, right, field: str, freqs) -> list[list]:
    """Greedy one-to-one alignment of name tokens, best evidence first (compounds allowed).

    Each chosen pair is [weight, level, a, b, field, common, contribution]."""
    cands = []
    for a in left:
        for b in right:
            level, weight, common = _pair_weight(a, b, field, freqs)
            cands.append([weight, level, a, b, field, common, weight])
    if len(cands) <= 1:
        return cands
    # ties are broken on the spellings, so that the result does not depend on argument order
    cands.sort(key=lambda c: (-c[0], min(c[2].text, c[3].text), max(c[2].text, c[3].text)))
    used_l = used_r = 0
    chosen = []
    for cand in cands:
        mask_l, mask_r = _mask(cand[2]), _mask(cand[3])
        if mask_l & used_l or mask_r & used_r:
            continue
        used_l |= mask_l
        used_r |= mask_r
        chosen.append(cand)
    return chosen


def _sum_pairs(pairs: list[list], keep: int) -> float:
    """Full weight for the first `keep` pairs; dampened weight for the rest."""
    total = 0.0
    for i, pair in enumerate(pairs):
        if i < keep:
            contribution = pair[0]
        elif pair[1] == DIFFERENT:
            contribution = EXTRA_PAIR_DIFFERENT
        else:
            contribution = EXTRA_PAIR_FACTOR * max(pair[0], 0.0)
        pair[6] = contribution
        total += contribution
    return total


def _within(variant: NameVariant, role: tuple[Token, ...]) -> tuple[Token, ...]:
    """The role's tokens plus the compounds made only of them."""
    if not role or not variant.compounds:
        return role
    lo, hi = role[0].start, role[-1].end
    return role + tuple(c for c in variant.compounds if lo <= c.start and c.end <= hi)


def _compare_variants(a: NameVariant, b: NameVariant, freqs) -> tuple[float, list, float]:
    """(weight, pairs, swap weight or 0) for two ways of writing the names."""
    if a.roles_known and b.roles_known and (a.given or b.given) and (a.family or b.family):
        ga, fa = _within(a, a.given), _within(a, a.family)
        gb, fb = _within(b, b.given), _within(b, b.family)
        straight_g = _align(ga, gb, "given_name", freqs)
        straight_f = _align(fa, fb, "family_name", freqs)
        straight = _sum_pairs(straight_g, 1) + _sum_pairs(straight_f, 1)
        # swapped pairs are judged as plain name parts, so the result is the same both ways round
        swap_g = _align(ga, fb, "name", freqs)
        swap_f = _align(fa, gb, "name", freqs)
        if swap_g and swap_f:
            penalty = _swap_weight(a, b)
            swapped = _sum_pairs(swap_g, 1) + _sum_pairs(swap_f, 1) + penalty
            if swapped > straight:
                return swapped, swap_g + swap_f, penalty
        return straight, straight_g + straight_f, 0.0
    pairs = _align(a.tokens + a.compounds, b.tokens + b.compounds, "name", freqs)
    return _sum_pairs(pairs, 2), pairs, 0.0


def _swap_weight(a: NameVariant, b: NameVariant) -> float:
    both_explicit = a.roles == "explicit" and b.roles == "explicit"
    return SWAP_WEIGHT if both_explicit else SWAP_WEIGHT_GUESSED


def _name_reasons(pairs: list, swapped: float) -> list[Reason]:
    reasons = []
    for _weight, level, a, b, field, common, contribution in pairs:
        params = {"left": a.display, "right": b.display}
        if a.script != b.script and level in (EXACT, VARIANT, SKELETON):
            label = {"given_name": "given name", "family_name": "family name"}.get(field, "name")
            template = _CROSS_TEMPLATE
            params["label"] = label
        else:
            template = _NAME_TEMPLATES[field][level]
        if common:
            template = template + _COMMON_SUFFIX
        reasons.append(Reason(field, template, params, contribution))
    if swapped:
        reasons.append(Reason("name", _SWAP_TEMPLATE, {}, swapped))
    return reasons


def compare_names(a: Profile, b: Profile, freqs) -> tuple[float, list, float]:
    """Best (weight, pairs, swap weight) over every way each record writes the name."""
    best = (0.0, [], 0.0)
    first = True
    for va in a.names:
        for vb in b.names:
            if va.roles == vb.roles == "double":
                continue  # a shared middle word would pass for a shared family name
            found = _compare_variants(va, vb, freqs)
            if first or found[0] > best[0]:
                best, first = found, False
    return best


# ---- age and date of birth -----------------------------------------------------------------
_U_DOB_EXACT = 1 / (365 * 80)
_U_DOB_TYPO = 1e-3  # ~30 valid dates sit one keystroke or a day/month swap away
_AGE_SPAN = 75  # ages of people on the lists are spread over about 75 years


def _dob_level(x: str, y: str) -> str:
    if x == y:
        return "exact"
    swapped = y[:4] + y[6:8] + y[4:6]
    if x == swapped or OSA.distance(x, y) <= 1:
        return "typo"
    if x[:4] == y[:4]:
        return "year"
    if OSA.distance(x, y, score_cutoff=2) <= 2:
        return "two typos"
    return "different"


def compare_age(a: Age | None, b: Age | None) -> Reason | None:
    if a is None or b is None:
        return None
    if a.dob and b.dob:
        level = _dob_level(a.dob, b.dob)
        params = {"left": a.label, "right": b.label}
        if level == "exact":
            return Reason(
                "birth_date",
                _("date of birth: same ({left})"),
                params,
                math.log2(0.85 / _U_DOB_EXACT),
            )
        if level == "typo":
            return Reason(
                "birth_date",
                _("date of birth: {left} / {right} differ by one typo"),
                params,
                math.log2(0.08 / _U_DOB_TYPO),
            )
        if level == "two typos":  # ~300 of the 29,000 dates of 80 years sit two keystrokes away
            return Reason(
                "birth_date",
                _("date of birth: {left} / {right} differ by two typos"),
                params,
                math.log2(0.03 / 0.01),
            )
        if level == "year":
            return Reason(
                "birth_date",
                _("date of birth: same year ({left} / {right})"),
                params,
                math.log2(0.02 / 0.0125),
            )
        if a.year is not None and b.year is not None and abs(a.year - b.year) <= 1:
            return Reason(
                "birth_date",
                _("date of birth: {left} / {right} differ"),
                params,
                math.log2(0.02 / 0.03),
            )
        return Reason("birth_date", _("date of birth: {left} / {right} differ"), params, math.log2(0.05 / 0.95))  # fmt: skip
    # ranges: a stated age, a birth year (two possible ages) or an estimate
    tolerance = 2 if "estimate" in (a.kind, b.kind) else 1
    gap = max(0, b.lo - a.hi, a.lo - b.hi)
    window = (a.hi - a.lo) + (b.hi - b.lo) + 2 * tolerance + 1
    params = {"left": _age_phrase(a), "right": _age_phrase(b)}
    if gap <= tolerance:
        weight = math.log2(0.88 / min(0.9, window / _AGE_SPAN))
        return Reason("age", _("age: {left} fits {right}"), params, weight)
    if gap <= tolerance + 3:
        weight = math.log2(0.07 / min(0.9, 6 / _AGE_SPAN))
        return Reason("age", _("age: {left} is near {right}"), params, weight)
    # Beyond that, only a data-entry error explains a same-person pair (age typed in the wrong
    # box, 7 for 70): rarer the wider the gap. Namesakes in one family differ by a generation.
    if gap <= 10:
        return Reason("age", _("age: {left} does not fit {right}"), params, math.log2(0.02 / 0.4))
    if gap <= 25:
        return Reason("age", _("age: {left} is far from {right}"), params, math.log2(0.004 / 0.3))
    return Reason("age", _("age: {left} is far from {right}"), params, math.log2(0.002 / 0.3))


def _age_phrase(age: Age) -> str:
    if age.kind == "estimate":
        return f"estimate {age.label}"
    if age.kind in ("dob", "year"):
        return f"born {age.label}"
    return age.label


# ---- sex and place -------------------------------------------------------------------------


def compare_sex(a: str, b: str) -> Reason | None:
    if a not in ("female", "male") or b not in ("female", "male"):
        return None
    if a == b:
        return Reason("sex", _("sex: both {left}"), {"left": a}, math.log2(0.96 / 0.5))
    return Reason(
        "sex", _("sex: {left} / {right} differ"), {"left": a, "right": b}, math.log2(0.02 / 0.5)
    )


def compare_place(a: tuple[str, ...], b: tuple[str, ...], freqs) -> Reason | None:
    if not a or not b:
        return None
    params = {"left": " ".join(a), "right": " ".join(b)}
    if a == b or sorted(a) == sorted(b):
        u = 0.02
        if freqs is not None:
            share = freqs.share("p:" + " ".join(a))
            u = share if share is not None else u
        return Reason("location", _("place: same ({left})"), params, math.log2(0.45 / u))
    keys_a, keys_b = place_keys(a), place_keys(b)
    shared = keys_a & keys_b
    if shared or JaroWinkler.similarity(" ".join(a), " ".join(b)) >= 0.92:
        u = 0.03
        if freqs is not None and shared:
            shares = [freqs.share("q:" + k) for k in shared]
            shares = [x for x in shares if x is not None]
            u = max(min(shares), 0.005) if shares else u
        return Reason(
            "location", _("place: {left} / {right} are the same area"), params, math.log2(0.25 / u)
        )
    # found people are often far from where they were last seen: weak evidence only
    return Reason("location", _("place: {left} / {right} differ"), params, math.log2(0.35 / 0.94))


# ---- the pair ------------------------------------------------------------------------------


def prior_log2(freqs: NameFrequencies | None) -> float:
    pool = DEFAULT_POOL if freqs is None else max(MIN_POOL, freqs.population)
    return -math.log2(pool)


def level_for(score: float, likely: float = LIKELY, review: float = REVIEW) -> str:
    if score >= likely:
        return "likely"
    if score >= review:
        return "review"
    return "none"


def _others(a: Profile, b: Profile, freqs) -> list[Reason]:
    found = (
        compare_age(a.age, b.age),
        compare_sex(a.sex, b.sex),
        compare_place(a.place, b.place, freqs),
        _source_share(a.record.prior_share * b.record.prior_share),
    )
    return [r for r in found if r is not None]


def _source_share(share: float) -> Reason | None:
    """The prior odds scaled by the share of such records that are about someone here."""
    if share >= 1.0:
        return None
    return Reason(
        "source",
        _("source: about {share} of reports like this one are about someone searched for here"),
        {"share": f"{max(1, round(share * 100))} %"},
        math.log2(share),
    )


def evidence(result: MatchResult) -> float:
    """The probability the pair would have with every record assumed to be on the board.

    What a caller estimating a share must count: the scores themselves already carry it."""
    shift = sum(r.weight for r in result.reasons if r.field == "source")
    if not shift or result.score <= 0.0 or result.score >= 1.0:
        return result.score
    return _probability(math.log2(result.score / (1.0 - result.score)) - shift)


def _probability(log2_odds: float) -> float:
    if log2_odds < -60:
        return 0.0
    if log2_odds > 60:
        return 1.0
    return 1.0 / (1.0 + 2.0 ** (-log2_odds))


def evaluate(a: Profile, b: Profile, freqs: NameFrequencies | None = None) -> tuple:
    """(probability, the parts explain() needs): rank on the first, explain the few kept."""
    name_weight, pairs, swapped = compare_names(a, b, freqs)
    others = _others(a, b, freqs)
    score = _probability(prior_log2(freqs) + name_weight + sum(r.weight for r in others))
    return score, (pairs, swapped, others)


def explain(score: float, parts: tuple) -> MatchResult:
    pairs, swapped, others = parts
    reasons = _name_reasons(pairs, swapped) + others
    reasons.sort(key=lambda r: -abs(r.weight))
    return MatchResult(score=score, level=level_for(score), reasons=tuple(reasons))


def score_profiles(a: Profile, b: Profile, freqs: NameFrequencies | None = None) -> MatchResult:
    return explain(*evaluate(a, b, freqs))


def score_pair(
    left: PersonRecord, right: PersonRecord, *, frequencies: NameFrequencies | None = None
) -> MatchResult:
    """Probability that two records describe the same person, with the reasons."""
    return score_profiles(profile_of(left), profile_of(right), frequencies)
