"""Term frequencies for the common-name adjustment.

"Mohamed" agreeing says much less than "Zoltán" agreeing. Following Fellegi-Sunter with term
frequency adjustment (as in Splink), the chance that a random non-matching record agrees on a
name is the share of records carrying that name, so the table counts, per record, each name
spelling, each name group (cross-script consonant key: Mohamed, Muhammad and محمد share one),
each two name parts carried together (the full name: given and family names are not chosen
independently, and namesakes exist) and each place. It also knows how many records it has seen: the size of the pool a report is
compared against sets the prior odds of a match.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from .places import place_keys
from .profile import Profile, profile_of
from .records import PersonRecord


class NameFrequencies:
    def __init__(self, records: Iterable[PersonRecord] = ()) -> None:
        self.counts: Counter[str] = Counter()
        self.population = 0
        self.cache: dict = {}  # pair weights computed against this table (score.py)
        self.update(records)

    @classmethod
    def from_records(cls, records: Iterable[PersonRecord]) -> NameFrequencies:
        return cls(records)

    def update(self, records: Iterable[PersonRecord]) -> None:
        for record in records:
            self.add(record)

    def add(self, record: PersonRecord | Profile) -> None:
        self.counts.update(_terms(record))
        self.population += 1
        self.cache.clear()

    def remove(self, record: PersonRecord | Profile) -> None:
        self.counts.subtract(_terms(record))
        self.population = max(0, self.population - 1)
        self.cache.clear()

    def share(self, term: str) -> float | None:
        """Share of records carrying term, or None if the table is too small to say."""
        if self.population < 20:
            return None
        return max(self.counts.get(term, 0), 1) / self.population

    def __len__(self) -> int:
        return self.population


@functools.lru_cache(maxsize=300_000)
def _name_terms(names: tuple) -> frozenset[str]:
    terms: set[str] = set()
    for variant in names:
        for token in variant.tokens:
            if token.initial:
                continue
            terms.add("t:" + token.text)
            for key in token.cross:
                terms.add("x:" + key)
            for key in token.skeletons:
                terms.add("s:" + key)
        # two name parts together (in any order, any script): how many records carry both,
        # each part as written or as its name group, so that the count matches how a pair
        # agrees (Olga agreeing as written must not count Oleg, whose group is the same)
        full = [t for t in variant.tokens if not t.initial and t.xkeys]
        for i, a in enumerate(full):
            for b in full[i + 1 :]:
                for a_as_written in (True, False):
                    for b_as_written in (True, False):
                        terms.add(joint_term(a, b, a_as_written, b_as_written))
    return frozenset(terms)


def joint_term(a, b, a_as_written: bool = False, b_as_written: bool = False) -> str:
    """The term of two name parts carried together: "j:" and each part's spelling (as
    written) or its first cross-script key (its name group)."""
    x, y = sorted((_part(a, a_as_written), _part(b, b_as_written)))
    return f"j:{x}|{y}"


def _part(token, as_written: bool) -> str:
    return "t" + token.text if as_written else "x" + token.xkeys[0]


@functools.lru_cache(maxsize=100_000)
def _place_terms(place: tuple[str, ...]) -> frozenset[str]:
    if not place:
        return frozenset()
    return frozenset(["p:" + " ".join(place)] + ["q:" + key for key in place_keys(place)])


def _terms(record: PersonRecord | Profile) -> frozenset[str]:
    profile = record if isinstance(record, Profile) else profile_of(record)
    return _name_terms(profile.names) | _place_terms(profile.place)
