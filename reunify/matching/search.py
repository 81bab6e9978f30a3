"""Public name search: the same normalisation as matching, scored for relevance."""

from __future__ import annotations

from .likeness import token_similarity
from .names import Token, tokenise
from .profile import profile_of
from .records import PersonRecord
from .text import MAX_NAME_CHARS


def _query_tokens(query: str) -> tuple[Token, ...]:
    return tokenise(query[:MAX_NAME_CHARS])


def search_score(query: str, record: PersonRecord) -> float:
    """0..1 relevance of a record's names to a search query (typo-tolerant, cross-script)."""
    q_tokens = _query_tokens(query or "")
    if not q_tokens:
        return 0.0
    best = 0.0
    for variant in profile_of(record).names:
        tokens = variant.tokens + variant.compounds
        if not tokens:
            continue
        total = 0.0
        for q in q_tokens:
            total += max(token_similarity(q, t) for t in tokens)
        score = total / len(q_tokens)
        # a query naming every part of the name ranks above one naming a single part
        coverage = min(len(q_tokens), len(variant.tokens)) / max(len(variant.tokens), 1)
        score *= 0.85 + 0.15 * coverage
        best = max(best, score)
    return round(min(best, 1.0), 4)
