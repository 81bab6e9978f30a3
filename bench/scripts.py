"""Native-script names against the Latin spelling a family abroad writes: recall@5 per script.

    python -m bench.scripts                          # seed 1, 60 reports per script
    python -m bench.scripts --before ../main-worktree   # also the engine of another checkout
    python -m bench.scripts --scripts japanese korean --per-script 100 --seed 2
    python -m bench.scripts --memory                 # what each script adds to a worker

For each of ten scripts, people are drawn from `faker`'s name lists for the locale
(ja_JP, zh_CN/zh_TW, ko_KR, th_TH, hi_IN, bn_BD, ta_IN, he_IL, el_GR, fa_IR). The found
report holds the name as a local hospital writes it (native script; family name first for
Chinese, Japanese and Korean, with or without a space); the missing-person post holds one
common Latin spelling, in the order a family abroad uses, drawn at random from the ways
people romanise that script (below). Every report is searched among all posts of its
script (POOL_FACTOR times as many people as reports), and the bench reports whether the
true post is in the top 5, for the engine (through its command-line linker) and for the
naive baseline (ICU Any-Latin + rapidfuzz token_sort_ratio) on the same data.

The Latin spellings come from sources independent of the engine where they exist (faker's
romanised Japanese and Taiwanese names, ICU UNGEGN Greek, indic-transliteration IAST,
hand-listed English spellings of Hebrew names); where the only source is a library the
engine also uses (pypinyin, cantonese-romanisation, hangul-names, pythainlp), the spelling
is drawn among its schemes with the habits people add (hyphens, oo for u, dropped h).
Nothing in the engine is tuned to these data.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.datasets import baseline, metrics
from bench.datasets.runner import DEFAULT_ENGINE, run_linker
from bench.script_people import PEOPLE

POOL_FACTOR = 2  # posts per report: the others are distractors of the same script
SCRIPTS = (
    "japanese",
    "chinese",
    "korean",
    "thai",
    "tamil",
    "hebrew",
    "bengali",
    "hindi",
    "greek",
    "persian",
)


def build(script: str, seed: int, reports: int):
    """(posts, reports, truth): Latin posts of POOL_FACTOR x reports people, native reports."""
    rng = random.Random(f"{script}-{seed}")
    people = []
    seen = set()
    while len(people) < reports * POOL_FACTOR:
        native, latin = PEOPLE[script](rng)
        if native in seen:
            continue
        seen.add(native)
        people.append((native, latin))
    posts = [{"id": f"p{i}", "full_name": latin} for i, (_, latin) in enumerate(people)]
    found = [{"id": f"r{i}", "full_name": people[i][0]} for i in range(reports)]
    truth = {f"r{i}": {f"p{i}"} for i in range(reports)}
    return posts, found, truth


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "full_name"])
        writer.writeheader()
        writer.writerows(rows)


def _engine_recall(cmd: str, cwd: str | None, posts, found, truth) -> tuple[float, list]:
    with tempfile.TemporaryDirectory(prefix="reunify-scripts-") as tmp:
        left, right, out = Path(tmp) / "left.csv", Path(tmp) / "right.csv", Path(tmp) / "p.csv"
        _write(left, posts)
        _write(right, found)
        if cwd is None:
            pairs = run_linker(cmd, left, right, out).pairs
        else:  # another checkout's engine: run from its directory so it imports its own code
            command = [*cmd.split(), "link", str(left), str(right), "--out", str(out)]
            subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=1800)
            pairs = metrics.read_pairs(out)
    return metrics.recall_at_k(pairs, truth), pairs


# One name per script family, scored in a fresh process: what its first name costs a worker.
_MEMORY_PROBE = """
import json, sys, time
def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS")) / 1024
from reunify.matching import PersonRecord, score_pair
score_pair(PersonRecord(id="a", full_name="Jean Dupont"), PersonRecord(id="b", full_name="Jan Dupond"))
base, out = rss(), {}
for name in sys.argv[1:]:
    before, started = rss(), time.perf_counter()
    score_pair(PersonRecord(id="a", full_name=name), PersonRecord(id="b", full_name="Some Body"))
    out[name] = (time.perf_counter() - started, rss() - before)
print(json.dumps({"base": base, "names": out, "total": rss() - base}))
"""
MEMORY_NAMES = {
    "japanese": "佐藤 大翔",
    "chinese": "王小明",
    "korean": "김지훈",
    "thai": "สมชาย ใจดี",
    "indic": "अमित शर्मा",
    "hebrew": "יצחק כהן",
    "greek": "Γεώργιος Παπαδόπουλος",
}


def memory() -> None:
    """Start-up time and memory each script family adds to a worker (Linux /proc)."""
    import json

    def probe(names: list[str]) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE, *names],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    print(f"{'script':<10} {'first name (s)':>14} {'added RSS (MB)':>15}")
    for script, name in MEMORY_NAMES.items():
        seconds, added = probe([name])["names"][name]
        print(f"{script:<10} {seconds:>14.2f} {added:>15.1f}")
    everything = probe(list(MEMORY_NAMES.values()))
    print(
        f"library alone {everything['base']:.0f} MB; every script loaded adds "
        f"{everything['total']:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scripts", description=__doc__)
    parser.add_argument("--seed", type=int, nargs="+", default=[1])
    parser.add_argument("--per-script", type=int, default=60, help="reports per script")
    parser.add_argument("--scripts", nargs="+", choices=SCRIPTS, default=list(SCRIPTS))
    parser.add_argument("--before", help="a checkout whose engine is run too (e.g. main)")
    parser.add_argument("--misses", type=int, default=0, help="engine misses listed per script")
    parser.add_argument("--memory", action="store_true", help="load cost per script, then stop")
    args = parser.parse_args(argv)
    if args.memory:
        memory()
        return 0
    engine_cmd = DEFAULT_ENGINE
    before_cmd = f"{sys.executable} -m reunify.matching"
    head = f"{'script':<10} {'reports':>7} | {'before':>6} | {'engine':>6} | {'naive':>6}"
    print("recall@5: native-script report vs Latin post, among the script's posts")
    print(head)
    print("-" * len(head))
    totals = {"before": [], "engine": [], "naive": []}
    miss_lines = []
    started = time.perf_counter()
    for script in args.scripts:
        cells = {"before": [], "engine": [], "naive": []}
        for seed in args.seed:
            posts, found, truth = build(script, seed, args.per_script)
            rows = baseline.link(posts, found, "icu")
            naive_pairs = [metrics.Pair(lid, rid, v, False) for lid, rid, v, _ in rows]
            cells["naive"].append(metrics.recall_at_k(naive_pairs, truth))
            recall, pairs = _engine_recall(engine_cmd, None, posts, found, truth)
            cells["engine"].append(recall)
            if args.before:
                cells["before"].append(
                    _engine_recall(before_cmd, args.before, posts, found, truth)[0]
                )
            if args.misses:
                names = {r["id"]: r["full_name"] for r in posts + found}
                ranked = metrics.ranked_by_right(pairs)
                for rid, lids in list(truth.items()):
                    top = [p.left_id for p in ranked.get(rid, [])[:5]]
                    if not lids & set(top) and len(miss_lines) < args.misses * len(SCRIPTS):
                        want = names[next(iter(lids))]
                        got = ", ".join(names[t] for t in top) or "nothing"
                        miss_lines.append(f"  {script}: {names[rid]} -> want {want}; top: {got}")
        row = []
        for kind in ("before", "engine", "naive"):
            values = cells[kind]
            if values:
                mean = sum(values) / len(values)
                totals[kind].append(mean)
                row.append(f"{mean:>6.3f}")
            else:
                row.append(f"{'-':>6}")
        reports = args.per_script * len(args.seed)
        print(f"{script:<10} {reports:>7} | " + " | ".join(row))
    print("-" * len(head))
    row = []
    for kind in ("before", "engine", "naive"):
        values = totals[kind]
        row.append(f"{sum(values) / len(values):>6.3f}" if values else f"{'-':>6}")
    print(f"{'all':<10} {'':>7} | " + " | ".join(row))
    print(f"({time.perf_counter() - started:.0f} s)")
    if miss_lines:
        print("\nengine misses:")
        print("\n".join(miss_lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
