"""Reunify's matching engine: pure Python, no Django.

Decides whether a found/safe report and a missing-person post describe the same person and
explains why. See score.py for compare/weigh, model.py for the parameters (`Params`, `PRIOR`),
fit.py for learning an incident's parameters by EM, keys.py for blocking, names.py for names.

    params = fit(posts, reports)                       # Params, with params.figures
    index = MatchIndex(posts, params=params)           # or score_pair(a, b, params=params)
    Params.from_dict(params.to_dict()).version == params.version
"""

from .fit import FitFigures, fit
from .frequencies import NameFrequencies
from .index import MatchIndex, find_duplicates
from .keys import GATHER_BUDGET, KEY_CAP, key_weight, query_keys, record_keys, scheme_version
from .levels import Level
from .model import PRIOR, Params
from .names import normalise_name
from .records import InvalidRecord, MatchResult, PersonRecord, Reason, reasons_as_dicts
from .score import LIKELY, REVIEW, compare, evidence, level_for, score_pair, weigh
from .search import search_score

__all__ = [
    "GATHER_BUDGET",
    "KEY_CAP",
    "LIKELY",
    "PRIOR",
    "REVIEW",
    "FitFigures",
    "InvalidRecord",
    "Level",
    "MatchIndex",
    "MatchResult",
    "NameFrequencies",
    "Params",
    "PersonRecord",
    "Reason",
    "compare",
    "evidence",
    "fit",
    "find_duplicates",
    "key_weight",
    "level_for",
    "normalise_name",
    "query_keys",
    "reasons_as_dicts",
    "record_keys",
    "scheme_version",
    "score_pair",
    "search_score",
    "weigh",
]
