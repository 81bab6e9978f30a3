"""One entry of a comparison vector (score.compare), shared by the name comparisons and the
comparisons of the other fields (attributes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field


@dataclass(frozen=True, slots=True)
class Level:
    """One entry of a comparison vector: the level of one comparison, and how to explain it.

    `u` replaces the parameters' u for this very value (the share of records carrying the
    name or place: term-frequency adjustment); None uses the parameters'."""

    comparison: str
    level: str
    field: str
    template: str
    params: dict = dc_field(hash=False)
    u: float | None = None
    weight: float | None = None  # a derived correction, not a level with m and u (joint names)
