"""A per-process cache of something computed from an incident's rows, rebuilt after a TTL.

Matching workers need a few incident-wide figures (name frequencies, fitted parameters) on
every record they match; computing them per record would cost more than the matching.
Each process keeps its own copy for `ttl` seconds; what the process itself changes
meanwhile it applies to its copy at once, and other workers' changes arrive at the next
rebuild (slightly stale figures only nudge scores).
"""

import time
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

Value = TypeVar("Value")


class IncidentCache(Generic[Value]):
    def __init__(self, build: Callable, ttl: float) -> None:
        self._build = build
        self.ttl = ttl
        # (incident pk, incident created_at) -> (built at, value). created_at tells apart two
        # incidents that got the same pk (a test database reusing ids).
        self._entries: dict[tuple, tuple[float, Value]] = {}

    def get(self, incident) -> Value:
        key = (incident.pk, incident.created_at)
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.ttl:
            return entry[1]
        for stale in [k for k, (built, _) in self._entries.items() if now - built >= self.ttl]:
            del self._entries[stale]
        value = self._build(incident)
        self._entries[key] = (now, value)
        return value

    def cached(self, incident_pk: int) -> Iterator[Value]:
        """The values this process holds for the incident (none, or one), to update."""
        for (pk, _), (_, value) in self._entries.items():
            if pk == incident_pk:
                yield value

    def evict(self, incident_pk: int) -> None:
        """Forget this process's copy: the next get() rebuilds it."""
        for key in [key for key in self._entries if key[0] == incident_pk]:
            del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()
