"""Estimating an incident's parameters from its own records (Fellegi-Sunter with EM).

As Splink does it, without labels:
- u, the chance of each level for two different people, is counted on random pairs of a
  post and a report (nearly all random pairs are different people);
- m, the chance of each level for the same person, and λ, the share of reports of each
  source that are about someone on the board, come from expectation-maximisation over the
  comparison vectors of the candidate pairs the index gathers (the blocking keys).

A report is about one person, who is on the board at most once, so the expectation step
weighs a report's candidates together (a mixture per report): each candidate, or "nobody
gathered here" (the report's person is not on the board, 1 - λ, or is a post the keys did not
put forward, `rest`). A relative who shares the family name and the place then takes little
of the weight the true post takes, instead of teaching m that a different given name is
common among matches. Scoring stays pairwise (score.py: λ / posts as the prior odds of each
pair), so a pair's score does not depend on which other posts were gathered with it, and the
board's score_pair gives the same number as the index.

The prior's numbers are pseudo-counts (Beta priors per level: `prior_matches` matched pairs
for m, `prior_randoms` random pairs for u, and never less than one count on a level, so that
a rare level keeps its prior until data says otherwise; `prior_reports` reports for λ), so a
small incident stays close to the prior and a large one learns its own numbers. Exact name
and place agreements keep their term-frequency u (the share of records carrying the value).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from .frequencies import NameFrequencies
from .index import MatchIndex
from .keys import profile_keys
from .levels import Level
from .model import AGREEMENT_ONLY, NAME_LEVELS, PRIOR, Params, base_comparison
from .profile import Profile, profile_of
from .records import InvalidRecord, PersonRecord
from .score import compare_profiles

# The prior share of reports that are about someone on the board (the board's first
# estimate had it at 4 in 5), worth `prior_reports` reports.
PRIOR_LAMBDA = 0.8
MIN_PSEUDO_COUNT = 1.0
STARTS = (PRIOR_LAMBDA, 0.2, 0.98)  # EM starting values of λ
# m of these levels stays the prior's: a same-person pair a decade or more apart is a
# data-entry error (7 typed for 70), as rare as published error rates say, and EM cannot
# learn it - every namesake a generation apart who is not on the board would count towards
# it, since their names agree as well as a match's do.
PRIOR_ONLY = frozenset({"11-25", "26+"})
# Levels whose evidence cannot grow with the distance: a larger age gap is never more like
# the same person than a smaller one (the fitted weights are made monotone, pooling adjacent
# levels that break the order).
ORDERED = ("0", "1", "2", "3-5", "6-10", "11-25", "26+")
AGREEING_NAME_LEVELS = frozenset(NAME_LEVELS[:4])  # exact, variant, skeleton, typo


@dataclass(frozen=True)
class FitFigures:
    """What a fit did, for the log and for Params.figures."""

    posts: int
    reports: int
    random_pairs: int
    candidate_pairs: int
    reports_sampled: int
    iterations: int
    converged: bool
    expected_matches: float
    lambdas: dict
    rest: float
    seconds: float

    def as_dict(self) -> dict:
        return {"fitted": True, **asdict(self)}


def _profiles(records: Iterable[PersonRecord]) -> list[Profile]:
    out = []
    for record in records:
        try:
            out.append(profile_of(record))
        except InvalidRecord:
            continue
    return out


def fit(
    posts: Sequence[PersonRecord],
    reports: Sequence[PersonRecord],
    *,
    prior: Params = PRIOR,
    frequencies: NameFrequencies | None = None,
    index: MatchIndex | None = None,
    random_pairs: int = 10_000,
    max_reports: int = 1_500,
    prior_matches: float = 20.0,
    prior_randoms: float = 500.0,
    prior_reports: float = 5.0,
    max_iterations: int = 40,
    tolerance: float = 1e-4,
    seed: int = 0,
) -> Params:
    """Parameters for matching `reports` against `posts`, learned from the records themselves.

    `posts` are the records a report is looked for among (an incident's open posts, the left
    file); `reports` the records looked for (found/safe reports, the right file). An `index`
    already built over `posts` (with `frequencies`) is reused for the candidate pairs. The
    result carries its figures (`Params.figures`, see FitFigures)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    left = _profiles(posts)
    right = _profiles(reports)
    if not left or not right:
        return prior
    if index is not None:
        freqs = index.frequencies
    elif frequencies is not None:
        freqs = frequencies
    else:
        freqs = NameFrequencies(p.record for p in left)

    # u: random pairs. Those sharing no blocking key also tell how much probability is left
    # for a post the keys do not put forward (`rest`).
    n_random = min(random_pairs, len(left) * len(right))
    random_vectors = []
    unblocked = []
    for _ in range(n_random):
        a, b = rng.choice(left), rng.choice(right)
        random_vectors.append(compare_profiles(a, b, freqs, prior))
        unblocked.append(profile_keys(a).isdisjoint(profile_keys(b)))
    counted: dict[tuple[str, str], float] = {}
    for vector in random_vectors:
        for key in _u_levels(vector):
            counted[key] = counted.get(key, 0.0) + 1.0
    u_table = _estimate(counted, prior, "u", prior_randoms)

    # candidate pairs, as the index gathers them for each report (a sample on a large board)
    if index is None:
        index = MatchIndex((p.record for p in left), frequencies=freqs, params=prior)
    sample = right if len(right) <= max_reports else rng.sample(right, max_reports)
    vectors: list[tuple[Level, ...]] = []
    sources: list[str] = []
    overrides: list[float] = []  # a record's own prior_share, else 0
    starts: list[int] = []  # where each report's candidate pairs start (they are contiguous)
    reports_by_source: dict[str, int] = {}
    for b in sample:
        reports_by_source[b.source] = reports_by_source.get(b.source, 0) + 1
        starts.append(len(vectors))
        for a in index.gathered(b):
            if a.record is b.record:
                continue
            vectors.append(compare_profiles(a, b, freqs, prior))
            sources.append(b.source)
            share = a.record.prior_share * b.record.prior_share
            overrides.append(share if share < 1.0 else 0.0)

    pool = max(1, freqs.population)
    # The posts given may be a sample of the board's (the frequency table counts them all): a
    # report's post is then among them only with this chance.
    coverage = min(1.0, len(left) / pool)
    candidates = _Vectors(vectors, prior, u_table)
    randoms = _Vectors(random_vectors, prior, u_table)
    unblocked_mask = np.array(unblocked, dtype=bool)
    source_of_pair = np.array(sources, dtype=object)
    masks = {s: source_of_pair == s for s in reports_by_source}
    override = np.array(overrides)
    groups = _Groups(starts, len(vectors))
    with_candidates = dict.fromkeys(reports_by_source, 0)
    for first in groups.starts:
        with_candidates[sources[first]] += 1

    def run(start: float):
        """EM from λ = start: (log-likelihood, m, λ, rest, probabilities, iterations, done)."""
        m_table = {
            c: {lv: m for lv, (m, _u) in levels.items()} for c, levels in prior.table.items()
        }
        lambdas = dict.fromkeys(reports_by_source, start)
        iterations, converged, rest = 0, False, 1.0
        probabilities = np.zeros(len(vectors))
        log_likelihood = -math.inf
        for iterations in range(1, max_iterations + 1):  # noqa: B007 - the count is reported
            log_m = candidates.log_m(m_table, prior)
            # rest: mean m/u of random pairs the keys would not gather
            ratios = np.exp2(np.clip(randoms.weights(randoms.log_m(m_table, prior)), -60, 10))
            rest = float(ratios[unblocked_mask].mean()) if unblocked_mask.any() else 1.0
            log_lambda = np.zeros(len(vectors))
            for source, mask in masks.items():
                log_lambda[mask] = math.log2(lambdas[source])
            log_lambda = np.where(
                override > 0, np.log2(np.where(override > 0, override, 1)), log_lambda
            )
            total = candidates.weights(log_m) + log_lambda - math.log2(pool)
            lam = np.exp2(log_lambda) * coverage
            none = (1.0 - lam) + lam * rest
            probabilities, log_likelihood = groups.mixture(total, none)
            # reports that gathered no candidate: nobody here
            for source, n in reports_by_source.items():
                alone = n - with_candidates[source]
                if alone:
                    value = lambdas[source] * coverage
                    log_likelihood += alone * math.log2((1 - value) + value * rest)
            counts = candidates.counts(probabilities)
            new_m = _ages_in_order(_estimate(counts, prior, "m", prior_matches), u_table, prior)
            new_lambdas = {}
            for source, n in reports_by_source.items():
                matched = float(probabilities[masks[source]].sum()) / coverage
                value = (matched + prior_reports * PRIOR_LAMBDA) / (n + prior_reports)
                new_lambdas[source] = min(max(value, 0.001), 0.999)
            change = max(
                [
                    abs(new_m[c][lv] - m_table.get(c, {}).get(lv, 0.0))
                    for c in new_m
                    for lv in new_m[c]
                ]
                + [abs(new_lambdas[s] - lambdas[s]) for s in new_lambdas]
            )
            m_table, lambdas = new_m, new_lambdas
            if change < tolerance:
                converged = True
                break
        return log_likelihood, m_table, lambdas, rest, probabilities, iterations, converged

    # With few comparisons (names only) the likelihood can have two modes, "most reports are
    # about someone here" and "almost none are": EM starts from both ends and keeps the likelier.
    runs = [run(start) for start in STARTS]
    _ll, m_table, lambdas, rest, probabilities, iterations, converged = max(
        runs, key=lambda r: r[0]
    )
    expected = float(probabilities.sum()) / coverage
    total_reports = sum(reports_by_source.values())
    overall = (expected + prior_reports * PRIOR_LAMBDA) / (total_reports + prior_reports)
    figures = FitFigures(
        posts=len(left),
        reports=len(right),
        random_pairs=n_random,
        candidate_pairs=len(vectors),
        reports_sampled=len(sample),
        iterations=iterations,
        converged=converged,
        expected_matches=round(expected, 1),
        lambdas={s: round(v, 4) for s, v in sorted(lambdas.items())},
        rest=round(rest, 6),
        seconds=round(time.perf_counter() - started, 2),
    )
    table = {}
    for comparison, u_levels in u_table.items():
        m_levels = m_table.get(comparison) or m_table.get(base_comparison(comparison), {})
        table[comparison] = {
            lv: (m_levels.get(lv, prior.m_u(comparison, lv)[0]), u) for lv, u in u_levels.items()
        }
    return Params(
        table=table,
        lambdas=lambdas,
        default_lambda=min(max(overall, 0.001), 0.999),
        min_pool=1,
        rest=rest,
        figures=figures.as_dict(),
    )


def _u_levels(vector: tuple[Level, ...]) -> list[tuple[str, str]]:
    """The (comparison, level) a random pair counts towards u.

    The orientation of the names (straight, swapped) is chosen because a name part agrees
    across it, so its u is counted only among random pairs whose names agree somewhere: the
    agreement itself is already counted by the name levels, and counting the orientation over
    all random pairs (nearly all "straight", since nothing agrees) would count it twice."""
    names_agree = any(item.level in AGREEING_NAME_LEVELS for item in vector)
    return [
        (item.comparison, item.level)
        for item in vector
        if item.weight is None and (item.comparison != "swap" or names_agree)
    ]


def _estimate(
    counted: dict[tuple[str, str], float], prior: Params, which: str, strength: float
) -> dict[str, dict[str, float]]:
    """Per comparison, level shares from counts with a Beta prior per level: the prior's share
    worth `strength` pairs, and at least MIN_PSEUDO_COUNT on each level, so that a rare level
    (an exact date of birth among random pairs) keeps its prior until the data says more."""
    position = 0 if which == "m" else 1
    out: dict[str, dict[str, float]] = {}
    for comparison in set(prior.table) | {c for c, _ in counted}:
        levels = list(prior.table.get(comparison) or prior.table[base_comparison(comparison)])
        n = sum(counted.get((comparison, lv), 0.0) for lv in levels)
        shares = {}
        for level in levels:
            base = max(prior.m_u(comparison, level)[position], 1e-6)
            a = max(strength * base, MIN_PSEUDO_COUNT)
            shares[level] = (counted.get((comparison, level), 0.0) + a) / (n + a / base)
        norm = sum(shares.values())
        out[comparison] = {lv: v / norm for lv, v in shares.items()}
    return out


def _ages_in_order(m_table: dict, u_table: dict, prior: Params) -> dict:
    """Age levels: far gaps keep the prior's m, the rest are made monotone (evidence never
    grows with the gap) by pooling adjacent violators, then rescaled to sum to one."""
    for comparison, levels in m_table.items():
        if not comparison.startswith("age@"):
            continue
        u_levels = u_table.get(comparison) or {}
        fixed = {lv: prior.m_u(comparison, lv)[0] for lv in PRIOR_ONLY}
        free = [lv for lv in levels if lv not in fixed]
        scale = (1.0 - sum(fixed.values())) / max(sum(levels[lv] for lv in free), 1e-12)
        out = {lv: levels[lv] * scale for lv in free} | fixed
        ordered = [lv for lv in ORDERED if lv in out and lv in u_levels]
        # pool adjacent violators on the ratio m/u, weighting by u
        blocks = [[out[lv], u_levels[lv], [lv]] for lv in ordered]
        merged: list[list] = []
        for block in blocks:
            merged.append(block)
            while len(merged) > 1 and merged[-1][0] / merged[-1][1] > merged[-2][0] / merged[-2][1]:
                m2, u2, l2 = merged.pop()
                m1, u1, l1 = merged.pop()
                merged.append([m1 + m2, u1 + u2, l1 + l2])
        for m, u, members in merged:
            for lv in members:
                out[lv] = m * u_levels[lv] / u
        total = sum(out.values())
        m_table[comparison] = {lv: out[lv] / total for lv in levels}
    return m_table


class _Vectors:
    """Comparison vectors as flat arrays (one row per level), for fast EM steps."""

    def __init__(self, vectors, prior: Params, u_table) -> None:
        self.features: dict[tuple[str, str], int] = {}
        pairs, features, log_u = [], [], []
        self.offset = np.zeros(len(vectors))  # derived corrections (joint names)
        for i, vector in enumerate(vectors):
            for item in vector:
                if item.weight is not None:
                    self.offset[i] += item.weight
                    continue
                f = self.features.setdefault((item.comparison, item.level), len(self.features))
                pairs.append(i)
                features.append(f)
                u = u_table.get(item.comparison, {}).get(item.level)
                if u is None:
                    u = prior.m_u(item.comparison, item.level)[1]
                # the value's own share replaces u (term-frequency adjustment), as in weigh()
                if item.u is not None:
                    u = max(item.u, u) if item.level != "exact" else item.u
                log_u.append(math.log2(max(u, 1e-9)))
        self.keys = list(self.features)
        self.n = len(vectors)
        self.pair = np.array(pairs, dtype=np.int64)
        self.feature = np.array(features, dtype=np.int64)
        self.log_u = np.array(log_u)
        # as Params.weight: agreement-only comparisons never below 0, nothing when they differ
        floored = np.array([k[0] in AGREEMENT_ONLY for k in self.keys] or [False], dtype=bool)
        neutral = floored & np.array([k[1] == "different" for k in self.keys] or [False])
        empty = np.zeros(0, dtype=bool)
        self.neutral = neutral[self.feature] if len(self.feature) else empty
        self.floored = floored[self.feature] if len(self.feature) else empty

    def log_m(self, m_table, prior: Params) -> np.ndarray:
        values = []
        for comparison, level in self.keys:
            m = m_table.get(comparison, {}).get(level)
            if m is None:
                m = m_table.get(base_comparison(comparison), {}).get(level)
            if m is None:
                m = prior.m_u(comparison, level)[0]
            values.append(math.log2(max(m, 1e-9)))
        return np.array(values or [0.0])

    def weights(self, log_m: np.ndarray) -> np.ndarray:
        """Sum of log2(m/u) per pair."""
        if not len(self.feature):
            return self.offset.copy()
        per_item = np.where(self.neutral, 0.0, log_m[self.feature] - self.log_u)
        per_item = np.where(self.floored, np.maximum(per_item, 0.0), per_item)
        return np.bincount(self.pair, weights=per_item, minlength=self.n) + self.offset

    def counts(self, probabilities: np.ndarray) -> dict[tuple[str, str], float]:
        """Expected matched pairs per (comparison, level)."""
        if not len(self.feature):
            return {}
        sums = np.bincount(self.feature, weights=probabilities[self.pair], minlength=len(self.keys))
        return {key: float(sums[f]) for key, f in self.features.items()}


class _Groups:
    """The candidate pairs of each report, contiguous, for the per-report mixture."""

    def __init__(self, starts: list[int], n: int) -> None:
        kept = sorted({s for s in starts if s < n})
        self.starts = np.array(kept, dtype=np.int64)
        sizes = np.diff(np.append(self.starts, n))
        self.of_pair = np.repeat(np.arange(len(kept)), sizes)

    def mixture(self, log_odds: np.ndarray, none: np.ndarray) -> tuple[np.ndarray, float]:
        """P(report is about this candidate): its odds over the sum of the report's candidates'
        odds and the odds that it is about nobody gathered here (`none`, per pair); and the
        log-likelihood (bits) of the reports' candidates under the mixture."""
        if not len(log_odds):
            return log_odds, 0.0
        log_none = np.log2(np.maximum(none, 1e-12))
        shift = np.maximum.reduceat(np.maximum(log_odds, log_none), self.starts)[self.of_pair]
        odds = np.exp2(log_odds - shift)
        per_report = np.add.reduceat(odds, self.starts)
        none_per_report = np.exp2(log_none - shift)[self.starts]
        shifts = shift[self.starts]
        log_likelihood = float(np.sum(np.log2(per_report + none_per_report) + shifts))
        denominator = per_report[self.of_pair]
        return odds / (denominator + np.exp2(log_none - shift)), log_likelihood
