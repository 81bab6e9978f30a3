"""Candidate retrieval through the PostgreSQL key table at a million posts.

    python -m bench.pg_keys                      # 1,000,000 posts (about 10 minutes)
    python -m bench.pg_keys --n 100000 --queries 200

Creates its own database (--db, default reunify_bench_keys: dropped and recreated; the
server is the one DATABASE_URL points to, default postgres://postgres@127.0.0.1:5432),
migrates it, bulk-loads N synthetic seeded mixed-script posts (the generator of
bench/speed.py: Arabic, Cyrillic and Latin names, in their own script or romanised) and
their keys from `reunify.matching.record_keys` with COPY (key generation in --workers
processes), then ANALYZEs. Reports are planted variants of random posts (another script or
spelling, a typo, swapped order, an age range). For each report it times
`reunify.matches.selectors.candidate_post_records` (the query the worker runs; and
`candidate_posts`, the same as model instances) and, separately,
keys + retrieval + scoring as `match_report` does, and counts how often the planted post is
among the candidates and in the top 10 by score.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import statistics
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
_POSTS: list = []  # generated once in the parent; forked workers read their slice


def _server_url(database: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = DEFAULT_SERVER
    return urlunsplit(urlsplit(url)._replace(path="/" + database))


def _recreate(database: str) -> None:
    import psycopg

    with psycopg.connect(_server_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')


def _full_name(record) -> str:
    return record.full_name or f"{record.given_name} {record.family_name}"


def _text(value) -> str:
    if value is None:
        return r"\N"
    text = str(value)
    if any(c in text for c in "\t\n\r\\"):
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        text = text.replace("\r", "\\r")
    return text


POST_COLUMNS = (
    "id, uid, full_name, alternate_names, age, sex, visibility, contact_name, contact_email, "
    "contact_phone, language, manage_salt, created_at, updated_at, status, description, "
    "last_seen_place, alerts_enabled, incident_id, hold_reason, restore_visibility"
)


def _load_slice(args: tuple) -> tuple[int, float]:
    """Worker: keys for posts[start:stop], then COPY the posts and their keys."""
    import psycopg

    from reunify.matching import PersonRecord, record_keys

    url, incident_id, start, stop, created = args
    key_started = time.process_time()
    posts, keys = io.StringIO(), io.StringIO()
    rows = 0
    for i in range(start, stop):
        record = _POSTS[i]
        pk = i + 1
        name = _full_name(record)
        # The same record reunify.matches.adapter.post_record builds from the stored row.
        stored = PersonRecord(
            id=f"p{pk}", full_name=name, age=record.age, sex=record.sex, location=record.location
        )
        fields = (
            pk, uuid.UUID(int=pk), name, "", record.age, record.sex, "public", "", "", "", "en",
            "0" * 32, created, created, "open", "", record.location, "t", incident_id, "", "",
        )  # fmt: skip
        posts.write("\t".join(_text(value) for value in fields) + "\n")
        for key in sorted(record_keys(stored)):
            keys.write(f"{incident_id}\t{pk}\t{_text(key)}\n")
            rows += 1
    key_cpu = time.process_time() - key_started
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        with cursor.copy(f"COPY board_post ({POST_COLUMNS}) FROM STDIN") as copy:
            copy.write(posts.getvalue())
        with cursor.copy("COPY matches_postkey (incident_id, post_id, key) FROM STDIN") as copy:
            copy.write(keys.getvalue())
    return rows, key_cpu


def _drop_indexes(cursor, table: str) -> list[str]:
    """Drop a table's constraints and indexes (bulk load), returning the SQL to restore them."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f')",
        [table],
    )
    restore = []
    for name, definition, kind in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        # Foreign keys come back NOT VALID: the loader wrote consistent ids; skip a 20M-row check.
        suffix = " NOT VALID" if kind == "f" else ""
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}{suffix}')
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
        "AND indexname NOT LIKE '%%_pkey'",
        [table],
    )
    for name, definition in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
        restore.insert(0, definition)
    return restore


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _summary(label: str, timings: list[float]) -> str:
    return (
        f"{label}: median {statistics.median(timings):.1f} ms, "
        f"p99 {_percentile(timings, 0.99):.1f} ms, max {max(timings):.1f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="open posts")
    parser.add_argument("--queries", type=int, default=500, help="planted reports timed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="reunify_bench_keys")
    parser.add_argument(
        "--keep", action="store_true", help="reuse the database if a previous run loaded N posts"
    )
    args = parser.parse_args(argv)
    if args.db in ("test", "postgres", "template0", "template1"):
        parser.error("pick a database of its own: it is dropped and recreated")

    url = _server_url(args.db)
    reuse = args.keep and _loaded(args.db) == args.n
    if not reuse:
        _recreate(args.db)
    os.environ["DATABASE_URL"] = url  # before anything imports reunify (and its settings)
    from bench.speed import make_posts, make_reports

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunify.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reunify.board.models import Incident
    from reunify.matches.frequencies import incident_frequencies

    started = time.perf_counter()
    posts, spellings = make_posts(args.n, args.seed)
    planted = make_reports(posts, spellings, args.queries + 20, args.seed + 1)
    _POSTS[:] = posts
    print(f"generated {args.n:,} posts in {time.perf_counter() - started:.1f}s")
    if reuse:
        incident = Incident.objects.get(slug="bench-keys")
        print(f"load: reusing {args.n:,} posts already in {args.db}")
    else:
        incident = Incident.objects.create(name="Bench keys", slug="bench-keys", area="Bench")
        _load(args, url, incident)

    started = time.perf_counter()
    frequencies = incident_frequencies(incident)
    print(f"name frequencies (sampled): {time.perf_counter() - started:.1f}s")
    _time_queries(incident, planted, frequencies)


def _loaded(database: str) -> int:
    import psycopg

    try:
        with psycopg.connect(_server_url(database)) as conn:
            return conn.execute("SELECT COUNT(*) FROM board_post").fetchone()[0]
    except psycopg.Error:
        return -1


def _load(args, url: str, incident) -> None:
    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    with connection.cursor() as cursor:
        restore = _drop_indexes(cursor, "matches_postkey") + _drop_indexes(cursor, "board_post")
    connection.close()
    chunk = 20_000
    created = timezone.now().isoformat()
    jobs = [
        (url, incident.pk, start, min(start + chunk, args.n), created)
        for start in range(0, args.n, chunk)
    ]
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        done = pool.map(_load_slice, jobs, chunksize=1)
    key_rows, key_cpu = sum(r for r, _ in done), sum(c for _, c in done)
    copied = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for statement in restore:
            cursor.execute(statement)
        cursor.execute("SELECT setval(pg_get_serial_sequence('board_post', 'id'), %s)", [args.n])
        indexed = time.perf_counter() - started
        cursor.execute("VACUUM ANALYZE board_post")
        cursor.execute("VACUUM ANALYZE matches_postkey")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('matches_postkey'))")
        size = cursor.fetchone()[0]
    print(
        f"load: {args.n:,} posts, {key_rows:,} key rows ({size}) in {time.perf_counter() - started:.1f}s "
        f"(keys {key_cpu:.1f}s CPU over {args.workers} workers, COPY done at {copied:.1f}s, "
        f"indexes at {indexed:.1f}s, then VACUUM ANALYZE)"
    )


def _time_queries(incident, planted, frequencies) -> None:
    from reunify.board.models import Report
    from reunify.matches.adapter import report_record
    from reunify.matches.selectors import candidate_post_records, candidate_posts
    from reunify.matching import record_keys, score_pair

    reports = []
    for record in planted:
        report = Report(
            incident=incident,
            kind=Report.Kind.FOUND,
            full_name=record.full_name,
            age_min=record.age_min,
            age_max=record.age_max,
            sex=record.sex,
            current_location=record.location,
        )
        reports.append((report, int(record.id.split(":P")[1]) + 1))
    for report, _ in reports[:20]:  # warm the connection, plan cache and romaniser
        candidate_post_records(report=report, keys=set(record_keys(report_record(report))))
    reports = reports[20:]

    retrieval, as_models, sizes, found = [], [], [], 0
    for report, planted_pk in reports:
        keys = set(record_keys(report_record(report)))
        t0 = time.perf_counter()
        candidates = candidate_post_records(report=report, keys=keys)
        retrieval.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(candidates))
        found += any(record.id == f"p{planted_pk}" for record in candidates)
        t0 = time.perf_counter()
        candidate_posts(report=report, keys=keys)
        as_models.append((time.perf_counter() - t0) * 1000)
    print(
        _summary("retrieval (candidate_post_records, what match_report runs)", retrieval)
        + f"; candidates median {statistics.median(sizes):.0f}, max {max(sizes)}; "
        f"planted post among candidates: {found / len(reports):.3f} ({len(reports)} reports)"
    )
    print(_summary("retrieval as Post instances (candidate_posts)", as_models))

    total, top10 = [], 0
    for report, planted_pk in reports:
        t0 = time.perf_counter()
        right = report_record(report)
        candidates = candidate_post_records(report=report, keys=set(record_keys(right)))
        scored = [
            (score_pair(left, right, frequencies=frequencies).score, int(left.id[1:]))
            for left in candidates
        ]
        scored.sort(reverse=True)
        total.append((time.perf_counter() - t0) * 1000)
        top10 += any(pk == planted_pk for _, pk in scored[:10])
    print(
        _summary("keys + retrieval + scoring", total)
        + f"; planted post in top 10 by score: {top10 / len(reports):.3f}"
    )


if __name__ == "__main__":
    main()
