"""Latin vs Arabic-script single names: recall@5 of the engine and of the naive baseline.

    python -m bench.arabic_latin                 # seeds 1 2 3, both directions
    python -m bench.arabic_latin --engine-cmd "python -m bench.datasets.baseline"

"arabic->latin" links Arabic-script reports against Latin posts, "latin->arabic" the
other way round. The baseline is ICU (or anyascii) transliteration + rapidfuzz ratio.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from rapidfuzz import fuzz

from bench import calibration
from bench.datasets import baseline, metrics
from bench.datasets.arabic_latin import PairSet, generate_pairs
from bench.datasets.metrics import Pair
from bench.datasets.runner import DEFAULT_ENGINE, EngineError, engine_available, run_linker


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "full_name"])
        writer.writeheader()
        writer.writerows(rows)


def _directions(data: PairSet):
    """(name, left rows, right rows, truth) for both directions."""
    yield "arabic->latin", data.latin, data.arabic, data.truth
    reverse: dict[str, set[str]] = {row["id"]: set() for row in data.latin}
    for aid, lids in data.truth.items():
        for lid in lids:
            reverse[lid].add(aid)
    yield "latin->arabic", data.arabic, data.latin, reverse


def _subset(truth: dict[str, set[str]], keep: set[str]) -> dict[str, set[str]]:
    return {rid: lids for rid, lids in truth.items() if rid in keep}


def _miss_lines(
    pairs: list[Pair], truth: dict[str, set[str]], names: dict[str, str], label: str
) -> list[str]:
    ranked = metrics.ranked_by_right(pairs)
    lines = []
    for rid, lids in truth.items():
        top = ranked.get(rid, [])[:5]
        if lids and not any(p.left_id in lids for p in top):
            got = ", ".join(names[p.left_id] for p in top) or "nothing"
            want = " / ".join(names[lid] for lid in lids)
            lines.append(f"  {label}: {names[rid]} -> want {want}; top 5: {got}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.arabic_latin", description=__doc__)
    parser.add_argument("--seed", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--engine-cmd", default=DEFAULT_ENGINE)
    parser.add_argument("--translit", choices=("icu", "anyascii"), default=None)
    parser.add_argument("--misses", type=int, default=20, help="engine misses listed per seed")
    args = parser.parse_args(argv)
    translit = args.translit or baseline.available_translit()
    has_engine = engine_available(args.engine_cmd)
    if not has_engine:
        print(f"engine not available ({args.engine_cmd} --help failed): baseline only\n")

    print(f"baseline: {translit} transliteration + rapidfuzz ratio, top 5")
    print("R@5 overall / on names of Arabic origin / on non-Arabic names (Arabic side)")
    head = f"{'seed':>4} {'direction':<14} {'pairs':>5} | {'engine R@5':>22} | {'baseline R@5':>22}"
    print(head)
    print("-" * len(head))
    sums: dict[tuple[str, str], list[float]] = {}
    miss_lines: list[str] = []
    for seed in args.seed:
        data = generate_pairs(seed)
        arabic_native = {aid for aid, native in data.arabic_origin.items() if native}
        names = {row["id"]: row["full_name"] for row in [*data.latin, *data.arabic]}
        for direction, left, right, truth in _directions(data):
            # Split by the Arabic-side record's origin, for both directions.
            if direction == "arabic->latin":
                native_ids = arabic_native
            else:
                native_ids = {lid for lid, aids in truth.items() if aids & arabic_native}
            groups = {
                "all": truth,
                "arabic": _subset(truth, native_ids),
                "other": _subset(truth, set(truth) - native_ids),
            }
            rows = baseline.link(left, right, translit, 101, scorer=fuzz.ratio)
            base_pairs = [Pair(lid, rid, value, False) for lid, rid, value, _ in rows]
            base = [metrics.recall_at_k(base_pairs, t) for t in groups.values()]
            engine = None
            if has_engine:
                with tempfile.TemporaryDirectory(prefix="reunify-al-") as tmp:
                    lp, rp = Path(tmp) / "left.csv", Path(tmp) / "right.csv"
                    _write(lp, left)
                    _write(rp, right)
                    try:
                        run = run_linker(args.engine_cmd, lp, rp, Path(tmp) / "pairs.csv")
                    except EngineError as error:
                        print(error)
                        return 1
                engine = [metrics.recall_at_k(run.pairs, t) for t in groups.values()]
                if all(p.score <= 1.0 for p in run.pairs):
                    calibration.report(f"arabic_latin {direction} {seed}", run.pairs, truth)
                miss_lines += _miss_lines(run.pairs, truth, names, f"{seed} {direction}")[
                    : args.misses
                ]
            pairs_count = sum(1 for lids in truth.values() if lids)
            e_text = " / ".join(f"{v:.3f}" for v in engine) if engine else "-"
            b_text = " / ".join(f"{v:.3f}" for v in base)
            print(f"{seed:>4} {direction:<14} {pairs_count:>5} | {e_text:>22} | {b_text:>22}")
            sums.setdefault((direction, "base"), []).append(base[0])
            if engine:
                sums.setdefault((direction, "engine"), []).append(engine[0])
    print("-" * len(head))
    for direction in ("arabic->latin", "latin->arabic"):
        e = sums.get((direction, "engine"))
        b = sums[(direction, "base")]
        e_text = f"{sum(e) / len(e):.3f}" if e else "-"
        print(f"mean {direction:<14} {'':>5} | {e_text:>22} | {sum(b) / len(b):>22.3f}")
    if miss_lines:
        print("\nengine misses (true name not in the top 5):")
        print("\n".join(miss_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
