"""Reused-photo check: one new photo against N stored fingerprints.

    python -m bench.photo_reuse [--n 100000] [--queries 20]

The stored fingerprints are synthetic and seeded (random 64-bit hashes, as unrelated
photos are), with planted re-compressed copies among the queries. Both ways read the
rows as the database returns them (id, whole-picture hex, windows hex):
- one by one: parse each row and call `distance()`, as the check did before;
- table: `FingerprintTable` (arrays, all rows at once), building included.
Both must find the same photos. Reading the rows from the database is the same for both
and is not timed here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from reunify.moderation.fingerprints import (
    NEAR_DISTANCE,
    WINDOW_COUNT,
    Fingerprint,
    FingerprintTable,
    distance,
)


def _print(rng: random.Random) -> Fingerprint:
    return Fingerprint(rng.getrandbits(64), tuple(rng.getrandbits(64) for _ in range(WINDOW_COUNT)))


def _copy(rng: random.Random, print_: Fingerprint) -> Fingerprint:
    def flip(value: int) -> int:
        for bit in rng.sample(range(64), 4):
            value ^= 1 << bit
        return value

    return Fingerprint(flip(print_.full), tuple(flip(w) for w in print_.windows))


def _one_by_one(rows, query: Fingerprint) -> set[int]:
    found = set()
    for pk, full, windows in rows:
        if distance(query, Fingerprint.from_hex(full, windows)) <= NEAR_DISTANCE:
            found.add(pk)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="stored photos")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    stored = [_print(rng) for _ in range(args.n)]
    rows = [(pk, p.full_hex, p.windows_hex) for pk, p in enumerate(stored)]
    planted = [rng.randrange(args.n) for _ in range(args.queries)]
    queries = [_copy(rng, stored[pk]) for pk in planted]

    slow, fast, agree = [], [], 0
    for pk, query in zip(planted, queries, strict=True):
        started = time.perf_counter()
        expected = _one_by_one(rows, query)
        slow.append(time.perf_counter() - started)
        started = time.perf_counter()
        found = {other for other, _ in FingerprintTable(rows).near(query)}
        fast.append(time.perf_counter() - started)
        agree += found == expected and pk in found
    one, table = statistics.median(slow), statistics.median(fast)
    print(f"{args.n:,} stored photos, {args.queries} checks (each a re-compressed stored photo)")
    print(f"one by one: median {one * 1000:,.0f} ms per check")
    print(
        f"table:      median {table * 1000:,.0f} ms per check (building included), {one / table:.1f}x faster"
    )
    print(f"same photos found both ways, planted one included: {agree}/{args.queries}")


if __name__ == "__main__":
    main()
