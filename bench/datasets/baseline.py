"""The naive baseline: transliterate to ASCII, then rapidfuzz on the whole name.

Names only (no age, sex or place), as the issue describes it. Also a linker with the
engine's command line, so the bench can be pointed at it:

    python -m bench.datasets.baseline link LEFT.csv RIGHT.csv --out PAIRS.csv
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from functools import cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process, utils

DEFAULT_THRESHOLD = 85.0  # a common default for token_sort_ratio, not fitted to any set
TOP_K = 5


@cache
def _icu():
    try:
        import icu
    except ImportError:
        return None
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; [:^ASCII:] Remove")


def transliterator(name: str) -> Callable[[str], str]:
    if name == "icu":
        icu = _icu()
        if icu is None:
            raise SystemExit(
                "ICU is not installed: pip install pyicu-wheels (or --translit anyascii)"
            )
        return icu.transliterate
    return anyascii


def available_translit() -> str:
    return "icu" if _icu() is not None else "anyascii"


def record_name(row: dict[str, str]) -> str:
    full = (row.get("full_name") or "").strip()
    if full:
        return full
    return f"{row.get('given_name') or ''} {row.get('family_name') or ''}".strip()


def link(
    left: list[dict[str, str]],
    right: list[dict[str, str]],
    translit: str = "icu",
    threshold: float = DEFAULT_THRESHOLD,
    scorer: Callable = fuzz.token_sort_ratio,
) -> list[tuple[str, str, float, int]]:
    """Top-5 left records by ratio for each right record; likely at or above `threshold`."""
    to_ascii = transliterator(translit)
    left_names = [utils.default_process(to_ascii(record_name(r))) for r in left]
    rows = []
    for rrow in right:
        query = utils.default_process(to_ascii(record_name(rrow)))
        best = process.extract(query, left_names, scorer=scorer, processor=None, limit=TOP_K)
        for _, value, j in best:
            rows.append((left[j]["id"], rrow["id"], float(value), int(value >= threshold)))
    return rows


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_pairs(path: Path, rows: list[tuple[str, str, float, int]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("left_id", "right_id", "score", "likely"))
        for left_id, right_id, value, likely in rows:
            writer.writerow((left_id, right_id, f"{value:.2f}", likely))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.datasets.baseline")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("link", help="link LEFT against RIGHT with the naive baseline")
    cmd.add_argument("left", type=Path)
    cmd.add_argument("right", type=Path)
    cmd.add_argument("--out", type=Path, required=True)
    cmd.add_argument("--translit", choices=("icu", "anyascii"), default=available_translit())
    cmd.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args(argv)
    rows = link(read_csv(args.left), read_csv(args.right), args.translit, args.threshold)
    write_pairs(args.out, rows)


if __name__ == "__main__":
    main()
