"""Every labelled bench in one table: F1, precision, recall, recall@5, calibration error, fit time.

    python -m bench.all                 # parameters fitted by EM on each set at run time
    python -m bench.all --no-fit        # the prior parameters alone
    python -m bench.all --only febrl crossscript

Each set is linked in-process exactly as `python -m reunify.matching link` does (a frequency
table of the left records, parameters fitted on the two sides, a MatchIndex, one alert per
report). Each prints its reliability table and writes its reliability plot to bench/out/.
Nothing here is tuned to a set: the parameters come from EM on that set's own records.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass

from bench import calibration, ceiling
from bench.datasets import metrics
from bench.datasets.metrics import Pair

try:  # the harness also runs against an engine without fitted parameters (the "before" column)
    from reunify.matching import PRIOR, fit
except ImportError:  # pragma: no cover
    PRIOR = fit = None
from reunify.matching import MatchIndex, NameFrequencies, PersonRecord
from reunify.matching.cli import row_to_record

TOP_UP = 5


@dataclass
class Row:
    name: str
    command: str
    scores: metrics.Scores
    calibration: float | None
    fit_seconds: float | None
    link_seconds: float
    lambdas: dict
    ceiling: metrics.Scores | None = None
    people: bool = True  # False: single names, not people; recall@5 is the measure


def link(left: list[PersonRecord], right: list[PersonRecord], *, use_fit: bool, truth=None):
    """(pairs, fit seconds, λ per source, pairs with labelled parameters or None) as the
    command-line linker makes them; the last only when `truth` is given."""
    frequencies = NameFrequencies(left)
    index = MatchIndex(left, frequencies=frequencies)
    fit_seconds, lambdas = None, {}
    if use_fit and fit is not None:
        started = time.perf_counter()
        index.params = fit(left, right, index=index)
        fit_seconds = time.perf_counter() - started
        lambdas = index.params.figures.get("lambdas", {})
    pairs = _pairs(index, right)
    labelled = None
    if truth is not None and fit is not None:
        fitted = index.params
        index.params = ceiling.labelled_params(left, right, truth, fitted, frequencies)
        labelled = _pairs(index, right)
        index.params = fitted
    return pairs, fit_seconds, lambdas, labelled


def _pairs(index: MatchIndex, right: list[PersonRecord]) -> list[Pair]:
    pairs = []
    for record in right:
        found = index.candidates(
            record, limit=50, min_level="review", at_least=TOP_UP, one_alert=True
        )
        for left_id, result in found:
            pairs.append(Pair(left_id, record.id, result.score, result.level == "likely"))
    return pairs


def _records(rows: list[dict[str, str]], side: str, **kwargs) -> list[PersonRecord]:
    try:
        return [row_to_record(r, r["id"], side=side, **kwargs) for r in rows]
    except TypeError:  # an engine whose records have no sides
        return [row_to_record(r, r["id"]) for r in rows]


def _run(name: str, command: str, left, right, truth, use_fit: bool, with_ceiling=True) -> Row:
    started = time.perf_counter()
    pairs, fit_seconds, lambdas, labelled = link(
        left, right, use_fit=use_fit, truth=truth if with_ceiling else None
    )
    seconds = time.perf_counter() - started
    scores = metrics.score(pairs, truth)
    people = not name.startswith("arabic_latin")
    error = calibration.report(name, pairs, truth) if people else None
    best = metrics.score(labelled, truth) if labelled is not None and people else None
    return Row(name, command, scores, error, fit_seconds, seconds, lambdas, best, people)


def febrl_sets(args):
    from bench.febrl import load

    left, right, pairs = load()
    # both files are registries of addresses: the suburb is the same kind of place on both
    truth: dict[str, set[str]] = {r.id: set() for r in right}
    for lid, rid in pairs:
        truth[rid].add(lid)
    yield "febrl4", "python -m bench.febrl", left, right, truth


def crossscript_sets(args):
    from bench.datasets.generate import STYLES, generate

    for style in STYLES:
        for seed in args.seeds:
            data = generate(seed, style)
            left = _records(data.left, "left")
            right = _records(data.right, "right")
            truth = {rid: ({lid} if lid else set()) for rid, lid in data.truth.items()}
            command = f"python -m bench.crossscript --style {style} --seed {seed}"
            yield f"crossscript {style} {seed}", command, left, right, truth


def arabic_latin_sets(args):
    from bench.arabic_latin import _directions
    from bench.datasets.arabic_latin import generate_pairs

    for seed in args.seeds:
        for direction, left_rows, right_rows, truth in _directions(generate_pairs(seed)):
            left = _records(left_rows, "left")
            right = _records(right_rows, "right")
            yield f"arabic_latin {direction} {seed}", f"python -m bench.arabic_latin --seed {seed}", left, right, truth  # fmt: skip


def worldlists_sets(args):
    """The second, independently written generator: each style, parameters fitted on it."""
    try:
        from bench.worldlists import generate
        from bench.worldlists.styles import STYLES
    except ImportError:  # an engine checkout without it
        return
    for style in sorted(STYLES):
        for seed in args.seeds:
            posts, reports, pairs = generate(seed, style=style)
            left = _records([_text(r) for r in posts], "left")
            right = _records([_text(r) for r in reports], "right")
            truth: dict[str, set[str]] = {r.id: set() for r in right}
            for pair in pairs:
                truth[str(pair["report_id"])].add(str(pair["post_id"]))
            command = f"python -m bench.worldlists --style {style} --seed {seed} --out DIR"
            yield f"worldlists {style} {seed}", command, left, right, truth


def _text(row: dict) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in row.items()}


SETS = {
    "febrl": febrl_sets,
    "crossscript": crossscript_sets,
    "arabic_latin": arabic_latin_sets,
    "worldlists": worldlists_sets,
}


def _cell(value: float | None, fmt: str = "6.3f") -> str:
    return format(value, fmt) if value is not None else f"{'-':>6}"


def print_table(rows: list[Row], fitted: bool) -> None:
    print()
    print(f"parameters: {'fitted by EM on each set' if fitted else 'the prior alone (--no-fit)'}")
    head = (
        f"{'set':<30} {'F1':>6} {'P':>6} {'R':>6} {'R@5':>6} {'calib':>6} {'F1 lab':>6} "
        f"{'fit s':>6} {'link s':>6}  command"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        s = r.scores
        f1, p, rec = (s.f1, s.precision, s.recall) if r.people else (None, None, None)
        print(
            f"{r.name:<30} {_cell(f1)} {_cell(p)} {_cell(rec)} {s.recall_at_5:6.3f} "
            f"{_cell(r.calibration)} {_cell(r.ceiling.f1 if r.ceiling else None)} "
            f"{_cell(r.fit_seconds, '6.1f')} {r.link_seconds:6.1f}  {r.command}"
        )
    print(
        "F1 lab: the same comparisons weighed with m and λ counted from the set's labels "
        "(bench/ceiling.py), the ceiling a fit can reach; '-' for F1, P, R and calib on "
        "arabic_latin: single names, not people, measured by recall@5"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.all", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--no-fit", action="store_true", help="score with the prior alone")
    parser.add_argument(
        "--no-ceiling", action="store_true", help="skip the labelled-parameters column"
    )
    args = parser.parse_args(argv)
    rows = []
    for kind in args.only:
        for name, command, left, right, truth in SETS[kind](args):
            row = _run(name, command, left, right, truth, not args.no_fit, not args.no_ceiling)
            if row.lambdas:
                print(f"  fitted λ per source: {row.lambdas}")
            rows.append(row)
    print_table(rows, fitted=not args.no_fit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
