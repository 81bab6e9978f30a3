"""The parameters of the Fellegi-Sunter model, as plain data, and how levels turn into evidence.

A pair of records is compared (score.compare) into a vector of levels: for each comparison
that both records allow (a name part, the age gap, sex, date of birth, place), one level.
Each (comparison, level) has m = P(level | same person) and u = P(level | different people);
its evidence is log2(m / u). `Params` holds those numbers and λ, the share of reports of each
source that are about someone on the board; it is data, versioned by a hash of its content,
so a stored match can say which parameters scored it.

`PRIOR` holds the numbers the engine used before it could learn: published error rates of
hand-taken lists and the shares of names and ages in a population (see score.py's history).
`fit.fit` treats them as pseudo-counts and learns each incident's own numbers by EM.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

NAME_LEVELS = ("exact", "variant", "skeleton", "typo", "initial", "weak", "different")
AGE_LEVELS = ("0", "0w", "1", "2", "3-5", "6-10", "11-25", "26+")
# The person and their family give an age; everyone else estimates it, even as one number.
STATED_SOURCES = frozenset({"self", "family"})
# Comparisons whose agreement may count for a match but never against one, and whose
# disagreement ("different") is no evidence either way, whatever the data says: a person
# found somewhere else than where they were last seen is the rule, not a sign of another
# person, and a found-at place near the last-seen one in a big city is no sign of two people,
# whatever share of random pairs happen to be in the same city.
AGREEMENT_ONLY = frozenset({"found"})
MIN_PROBABILITY = 1e-6


def _table(m: tuple[float, ...], u: tuple[float, ...], levels=NAME_LEVELS) -> dict:
    return {level: (m_l, u_l) for level, m_l, u_l in zip(levels, m, u, strict=True)}


def _normalised(table: dict) -> dict:
    m_total = sum(m for m, _ in table.values())
    u_total = sum(u for _, u in table.values())
    return {level: (m / m_total, u / u_total) for level, (m, u) in table.items()}


# m and u per name level, same script (given, family) and across scripts. The u of an exact
# agreement is replaced by the share of records carrying that spelling when a frequency table
# is given (term-frequency adjustment).
_GIVEN = _table((0.65, 0.17, 0.06, 0.06, 0.02, 0.02, 0.02), (0.01, 0.002, 0.004, 0.001, 0.0015, 0.02, 0.94))  # fmt: skip
_FAMILY = _table((0.68, 0.12, 0.06, 0.08, 0.01, 0.03, 0.02), (0.005, 0.001, 0.003, 0.0006, 0.0008, 0.015, 0.95))  # fmt: skip
_CROSS = _table((0.72, 0.72, 0.14, 0.07, 0.01, 0.03, 0.03), (0.004, 0.004, 0.01, 0.01, 0.0008, 0.05, 0.9))  # fmt: skip
# Ages over about 75 years: u of a gap band is its share of random pairs.
_AGE_U = (0.027, 0.05, 0.027, 0.027, 0.08, 0.12, 0.3, 0.37)
_PRIOR_TABLE = {
    "given": _GIVEN,
    "family": _FAMILY,
    "name": _GIVEN,
    "given.x": _CROSS,
    "family.x": _CROSS,
    "name.x": _CROSS,
    # a third name part: middle names are often dropped, agreement adds a little
    "extra": {"agree": (0.4, 0.06), "different": (0.6, 0.94)},
    # given and family written the other way round: explicit fields, or an order guessed
    # from a full name (family-first writing is common: French lists, Arabic, Hungarian)
    "swap": {"straight": (0.95, 0.93), "swapped": (0.02, 0.04), "guessed": (0.03, 0.037)},
    # a decade or more apart, only a data-entry error (7 typed for 70) explains a same-person
    # pair, whoever gave the age: those two levels are the same for every source
    "age@stated": _table((0.80, 0.05, 0.08, 0.03, 0.025, 0.01, 0.004, 0.002), _AGE_U, AGE_LEVELS),
    "age@estimate": _table((0.45, 0.25, 0.10, 0.07, 0.08, 0.035, 0.004, 0.002), _AGE_U, AGE_LEVELS),
    "dob": {
        "exact": (0.85, 1 / (365 * 80)),
        "typo": (0.08, 0.001),
        "two typos": (0.03, 0.01),
        "year": (0.02, 0.0125),
        "near": (0.01, 0.03),
        "different": (0.01, 0.95),
    },
    "sex": {"same": (0.97, 0.5), "different": (0.03, 0.5)},
    # both places of the same kind (two last-seen places, two addresses)
    "place": {"same": (0.45, 0.02), "area": (0.25, 0.03), "different": (0.30, 0.95)},
    # where the person was last seen against where they were found: agreement says a little
    "found": {"same": (0.06, 0.02), "area": (0.06, 0.03), "different": (0.88, 0.95)},
}


def base_comparison(comparison: str) -> str:
    """The comparison whose prior a comparison falls back to ("age@hospital" -> estimate)."""
    if comparison.startswith("age@") and comparison not in ("age@stated", "age@estimate"):
        return "age@estimate"
    return comparison


def age_comparison(source_a: str, source_b: str) -> str:
    """Age comparisons are learned per kind of source of the record that did not state it."""
    others = [s for s in (source_a, source_b) if s not in STATED_SOURCES]
    if not others:
        return "age@stated"
    return "age@" + (others[-1] or "unknown")


@dataclass(frozen=True, eq=False)
class Params:
    """(comparison, level) -> (m, u), and λ per report source. Plain, JSON-ready data."""

    table: Mapping[str, Mapping[str, tuple[float, float]]]
    lambdas: Mapping[str, float] = field(default_factory=dict)
    default_lambda: float = 1.0
    # posts a report is compared with at least: a tiny board must not make a lone name certain
    min_pool: int = 1
    # The mean likelihood ratio m/u of a post the blocking keys did not put forward, as the
    # fit found it (its per-report mixture keeps that much for "someone else on the board").
    rest: float = 1.0
    figures: Mapping = field(default_factory=dict)  # how it was fitted; not in the version
    version: str = field(init=False)
    _weights: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        content = json.dumps(self._content(), sort_keys=True, separators=(",", ":"))
        object.__setattr__(self, "version", hashlib.sha256(content.encode()).hexdigest()[:12])
        object.__setattr__(self, "_weights", {})

    def _content(self) -> dict:
        return {
            "table": {
                c: {lv: [round(m, 9), round(u, 9)] for lv, (m, u) in levels.items()}
                for c, levels in self.table.items()
            },
            "lambdas": {s: round(v, 9) for s, v in self.lambdas.items()},
            "default_lambda": round(self.default_lambda, 9),
            "min_pool": self.min_pool,
            "rest": round(self.rest, 9),
        }

    def to_dict(self) -> dict:
        return {**self._content(), "version": self.version, "figures": dict(self.figures)}

    @classmethod
    def from_dict(cls, data: Mapping) -> Params:
        params = cls(
            table={
                c: {lv: (float(m), float(u)) for lv, (m, u) in levels.items()}
                for c, levels in data["table"].items()
            },
            lambdas={s: float(v) for s, v in data.get("lambdas", {}).items()},
            default_lambda=float(data.get("default_lambda", 1.0)),
            min_pool=int(data.get("min_pool", 1)),
            rest=float(data.get("rest", 1.0)),
            figures=dict(data.get("figures", {})),
        )
        stated = data.get("version")
        if stated and stated != params.version:
            raise ValueError(f"parameters say version {stated}, content is {params.version}")
        return params

    def m_u(self, comparison: str, level: str) -> tuple[float, float]:
        levels = self.table.get(comparison)
        if levels is None or level not in levels:
            levels = (
                self.table.get(base_comparison(comparison))
                or PRIOR.table[base_comparison(comparison)]
            )
        return levels[level]

    def weight(self, comparison: str, level: str, u: float | None = None) -> float:
        """Evidence in bits; `u` replaces the level's u (term-frequency adjustment)."""
        key = (comparison, level, u)
        found = self._weights.get(key)
        if found is not None:
            return found
        if len(self._weights) > 200_000:
            self._weights.clear()
        m, base_u = self.m_u(comparison, level)
        if u is not None:
            base_u = u if level == "exact" else max(u, base_u)
        found = _log2_ratio(m, base_u)
        if comparison in AGREEMENT_ONLY:
            found = 0.0 if level == "different" else max(found, 0.0)
        self._weights[key] = found
        return found

    def lambda_for(self, source: str) -> float:
        return self.lambdas.get(source, self.default_lambda)


def _log2_ratio(m: float, u: float) -> float:
    return math.log2(max(m, MIN_PROBABILITY) / max(u, MIN_PROBABILITY))


PRIOR = Params(
    table={c: _normalised(levels) for c, levels in _PRIOR_TABLE.items()},
    default_lambda=1.0,
    min_pool=1_000,
    figures={"fitted": False},
)
