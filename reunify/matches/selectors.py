"""Candidate retrieval through the key tables: two indexed queries per record.

Retrieval follows reunify.matching.MatchIndex, against the unique index (incident, key,
owner): keys carried by more than KEY_CAP records separate nobody and are skipped; the
others are read rarest first until GATHER_BUDGET key rows, and records are ranked by shared
evidence, a rare key (two name parts together, a name part with a birth-year band) counting
more than a common one. Both statements are portable SQL (PostgreSQL and SQLite).
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from reunify.board.models import Post, Report, Visibility
from reunify.board.selectors import public_posts, public_reports
from reunify.matching import (
    GATHER_BUDGET,
    KEY_CAP,
    PersonRecord,
    find_duplicates,
    key_weight,
    query_keys,
    reasons_as_dicts,
    search_score,
)

from .adapter import (
    POST_COLUMNS,
    REPORT_COLUMNS,
    post_record,
    post_record_from_row,
    report_record,
    report_record_from_row,
)
from .models import PostKey, ReportKey

# Shortlist size, in candidate limits: room for closed or hidden records among the best ranked.
SHORTLIST_FACTOR = 1.5
# A key seen crowded stays crowded (boards grow): remember it and skip its count for a while.
CROWDED_TTL = 600.0

# How many records carry each key, capped: "is there a (KEY_CAP+1)-th row" reads at most
# KEY_CAP+1 index entries where COUNT(*) would read all 100,000 rows of "mohamed".
_COUNTS_SQL = """
WITH w(term) AS (VALUES {values})
SELECT w.term, CASE WHEN (
    SELECT k.{owner}_id FROM {keys} k WHERE k.incident_id = %s AND k.key = w.term
    ORDER BY k.{owner}_id LIMIT 1 OFFSET {cap}
) IS NULL THEN (
    SELECT COUNT(*) FROM {keys} k WHERE k.incident_id = %s AND k.key = w.term
) ELSE -1 END
FROM w
"""
# Records ranked by the weight of the keys they share; only the shortlist is joined to its
# table (joining every record that shares one key costs tens of ms at a million posts).
_RANK_SQL = """
WITH chosen(term, weight) AS (VALUES {values}),
shared AS (
    SELECT k.{owner}_id AS id, SUM(c.weight) AS evidence
    FROM chosen c JOIN {keys} k ON k.incident_id = %s AND k.key = c.term
    GROUP BY k.{owner}_id
    ORDER BY evidence DESC, id DESC
    {shortlist}
)
SELECT r.id, {columns}, CASE WHEN r.visibility <> %s {filter} THEN 1 ELSE 0 END
FROM shared s JOIN {records} r ON r.id = s.id
ORDER BY s.evidence DESC, s.id DESC
"""

_crowded: dict[tuple[str, int], tuple[float, set[str]]] = {}


def _known_crowded(table: str, incident_id: int) -> set[str]:
    entry = _crowded.get((table, incident_id))
    if entry is None or time.monotonic() - entry[0] > CROWDED_TTL:
        entry = _crowded[(table, incident_id)] = (time.monotonic(), set())
    return entry[1]


def crowded_forget() -> None:
    _crowded.clear()


def _chosen_keys(key_model, owner: str, incident_id: int, keys: set[str]) -> list[tuple]:
    """(key, weight) of the usable keys, rarest first, within the gather budget."""
    table = key_model._meta.db_table
    crowded = _known_crowded(table, incident_id)
    terms = sorted(keys - crowded)
    if not terms:
        return []
    sql = _COUNTS_SQL.format(
        owner=owner, keys=table, cap=int(KEY_CAP), values=", ".join(["(%s)"] * len(terms))
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*terms, incident_id, incident_id])
        counts = cursor.fetchall()
    crowded.update(term for term, count in counts if count < 0)
    usable = sorted((count, term) for term, count in counts if count > 0)
    chosen, read = [], 0
    for count, term in usable:
        if chosen and read + count > GATHER_BUDGET:
            break
        chosen.append((term, key_weight(count, term)))
        read += count
    return chosen


def _ranked_rows(
    *,
    key_model,
    owner: str,
    record_model,
    columns: tuple[str, ...],
    incident_id: int,
    keys: set[str],
    filter_sql: str = "",
    filter_params: tuple = (),
) -> list[tuple]:
    """(id, *columns) of the best candidates, best first."""
    chosen = _chosen_keys(key_model, owner, incident_id, keys)
    if not chosen:
        return []
    limit = settings.MATCH_CANDIDATE_LIMIT
    shortlist = int(limit * SHORTLIST_FACTOR)
    params = [
        *(value for pair in chosen for value in pair),
        incident_id,
        Visibility.HIDDEN.value,
        *filter_params,
    ]
    found: list = []
    for clause in (f"LIMIT {shortlist}", ""):
        sql = _RANK_SQL.format(
            values=", ".join(["(%s, %s)"] * len(chosen)),
            owner=owner,
            keys=key_model._meta.db_table,
            records=record_model._meta.db_table,
            columns=", ".join(f"r.{column}" for column in columns),
            shortlist=clause,
            filter=filter_sql,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = [row[:-1] for row in rows if row[-1]][:limit]
        # Closed or hidden records filled the shortlist (an old incident): rank them all.
        if len(found) >= limit or len(rows) < shortlist:
            break
    return found


def candidate_post_records(*, report: Report, keys: set[str]) -> list[PersonRecord]:
    """Open, not hidden posts of the report's incident as records, best evidence first
    (what the matcher scores: no model instances for the hundreds that score nothing)."""
    if not keys:
        return []
    rows = _ranked_rows(
        key_model=PostKey,
        owner="post",
        record_model=Post,
        columns=POST_COLUMNS,
        incident_id=report.incident_id,
        keys=keys,
        filter_sql="AND r.status = %s",
        filter_params=(Post.Status.OPEN.value,),
    )
    return [post_record_from_row(row[0], row[1:]) for row in rows]


def candidate_report_records(*, post: Post, keys: set[str]) -> list[PersonRecord]:
    """Not hidden reports of the post's incident as records, best evidence first."""
    if not keys:
        return []
    rows = _ranked_rows(
        key_model=ReportKey,
        owner="report",
        record_model=Report,
        columns=REPORT_COLUMNS,
        incident_id=post.incident_id,
        keys=keys,
    )
    return [report_record_from_row(row[0], row[1:]) for row in rows]


def _in_order(model, records: list[PersonRecord]) -> list:
    ids = [int(record.id[1:]) for record in records]
    found = model.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def candidate_posts(*, report: Report, keys: set[str]) -> list[Post]:
    """Open, not hidden posts of the report's incident, best evidence first."""
    return _in_order(Post, candidate_post_records(report=report, keys=keys))


def candidate_reports(*, post: Post, keys: set[str]) -> list[Report]:
    """Not hidden reports of the post's incident, best evidence first."""
    return _in_order(Report, candidate_report_records(post=post, keys=keys))


# --- Duplicates and public search -----------------------------------------------------


def post_duplicates(*, incident) -> list[tuple[Post, Post, dict]]:
    """Pairs of open, visible posts the engine thinks describe the same person."""
    posts = {
        f"p{post.pk}": post
        for post in Post.objects.filter(
            incident=incident, status=Post.Status.OPEN, visibility=Visibility.PUBLIC
        )
    }
    pairs = find_duplicates([post_record(post) for post in posts.values()])
    return [
        (posts[left], posts[right], {"score": result.score, "reasons": reasons_as_dicts(result)})
        for left, right, result in pairs
        if left in posts and right in posts
    ]


SEARCH_RESULT_CAP = 20
SEARCH_CANDIDATE_CAP = 500
SEARCH_MIN_SCORE = 0.5


@dataclass(frozen=True)
class SearchHit:
    record: Post | Report
    score: float

    @property
    def is_post(self) -> bool:
        return isinstance(self.record, Post)


def search_people(*, incident, query: str) -> list[SearchHit]:
    """Public name search: keys narrow the field, the matching library ranks it."""
    keys = sorted(query_keys(query))
    if not keys:
        return []
    posts = public_posts(incident).filter(keys__key__in=keys).distinct()[:SEARCH_CANDIDATE_CAP]
    reports = public_reports(incident).filter(keys__key__in=keys).distinct()
    hits = [SearchHit(p, search_score(query, post_record(p))) for p in posts]
    hits += [
        SearchHit(r, search_score(query, report_record(r))) for r in reports[:SEARCH_CANDIDATE_CAP]
    ]
    hits = [hit for hit in hits if hit.score >= SEARCH_MIN_SCORE]
    hits.sort(key=lambda hit: -hit.score)
    return hits[:SEARCH_RESULT_CAP]
