"""Reunify's matching engine: pure Python, no Django.

Decides whether a found/safe report and a missing-person post describe the same person and
explains why. See score.py for the model, keys.py for blocking, names.py for name handling.
"""

from .frequencies import NameFrequencies
from .index import MatchIndex, find_duplicates
from .keys import GATHER_BUDGET, KEY_CAP, key_weight, query_keys, record_keys
from .names import normalise_name
from .records import InvalidRecord, MatchResult, PersonRecord, Reason, reasons_as_dicts
from .score import LIKELY, REVIEW, evidence, level_for, score_pair
from .search import search_score

__all__ = [
    "GATHER_BUDGET",
    "KEY_CAP",
    "LIKELY",
    "REVIEW",
    "InvalidRecord",
    "MatchIndex",
    "MatchResult",
    "NameFrequencies",
    "PersonRecord",
    "Reason",
    "evidence",
    "find_duplicates",
    "key_weight",
    "level_for",
    "normalise_name",
    "query_keys",
    "reasons_as_dicts",
    "record_keys",
    "score_pair",
    "search_score",
]
