"""Calibration you can see: a reliability table, the calibration error and a plot.

A score is calibrated when, of the pairs scored about p, a share p are the same person.
The table groups the engine's output pairs in score bands and gives, per band, the pairs,
their mean score and the share that are true. The calibration error is measured in the
decision band 0.05-0.95 (where a volunteer or an alert depends on the number): the mean
over its pairs of |share true - mean score| of their band (expected calibration error).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.datasets.metrics import Pair

OUT = Path(__file__).resolve().parent / "out"
BANDS = (0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.0000001)
DECISION = (0.05, 0.95)


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    pairs: int
    mean_score: float
    share_true: float


def reliability(pairs: list[Pair], truth: dict[str, set[str]]) -> list[Band]:
    """Output pairs (each counted once) in score bands."""
    seen: dict[tuple[str, str], float] = {}
    for pair in pairs:
        seen.setdefault((pair.left_id, pair.right_id), pair.score)
    bands = []
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        inside = [
            (score, lid in truth.get(rid, set()))
            for (lid, rid), score in seen.items()
            if low <= score < high
        ]
        if not inside:
            bands.append(Band(low, min(high, 1.0), 0, 0.0, 0.0))
            continue
        mean = sum(s for s, _ in inside) / len(inside)
        share = sum(1 for _, t in inside if t) / len(inside)
        bands.append(Band(low, min(high, 1.0), len(inside), mean, share))
    return bands


def calibration_error(bands: list[Band]) -> float | None:
    """Pair-weighted mean |share true - mean score| over the bands of the decision band."""
    inside = [b for b in bands if b.low >= DECISION[0] and b.high <= DECISION[1] and b.pairs]
    total = sum(b.pairs for b in inside)
    if not total:
        return None
    return sum(b.pairs * abs(b.share_true - b.mean_score) for b in inside) / total


def print_table(name: str, bands: list[Band]) -> None:
    print(f"reliability, {name}")
    print(f"  {'score band':<12} {'pairs':>7} {'mean score':>10} {'share true':>10}")
    for b in bands:
        if b.pairs:
            print(
                f"  {b.low:4.2f}-{b.high:4.2f}    {b.pairs:>7} {b.mean_score:>10.3f} "
                f"{b.share_true:>10.3f}"
            )
    error = calibration_error(bands)
    shown = f"{error:.3f}" if error is not None else "- (no pairs in the band)"
    print(f"  calibration error in {DECISION[0]}-{DECISION[1]}: {shown}")


def plot(name: str, bands: list[Band], path: Path | None = None) -> Path:
    """A reliability diagram as PNG under bench/out/ (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = path or OUT / f"reliability-{name.replace(' ', '_').replace('>', '')}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    used = [b for b in bands if b.pairs]
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="calibrated")
    ax.axvspan(0, DECISION[0], color="0.93")
    ax.axvspan(DECISION[1], 1, color="0.93")
    ax.plot(
        [b.mean_score for b in used],
        [b.share_true for b in used],
        marker="o",
        label="engine",
    )
    for b in used:
        ax.annotate(str(b.pairs), (b.mean_score, b.share_true), fontsize=7, xytext=(3, -9),
                    textcoords="offset points")  # fmt: skip
    error = calibration_error(bands)
    title = f"{name}: calibration error {error:.3f}" if error is not None else name
    ax.set(xlabel="score (mean of band)", ylabel="share of pairs that are true", title=title)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def report(name: str, pairs: list[Pair], truth: dict[str, set[str]]) -> float | None:
    """Print the table, write the plot; returns the calibration error."""
    bands = reliability(pairs, truth)
    print_table(name, bands)
    print(f"  plot: {plot(name, bands)}")
    return calibration_error(bands)
