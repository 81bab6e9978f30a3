"""Linkage metrics on the linker's output rows.

`truth` maps every right id to the set of left ids that are the same person (usually one;
empty when the person is not on the board). A pair counts once however often it is output.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pair:
    left_id: str
    right_id: str
    score: float
    likely: bool


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    recall_at_5: float
    true_pairs: int
    likely_pairs: int
    true_positives: int
    false_alert_reports: int  # reports of people not on the board with any likely pair
    no_match_reports: int


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            likely = str(row.get("likely", "")).strip().lower() in ("1", "true", "yes")
            pairs.append(Pair(row["left_id"], row["right_id"], float(row["score"]), likely))
    return pairs


def ranked_by_right(pairs: list[Pair]) -> dict[str, list[Pair]]:
    """Each right id's candidates by descending score, output order breaking ties."""
    grouped: dict[str, list[Pair]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for pair in pairs:
        if (pair.left_id, pair.right_id) in seen:
            continue
        seen.add((pair.left_id, pair.right_id))
        grouped[pair.right_id].append(pair)
    return {rid: sorted(rows, key=lambda p: -p.score) for rid, rows in grouped.items()}


def recall_at_k(pairs: list[Pair], truth: dict[str, set[str]], k: int = 5) -> float:
    ranked = ranked_by_right(pairs)
    matched = [rid for rid, lids in truth.items() if lids]
    if not matched:
        return 0.0
    hits = sum(
        1 for rid in matched if any(p.left_id in truth[rid] for p in ranked.get(rid, [])[:k])
    )
    return hits / len(matched)


def score(pairs: list[Pair], truth: dict[str, set[str]], k: int = 5) -> Scores:
    true_pairs = {(lid, rid) for rid, lids in truth.items() for lid in lids}
    likely = {(p.left_id, p.right_id) for p in pairs if p.likely}
    tp = len(likely & true_pairs)
    precision = tp / len(likely) if likely else 0.0
    recall = tp / len(true_pairs) if true_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    no_match = {rid for rid, lids in truth.items() if not lids}
    alerted = {rid for _, rid in likely}
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        recall_at_5=recall_at_k(pairs, truth, k),
        true_pairs=len(true_pairs),
        likely_pairs=len(likely),
        true_positives=tp,
        false_alert_reports=len(no_match & alerted),
        no_match_reports=len(no_match),
    )


def misses(pairs: list[Pair], truth: dict[str, set[str]], k: int = 5) -> list[tuple[str, str, str]]:
    """(kind, right id, left id) for each false negative and false positive on `likely`.

    kind is "FN" (true pair not likely), "FN@5" (true post not even in the top 5)
    or "FP" (likely pair that is not the same person).
    """
    ranked = ranked_by_right(pairs)
    likely = {(p.left_id, p.right_id) for p in pairs if p.likely}
    out = []
    for rid, lids in truth.items():
        top = [p.left_id for p in ranked.get(rid, [])[:k]]
        for lid in lids:
            if (lid, rid) not in likely:
                out.append(("FN@5" if lid not in top else "FN", rid, lid))
    for lid, rid in sorted(likely):
        if lid not in truth.get(rid, set()):
            out.append(("FP", rid, lid))
    return out
