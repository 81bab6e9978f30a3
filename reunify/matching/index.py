"""In-memory candidate index for the command-line linker, benchmarks and bulk jobs.

Same keys as the board's key table: posts sharing a key with the report are gathered (keys
carried by more than KEY_CAP posts are skipped), ranked by how much rare-key evidence they
share, and the best PRESCORE_LIMIT are scored in full.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .frequencies import NameFrequencies
from .keys import GATHER_BUDGET, KEY_CAP, key_weight, profile_keys
from .model import PRIOR, Params
from .profile import Profile, profile_of
from .records import MatchResult, PersonRecord
from .score import evaluate, explain, level_for

PRESCORE_LIMIT = 32
_LEVEL_RANK = {"none": 0, "review": 1, "likely": 2}


class MatchIndex:
    def __init__(
        self,
        records: Iterable[PersonRecord] = (),
        *,
        frequencies: NameFrequencies | None = None,
        key_cap: int = KEY_CAP,
        params: Params | None = None,
    ) -> None:
        self.params = params or PRIOR
        self._own_frequencies = frequencies is None
        self.frequencies = frequencies if frequencies is not None else NameFrequencies()
        self.key_cap = key_cap
        self._profiles: list[Profile | None] = []
        self._slot: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self.add_many(records)

    def add_many(self, records: Iterable[PersonRecord]) -> None:
        """Bulk load. The cyclic garbage collector is paused: it would rescan the whole growing
        index every few thousand records, and nothing built here forms reference cycles."""
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            for record in records:
                self.add(record)
        finally:
            if was_enabled:
                gc.enable()

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, record_id: str) -> bool:
        return record_id in self._slot

    def add(self, record: PersonRecord) -> None:
        if record.id in self._slot:
            self.remove(record.id)
        profile = profile_of(record)
        keys = profile_keys(profile)
        slot = len(self._profiles)
        self._profiles.append(profile)
        self._slot[record.id] = slot
        postings = self._postings
        for key in keys:
            bucket = postings.get(key)
            if bucket is None:
                postings[key] = [slot]
            else:
                bucket.append(slot)
        if self._own_frequencies:
            self.frequencies.add(profile)

    def remove(self, record_id: str) -> None:
        slot = self._slot.pop(record_id, None)
        if slot is None:
            return
        profile = self._profiles[slot]
        self._profiles[slot] = None
        for key in profile_keys(profile) if profile is not None else ():
            bucket = self._postings.get(key)
            if bucket is not None:
                with contextlib.suppress(ValueError):
                    bucket.remove(slot)
                if not bucket:
                    del self._postings[key]
        if self._own_frequencies and profile is not None:
            self.frequencies.remove(profile)

    def key_counts(self, keys: Iterable[str]) -> dict[str, int]:
        return {k: len(self._postings.get(k, ())) for k in keys}

    def _gather(self, keys: frozenset[str]) -> list[int]:
        """Slots sharing keys with the query, best first by shared rare-key evidence.

        Keys are read rarest first, and reading stops after GATHER_BUDGET postings: the rare
        keys (two name parts together, a name part with a birth-year band) carry the evidence,
        and the common ones only add namesakes."""
        found = []
        for key in keys:
            bucket = self._postings.get(key)
            if bucket:
                found.append((len(bucket), key, bucket))
        found.sort()
        usable = [f for f in found if f[0] <= self.key_cap]
        if not usable and found:  # every key is very common: look at the rarest, truncated
            usable = [(c, k, b[: self.key_cap]) for c, k, b in found[:1]]
        evidence: Counter[int] = Counter()
        read = 0
        for count, key, bucket in usable:
            if read > GATHER_BUDGET and len(evidence) >= PRESCORE_LIMIT:
                break
            # Rarer keys count more (C-speed counting: a bucket is added once per weight unit).
            for _ in range(key_weight(count, key)):
                evidence.update(bucket)
            read += count
        if len(evidence) <= PRESCORE_LIMIT:
            return list(evidence)
        return [slot for slot, _ in evidence.most_common(PRESCORE_LIMIT)]

    def gathered(self, profile: Profile) -> list[Profile]:
        """The indexed profiles the blocking keys put forward for a profile (unscored)."""
        out = []
        for slot in self._gather(profile_keys(profile)):
            other = self._profiles[slot]
            if other is not None:
                out.append(other)
        return out

    def candidates(
        self,
        record: PersonRecord,
        *,
        limit: int = 20,
        min_level: str = "review",
        at_least: int = 0,
        one_alert: bool = False,
    ) -> list[tuple[str, MatchResult]]:
        """Indexed records that may be the same person, best first.

        `at_least` keeps the best few candidates even below `min_level` when their names
        agree: with a single name and nothing else the probability stays low, yet the best
        few posts carrying that name are still the ones a volunteer should look at first.

        `one_alert`: a report describes one person, who has one post, so only the best
        candidate is `likely`; the others stay at `review` for a volunteer (two families may
        have posted the same person: that is for duplicate detection to merge)."""
        floor = _LEVEL_RANK[min_level]
        profile = profile_of(record)
        scored = []
        for slot in self._gather(profile_keys(profile)):
            other = self._profiles[slot]
            if other is None or other.record is record:  # itself, in duplicate mode
                continue
            score, parts = evaluate(other, profile, self.frequencies, self.params)
            scored.append((-score, other.record.id, parts))
        scored.sort(key=lambda item: item[:2])
        out = []
        for rank, (negative, record_id, parts) in enumerate(scored[:limit]):
            if _LEVEL_RANK[level_for(-negative)] >= floor:
                out.append((record_id, explain(-negative, parts)))
            elif rank < at_least:
                result = explain(-negative, parts)
                if any(r.weight > 0 for r in result.reasons if r.field in _NAME_FIELDS):
                    out.append((record_id, result))
        if one_alert:
            out = [
                (record_id, replace(result, level="review"))
                if rank and result.level == "likely"
                else (record_id, result)
                for rank, (record_id, result) in enumerate(out)
            ]
        return out


_NAME_FIELDS = frozenset({"name", "given_name", "family_name"})


def find_duplicates(
    records: Iterable[PersonRecord], *, min_level: str = "review", params: Params | None = None
) -> list[tuple[str, str, MatchResult]]:
    """Pairs of records that may describe the same person (two families posting one person)."""
    records = list(records)
    index = MatchIndex(records, params=params)
    seen: set[tuple[str, str]] = set()
    out = []
    for record in records:
        for other_id, result in index.candidates(record, limit=50, min_level=min_level):
            pair = tuple(sorted((record.id, other_id)))
            if pair in seen:
                continue
            seen.add(pair)
            out.append((pair[0], pair[1], result))
    out.sort(key=lambda item: (-item[2].score, item[0], item[1]))
    return out
