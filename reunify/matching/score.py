"""Fellegi-Sunter scoring of one pair of records, with reasons: compare, then weigh.

`compare` turns a pair into a vector of levels: one per name part aligned across the two
records (same spelling, known variant, consonant skeleton, typo, initial, weak, different;
across scripts a comparison of its own), the age gap band (learned per kind of source: only
the person and their family state an age, anyone else estimates it), the date of birth, sex,
and place where it means something (two last-seen places; a last-seen place against where
the person was found only counts when they agree). `weigh` turns the levels into evidence
with `Params` (model.py): each level weighs log2(m/u); the weights add up (the comparisons
are treated as independent), are added to the prior log-odds, and turn into a probability.

- u of an exact name or place agreement is the share of records carrying that value
  (term-frequency adjustment, NameFrequencies), and for "same name, other spelling" levels the
  share of records in the same name group (at least the level's u).
- m, u of every other level and λ come from the parameters: PRIOR by default, or those
  fitted by EM on the incident's own records (fit.py).
- prior: a report is about one person, who is on the board at most once, so the prior odds
  that a given post is theirs are λ / (number of open posts), from the frequency table (at
  least the parameters' min_pool; DEFAULT_POOL when no table is given). λ is the share of
  reports of the record's source that are about someone on the board (a hospital list is
  mostly people nobody searches for); a record's `prior_share` below 1 overrides it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import field as dc_field

from rapidfuzz.distance import OSA, JaroWinkler

from .frequencies import NameFrequencies, joint_term
from .model import NAME_LEVELS, PRIOR, Params, age_comparison
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


_EXTRA_TEMPLATES = {
    "agree": _("name: {left} / {right} also agree"),
    "different": _("name: {left} / {right} differ"),
}
_SWAP_TEMPLATES = {
    "straight": _("name: given and family name in the same order"),
    "swapped": _SWAP_TEMPLATE,
    "guessed": _SWAP_TEMPLATE,
}


@dataclass(frozen=True, slots=True)
class Level:
    """One entry of a comparison vector: the level of one comparison, and how to explain it.

    `u` replaces the parameters' u for this very value (the share of records carrying the
    name or place: term-frequency adjustment); None uses the parameters'."""

    comparison: str
    level: str
    field: str
    template: str
    params: dict = dc_field(hash=False)
    u: float | None = None
    weight: float | None = None  # a derived correction, not a level with m and u (joint names)


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


def _tf_u(a: Token, b: Token, level: int, freqs: NameFrequencies | None) -> float | None:
    if freqs is None or level > TYPO:
        return None
    if level == EXACT:
        return freqs.share("t:" + a.text)
    # same name in another spelling: the chance that a random record is another spelling of it
    cross = a.arabic != b.arabic
    shares = [_other_spellings_share(a, freqs, cross), _other_spellings_share(b, freqs, cross)]
    shares = [s for s in shares if s is not None]
    return max(shares) if shares else None


_NO_TABLE_CACHE: dict = {}


def _pair_level(a: Token, b: Token, field: str, freqs: NameFrequencies | None) -> tuple:
    """(comparison, level index, term-frequency u) of two tokens; cached per frequency table."""
    cache = _NO_TABLE_CACHE if freqs is None else freqs.cache
    key = (a.uid, b.uid, field) if a.uid < b.uid else (b.uid, a.uid, field)
    found = cache.get(key)
    if found is not None:
        return found
    if len(cache) > 1_000_000:
        cache.clear()
    level = compare_tokens(a, b)
    # a name romanised from another script (Соловьёва / Solovyova, محمد / Mohamed) lands on
    # a "variant" or "skeleton" level for most true pairs: it is a comparison of its own
    comparison = _COMPARISON[field] + (".x" if a.script != b.script else "")
    u = _tf_u(a, b, level, freqs) if a.uid < b.uid else _tf_u(b, a, level, freqs)
    found = cache[key] = (comparison, level, u)
    return found


_COMPARISON = {"given_name": "given", "family_name": "family", "name": "name"}


def _mask(token: Token) -> int:
    return ((1 << (token.end - token.start)) - 1) << token.start


def _align(left, right, field: str, freqs, params: Params) -> list[list]:
    """Greedy one-to-one alignment of name tokens, best evidence first (compounds allowed).

    Each chosen pair is [weight, level, a, b, field, comparison, u]."""
    cands = []
    for a in left:
        for b in right:
            comparison, level, u = _pair_level(a, b, field, freqs)
            weight = params.weight(comparison, NAME_LEVELS[level], u)
            cands.append([weight, level, a, b, field, comparison, u])
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


def _sum_pairs(pairs: list[list], keep: int, params: Params) -> float:
    """Full weight for the first `keep` pairs; the rest are extra name parts."""
    total = 0.0
    for i, pair in enumerate(pairs):
        if i >= keep:
            pair[5] = "extra"
            pair[6] = None
            pair[0] = params.weight("extra", "different" if pair[1] == DIFFERENT else "agree")
        total += pair[0]
    return total


def _within(variant: NameVariant, role: tuple[Token, ...]) -> tuple[Token, ...]:
    """The role's tokens plus the compounds made only of them."""
    if not role or not variant.compounds:
        return role
    lo, hi = role[0].start, role[-1].end
    return role + tuple(c for c in variant.compounds if lo <= c.start and c.end <= hi)


def _compare_variants(a: NameVariant, b: NameVariant, freqs, params: Params) -> tuple:
    """(weight, pairs, swap level or "") for two ways of writing the names."""
    if a.roles_known and b.roles_known and (a.given or b.given) and (a.family or b.family):
        ga, fa = _within(a, a.given), _within(a, a.family)
        gb, fb = _within(b, b.given), _within(b, b.family)
        straight_g = _align(ga, gb, "given_name", freqs, params)
        straight_f = _align(fa, fb, "family_name", freqs, params)
        straight = (
            _sum_pairs(straight_g, 1, params)
            + _sum_pairs(straight_f, 1, params)
            + params.weight("swap", "straight")
        )
        # swapped pairs are judged as plain name parts, so the result is the same both ways round
        swap_g = _align(ga, fb, "name", freqs, params)
        swap_f = _align(fa, gb, "name", freqs, params)
        if swap_g and swap_f:
            both_explicit = a.roles == "explicit" and b.roles == "explicit"
            level = "swapped" if both_explicit else "guessed"
            swapped = (
                _sum_pairs(swap_g, 1, params)
                + _sum_pairs(swap_f, 1, params)
                + params.weight("swap", level)
            )
            if swapped > straight:
                return swapped, swap_g + swap_f, level
        return straight, straight_g + straight_f, "straight"
    pairs = _align(a.tokens + a.compounds, b.tokens + b.compounds, "name", freqs, params)
    return _sum_pairs(pairs, 2, params), pairs, ""


_JOINT_TEMPLATE = _(
    "name: {left} and {right} together are also carried by {share} of the other records here"
    " (namesakes)"
)


def _joint(pairs: list, freqs, params: Params) -> Level | None:
    """Given and family names are not chosen independently (families, namesakes, names of one
    origin): when the two strongest name parts agree, the chance that a different person
    carries both is at least the share of the other records carrying both (term frequency of
    the pair, leaving out the candidate itself), not the product of their separate shares."""
    if freqs is None:
        return None
    kept = [p for p in pairs if p[5] != "extra"][:2]
    if len(kept) < 2 or any(p[1] > TYPO for p in kept):
        return None
    a1, a2 = kept[0][2], kept[1][2]
    if not (a1.xkeys and a2.xkeys):
        return None
    # leave-one-out: the candidate itself carries both names; how many others do?
    others = freqs.counts.get(joint_term(a1, a2), 0) - 1
    if others <= 0 or freqs.population < 20:
        return None
    share = others / freqs.population
    log_u = 0.0
    for _w, level, _a, _b, _field, comparison, u in kept:
        m_u = params.m_u(comparison, NAME_LEVELS[level])[1]
        if u is not None:
            m_u = u if level == EXACT else max(u, m_u)
        log_u += math.log2(max(m_u, 1e-9))
    correction = log_u - math.log2(share)
    if correction >= 0:
        return None
    params_ = {"left": a1.display, "right": a2.display, "share": _share_text(share)}
    return Level("joint", "namesakes", "name", _JOINT_TEMPLATE, params_, weight=correction)


def _share_text(share: float) -> str:
    if share >= 0.01:
        return f"{round(share * 100)} %"
    return f"1 in {round(1 / share):,}"


def _name_levels(pairs: list, swap: str, freqs) -> list[Level]:
    out = []
    for _weight, level, a, b, field, comparison, u in pairs:
        params = {"left": a.display, "right": b.display}
        if comparison == "extra":
            name = "different" if level == DIFFERENT else "agree"
            out.append(Level("extra", name, "name", _EXTRA_TEMPLATES[name], params))
            continue
        if a.script != b.script and level in (EXACT, VARIANT, SKELETON):
            label = {"given_name": "given name", "family_name": "family name"}.get(field, "name")
            template = _CROSS_TEMPLATE
            params["label"] = label
        else:
            template = _NAME_TEMPLATES[field][level]
        if level <= TYPO and u is not None and u >= 0.02:
            template = template + _COMMON_SUFFIX
        out.append(Level(comparison, NAME_LEVELS[level], field, template, params, u))
    if swap:
        out.append(Level("swap", swap, "name", _SWAP_TEMPLATES[swap], {}))
    return out


def compare_names(a: Profile, b: Profile, freqs, params: Params = PRIOR) -> tuple:
    """Best (weight, pairs, swap level) over every way each record writes the name."""
    best = (0.0, [], "")
    first = True
    for va in a.names:
        for vb in b.names:
            if va.roles == vb.roles == "double":
                continue  # a shared middle word would pass for a shared family name
            found = _compare_variants(va, vb, freqs, params)
            if first or found[0] > best[0]:
                best, first = found, False
    return best


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


# ---- the pair ------------------------------------------------------------------------------


def prior_log2(freqs: NameFrequencies | None, params: Params = PRIOR) -> float:
    pool = DEFAULT_POOL if freqs is None else max(params.min_pool, freqs.population, 1)
    return -math.log2(pool)


def level_for(score: float, likely: float = LIKELY, review: float = REVIEW) -> str:
    if score >= likely:
        return "likely"
    if score >= review:
        return "review"
    return "none"


def _others(a: Profile, b: Profile, freqs) -> list[Level]:
    found = (
        compare_age(a.age, b.age, a.source, b.source),
        compare_sex(a.sex, b.sex),
        _places(a, b, freqs),
    )
    return [r for r in found if r is not None]


def pair_lambda(a: Profile, b: Profile, params: Params) -> float:
    """λ of the pair: a record's own prior_share when given, else its source's (the report)."""
    share = a.record.prior_share * b.record.prior_share
    if share < 1.0:
        return share
    return params.lambda_for(b.source)


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


def compare_profiles(
    a: Profile, b: Profile, freqs: NameFrequencies | None = None, params: Params = PRIOR
) -> tuple[Level, ...]:
    _weight, pairs, swap = compare_names(a, b, freqs, params)
    joint = _joint(pairs, freqs, params)
    names = _name_levels(pairs, swap, freqs) + ([joint] if joint else [])
    return tuple(names + _others(a, b, freqs))


def compare(
    left: PersonRecord,
    right: PersonRecord,
    freqs: NameFrequencies | None = None,
    *,
    params: Params = PRIOR,
) -> tuple[Level, ...]:
    """The comparison vector of a pair: one Level per comparison both records allow.

    `params` only decides how name parts are aligned (the strongest reading of the names);
    the levels themselves do not depend on it."""
    return compare_profiles(profile_of(left), profile_of(right), freqs, params)


def _item_weight(item: Level, params: Params) -> float:
    if item.weight is not None:
        return item.weight
    return params.weight(item.comparison, item.level, item.u)


def weigh(vector: tuple[Level, ...], params: Params = PRIOR) -> tuple[float, list[Reason]]:
    """(evidence in bits, reasons) of a comparison vector: the sum of log2(m/u)."""
    total = 0.0
    reasons = []
    for item in vector:
        weight = _item_weight(item, params)
        total += weight
        reasons.append(Reason(item.field, item.template, item.params, weight))
    return total, reasons


def evaluate_log2(
    a: Profile, b: Profile, freqs: NameFrequencies | None = None, params: Params = PRIOR
) -> tuple:
    """(log2 odds of the pair on its own, the parts explain() needs)."""
    name_weight, pairs, swap = compare_names(a, b, freqs, params)
    others = _others(a, b, freqs)
    joint = _joint(pairs, freqs, params)
    if joint is not None:
        others.insert(0, joint)
    share = pair_lambda(a, b, params)
    total = prior_log2(freqs, params) + name_weight + math.log2(share)
    for item in others:
        total += _item_weight(item, params)
    return total, (pairs, swap, others, share, freqs, params)


def evaluate(
    a: Profile, b: Profile, freqs: NameFrequencies | None = None, params: Params = PRIOR
) -> tuple:
    """(probability, the parts explain() needs): rank on the first, explain the few kept."""
    total, parts = evaluate_log2(a, b, freqs, params)
    return _probability(total), parts


def explain(score: float, parts: tuple) -> MatchResult:
    pairs, swap, others, share, freqs, params = parts
    _total, reasons = weigh(tuple(_name_levels(pairs, swap, freqs) + others), params)
    source = _source_share(share)
    if source is not None:
        reasons.append(source)
    reasons.sort(key=lambda r: -abs(r.weight))
    return MatchResult(score=score, level=level_for(score), reasons=tuple(reasons))


def score_profiles(
    a: Profile, b: Profile, freqs: NameFrequencies | None = None, params: Params = PRIOR
) -> MatchResult:
    return explain(*evaluate(a, b, freqs, params))


def score_pair(
    left: PersonRecord,
    right: PersonRecord,
    *,
    frequencies: NameFrequencies | None = None,
    params: Params | None = None,
) -> MatchResult:
    """Probability that two records describe the same person, with the reasons."""
    return score_profiles(profile_of(left), profile_of(right), frequencies, params or PRIOR)
