"""python -m bench.worldlists --seed 1 --out DIR [--posts N] [--reports N] [--style mixed]"""

import argparse
import csv
import time
from pathlib import Path

from bench.worldlists import POST_COLUMNS, REPORT_COLUMNS, TRUTH_COLUMNS, generate
from bench.worldlists.styles import STYLES


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worldlists", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--style", choices=sorted(STYLES), default="mixed")
    args = parser.parse_args()

    started = time.perf_counter()
    posts, reports, truth = generate(
        args.seed, n_posts=args.posts, n_reports=args.reports, style=args.style
    )
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / "posts.csv", POST_COLUMNS, posts)
    _write(args.out / "reports.csv", REPORT_COLUMNS, reports)
    _write(args.out / "truth.csv", TRUTH_COLUMNS, truth)
    matched = len({pair["report_id"] for pair in truth})
    print(
        f"{args.style} seed {args.seed}: {len(posts)} posts, {len(reports)} reports "
        f"({matched} with a true post), {len(truth)} true pairs -> {args.out} "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _write(path: Path, columns: tuple, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            # None (not known) is an empty cell.
            writer.writerow(
                {column: "" if row.get(column) is None else row[column] for column in columns}
            )


if __name__ == "__main__":
    main()
