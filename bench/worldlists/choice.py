"""Seeded weighted choices shared by the generator's modules."""

from random import Random


def pick(rng: Random, weighted: dict):
    """One key of ``weighted``, drawn in proportion to its weight (insertion order is kept, so
    the same seed gives the same draw)."""
    total = sum(weighted.values())
    point = rng.random() * total
    for key, weight in weighted.items():
        point -= weight
        if point < 0:
            return key
    return key


def chance(rng: Random, probability: float) -> bool:
    return rng.random() < probability


def zipf_weights(count: int, exponent: float = 1.0, offset: float = 2.0) -> list[float]:
    """Weights for a list in frequency order: the first names are far more common (namesakes)."""
    return [1.0 / (rank + offset) ** exponent for rank in range(count)]
