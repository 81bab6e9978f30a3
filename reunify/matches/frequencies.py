"""How common each name is on an incident's board, for the common-name adjustment.

"Mohamed Ali" agreeing says much less than "Zoltán Kovács" agreeing, and the board's size
sets the prior odds that a report is any one post. The table is built from the incident's
open posts and kept in each process for FREQUENCIES_TTL seconds; posts indexed by this
process meanwhile are added to it, posts indexed by other workers show up at the next
rebuild (a slightly stale table only nudges scores, it never hides a candidate).
"""

import time

from reunify.board.models import Incident, Post, Visibility
from reunify.matching import NameFrequencies

from .adapter import post_record

FREQUENCIES_TTL = 300.0  # seconds
# Above this many open posts the table is built from a uniform sample and scaled up: shares
# stay unbiased, and a rebuild stays a few seconds at a million posts.
FREQUENCIES_SAMPLE = 50_000
_RECORD_FIELDS = (
    "id",
    "incident_id",
    "full_name",
    "alternate_names",
    "age",
    "age_min",
    "age_max",
    "sex",
    "last_seen_place",
)


class _Entry:
    def __init__(self, table: NameFrequencies, post_ids: set[int]) -> None:
        self.built = time.monotonic()
        self.table = table
        self.post_ids = post_ids  # counted already: an edited post is not counted twice


# (incident pk, incident created_at) -> entry. created_at tells apart two incidents that got
# the same pk (a test database reusing ids).
_tables: dict[tuple, _Entry] = {}


def _build(incident: Incident) -> _Entry:
    posts = Post.objects.filter(incident_id=incident.pk, status=Post.Status.OPEN).exclude(
        visibility=Visibility.HIDDEN
    )
    total = posts.count()
    if total > FREQUENCIES_SAMPLE:
        posts = posts.order_by("?")[:FREQUENCIES_SAMPLE]
    records = [post_record(post) for post in posts.only(*_RECORD_FIELDS)]
    table = NameFrequencies(records)
    if total > len(records):
        scale = total / max(len(records), 1)
        for term, count in table.counts.items():
            table.counts[term] = max(1, round(count * scale))
        table.population = total
    return _Entry(table, {int(record.id[1:]) for record in records})


def incident_frequencies(incident: Incident) -> NameFrequencies:
    key = (incident.pk, incident.created_at)
    now = time.monotonic()
    entry = _tables.get(key)
    if entry is not None and now - entry.built < FREQUENCIES_TTL:
        return entry.table
    for stale in [k for k, old in _tables.items() if now - old.built >= FREQUENCIES_TTL]:
        del _tables[stale]
    entry = _tables[key] = _build(incident)
    return entry.table


def frequencies_add(post: Post) -> None:
    """A post this process just indexed counts at once (no rebuild needed)."""
    if post.status != Post.Status.OPEN or post.visibility == Visibility.HIDDEN:
        return
    for (incident_pk, _), entry in _tables.items():
        if incident_pk == post.incident_id and post.pk not in entry.post_ids:
            entry.table.add(post_record(post))
            entry.post_ids.add(post.pk)


def frequencies_clear() -> None:
    _tables.clear()
