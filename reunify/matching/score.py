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

from .attributes import other_levels
from .frequencies import NameFrequencies
from .levels import Level
from .likeness import compare_tokens
from .model import NAME_LEVELS, PRIOR, Params
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
)
from .namesakes import joint_level
from .profile import Profile, profile_of
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
    joint = joint_level(pairs, freqs, params)
    names = _name_levels(pairs, swap, freqs) + ([joint] if joint else [])
    return tuple(names + other_levels(a, b, freqs))


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
    others = other_levels(a, b, freqs)
    joint = joint_level(pairs, freqs, params)
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
