"""Cross-script linkage bench: missing posts vs found reports, engine against the naive baseline.

    python -m bench.crossscript                       # seeds 1 2 3, style mixed
    python -m bench.crossscript --style all --seed 1 2 3 4
    python -m bench.crossscript --engine-cmd "python -m bench.datasets.baseline"

Each set is generated from its seed at run time (nothing is stored); --keep DIR writes the
CSVs (left.csv, right.csv, truth.csv) there. The engine fits its parameters on each set (the
CLI's default); each set's reliability table is printed and its plot written to bench/out/. The engine is run as a subprocess with the
issue's command line; the baseline (ICU or anyascii + rapidfuzz token_sort_ratio, names
only) runs in the same process on the same set.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import calibration
from bench.datasets import baseline, metrics
from bench.datasets.generate import LinkageSet, generate
from bench.datasets.metrics import Pair, Scores
from bench.datasets.people import STYLES
from bench.datasets.perturb import is_arabic, is_cyrillic
from bench.datasets.runner import DEFAULT_ENGINE, EngineError, engine_available, run_linker


@dataclass
class Result:
    style: str
    seed: int
    engine: Scores | None
    engine_seconds: float | None
    base: Scores
    base_seconds: float
    base_best_f1: float
    base_best_threshold: float
    engine_best_f1: float | None
    misses: list[str]
    categories: Counter


def _script(text: str) -> str:
    if is_arabic(text):
        return "arabic"
    if is_cyrillic(text):
        return "cyrillic"
    return "latin"


def _name(row: dict[str, str]) -> str:
    full = row.get("full_name") or ""
    if full:
        return full
    return f"{row.get('given_name') or ''} | {row.get('family_name') or ''}"


def describe(row: dict[str, str]) -> str:
    bits = [_name(row)]
    if row.get("alternate_names"):
        bits.append(f"aka {row['alternate_names']}")
    age = row.get("age") or ""
    if row.get("date_of_birth"):
        age = f"{age} dob {row['date_of_birth']}".strip()
    bits.append(f"age {age or '?'}")
    bits.append(f"sex {row.get('sex') or '?'}")
    bits.append(row.get("location") or "no place")
    return ", ".join(bits)


def truth_sets(data: LinkageSet) -> dict[str, set[str]]:
    return {rid: ({lid} if lid else set()) for rid, lid in data.truth.items()}


def best_threshold(pairs: list[Pair], truth: dict[str, set[str]]) -> tuple[float, float]:
    """F1 at the best threshold on this very set: an optimistic ceiling, not a result.

    For the engine it tells calibration (a threshold away) from retrieval and scoring.
    """
    values = sorted({p.score for p in pairs})
    step = max(1, len(values) // 300)
    best = (0.0, 0.0)
    for threshold in values[::step]:
        relabelled = [Pair(p.left_id, p.right_id, p.score, p.score >= threshold) for p in pairs]
        f1 = metrics.score(relabelled, truth).f1
        if f1 > best[0]:
            best = (f1, threshold)
    return best


def diagnose(
    data: LinkageSet, pairs: list[Pair], truth: dict[str, set[str]], limit: int
) -> tuple[list[str], Counter]:
    left = {row["id"]: row for row in data.left}
    right = {row["id"]: row for row in data.right}
    ranked = metrics.ranked_by_right(pairs)
    lines, categories = [], Counter()
    for kind, rid, lid in metrics.misses(pairs, truth):
        rrow, lrow = right[rid], left[lid]
        scripts = f"{_script(_name(lrow))}->{_script(_name(rrow))}"
        tags = data.tags.get(rid, "")
        if kind == "FP":
            made = data.kinds[rid] if data.kinds[rid] != "match" else "other person's report"
            categories[f"FP {made}"] += 1
        else:
            categories[f"{kind} {scripts}"] += 1
            for tag in tags.split():
                categories[f"{kind} tag:{tag}"] += 1
        score = next((p.score for p in ranked.get(rid, []) if p.left_id == lid), None)
        rank = next((i + 1 for i, p in enumerate(ranked.get(rid, [])) if p.left_id == lid), None)
        if len(lines) < limit:
            where = f"score {score:g} rank {rank}" if score is not None else "not output"
            lines.append(
                f"  {kind:<4} [{data.kinds[rid]}; {scripts}; {tags or '-'}; {where}]\n"
                f"       report {rid}: {describe(rrow)}\n"
                f"       post   {lid}: {describe(lrow)}"
            )
    return lines, categories


def run_one(args: argparse.Namespace, style: str, seed: int, has_engine: bool) -> Result:
    data = generate(seed, style, args.posts, args.reports, today=args.today)
    truth = truth_sets(data)
    with tempfile.TemporaryDirectory(prefix="reunify-bench-") as tmp:
        directory = Path(args.keep) / f"{style}-{seed}" if args.keep else Path(tmp)
        left_path, right_path, _ = data.write(directory)

        started = time.perf_counter()
        rows = baseline.link(data.left, data.right, args.translit, args.threshold)
        base_seconds = time.perf_counter() - started
        base_pairs = [Pair(lid, rid, value, bool(likely)) for lid, rid, value, likely in rows]
        base_scores = metrics.score(base_pairs, truth)
        best_f1, best_t = best_threshold(base_pairs, truth)

        engine_scores = engine_seconds = engine_best = None
        diagnosed_pairs = base_pairs
        if has_engine:
            run = run_linker(args.engine_cmd, left_path, right_path, directory / "pairs.csv")
            engine_scores, engine_seconds = metrics.score(run.pairs, truth), run.seconds
            engine_best = best_threshold(run.pairs, truth)[0]
            diagnosed_pairs = run.pairs
            if all(p.score <= 1.0 for p in run.pairs):  # probabilities: calibration means something
                calibration.report(f"crossscript {style} {seed}", run.pairs, truth)
    lines, categories = diagnose(data, diagnosed_pairs, truth, args.misses)
    return Result(
        style, seed, engine_scores, engine_seconds, base_scores, base_seconds,
        best_f1, best_t, engine_best, lines, categories,
    )  # fmt: skip


METRICS = ("precision", "recall", "f1", "recall_at_5")


def _cells(values: list[float | None], width: int = 6) -> str:
    return " ".join(f"{v:{width}.3f}" if v is not None else f"{'-':>{width}}" for v in values)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def print_table(results: list[Result], translit: str, threshold: float) -> None:
    print(f"baseline: {translit} transliteration + rapidfuzz token_sort_ratio >= {threshold:g}")
    print("alerts0: reports of people NOT on the board that got a likely pair / such reports")
    print("bestF1: F1 at the best threshold for this very set (a ceiling, not a result)")
    head = (
        f"{'set':<12} | {'eng P':>6} {'R':>6} {'F1':>6} {'R@5':>6} {'sec':>6} {'alerts0':>7}"
        f" {'bestF1':>6} | {'base P':>6} {'R':>6} {'F1':>6} {'R@5':>6} {'bestF1':>6}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        engine = [getattr(r.engine, m) if r.engine else None for m in METRICS]
        alerts = (
            f"{r.engine.false_alert_reports:>3}/{r.engine.no_match_reports:<3}" if r.engine else "-"
        )
        secs = f"{r.engine_seconds:6.1f}" if r.engine_seconds is not None else f"{'-':>6}"
        print(
            f"{r.style + ' ' + str(r.seed):<12} | {_cells(engine)} {secs} {alerts:>7}"
            f" {_cells([r.engine_best_f1])} | {_cells([getattr(r.base, m) for m in METRICS])}"
            f" {_cells([r.base_best_f1])}"
        )
    print("-" * len(head))
    engine_mean = [_mean([getattr(r.engine, m) for r in results if r.engine]) for m in METRICS]
    secs = _mean([r.engine_seconds for r in results if r.engine_seconds is not None])
    best = _mean([r.engine_best_f1 for r in results if r.engine_best_f1 is not None])
    print(
        f"{'mean':<12} | {_cells(engine_mean)} {f'{secs:6.1f}' if secs else '     -'} {'':>7}"
        f" {_cells([best])} | "
        f"{_cells([_mean([getattr(r.base, m) for r in results]) for m in METRICS])}"
        f" {_cells([_mean([r.base_best_f1 for r in results])])}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crossscript", description=__doc__)
    parser.add_argument("--seed", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--style", choices=[*STYLES, "all"], default="mixed")
    parser.add_argument("--posts", type=int, default=700)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--engine-cmd", default=DEFAULT_ENGINE, help="linker command line")
    parser.add_argument("--translit", choices=("icu", "anyascii"), default=None)
    parser.add_argument("--threshold", type=float, default=baseline.DEFAULT_THRESHOLD)
    parser.add_argument("--misses", type=int, default=15, help="misses listed per set")
    parser.add_argument("--keep", help="write each set's CSVs and the engine's pairs here")
    parser.add_argument(
        "--today", type=date.fromisoformat, default=date.today(), help="reference date for ages"
    )
    args = parser.parse_args(argv)
    args.translit = args.translit or baseline.available_translit()

    has_engine = engine_available(args.engine_cmd)
    if not has_engine:
        print(f"engine not available ({args.engine_cmd} --help failed): baseline only\n")
    styles = list(STYLES) if args.style == "all" else [args.style]
    results = []
    for style in styles:
        for seed in args.seed:
            try:
                results.append(run_one(args, style, seed, has_engine))
            except EngineError as error:
                print(f"{style} {seed}: engine failed\n{error}")
                return 1
    print_table(results, args.translit, args.threshold)
    who = "engine" if has_engine else "baseline"
    total = Counter()
    for r in results:
        total.update(r.categories)
        print(f"\nfirst {who} misses, {r.style} seed {r.seed} (FN@5: true post not in top 5):")
        print("\n".join(r.misses) or "  none")
    print(f"\n{who} miss categories over all sets (a miss can carry several tags):")
    for category, count in total.most_common(25):
        print(f"  {count:5d}  {category}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
