"""Namesakes: given and family names are not chosen independently (families, names of one
origin), so when two records agree on both, the evidence is capped by how many other records
carry both."""

from __future__ import annotations

import math

from .frequencies import joint_term
from .levels import Level
from .model import NAME_LEVELS, Params
from .names import EXACT, TYPO
from .records import _

_JOINT_TEMPLATE = _(
    "name: {left} and {right} together are also carried by {share} of the other records here"
    " (namesakes)"
)


def joint_level(pairs: list, freqs, params: Params) -> Level | None:
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
    # leave-one-out: the candidate itself carries both names; how many others do, agreeing
    # the same way (a part that agrees as written is counted as written, else by its group)?
    term = joint_term(a1, a2, kept[0][1] == EXACT, kept[1][1] == EXACT)
    others = freqs.counts.get(term, 0) - 1
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
