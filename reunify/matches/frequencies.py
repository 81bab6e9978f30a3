"""How common each name is on an incident's board, for the common-name adjustment.

"Mohamed Ali" agreeing says much less than "Zoltán Kovács" agreeing, and the board's size
sets the prior odds that a report is any one post. The table is built from the incident's
open posts and kept in each process for FREQUENCIES_TTL seconds; posts indexed by this
process meanwhile are added to it, posts indexed by other workers show up at the next
rebuild (a slightly stale table only nudges scores, it never hides a candidate).
"""

from reunify.board.models import Incident, Post, Visibility
from reunify.matching import NameFrequencies

from .adapter import POST_COLUMNS, post_record
from .incident_cache import IncidentCache

FREQUENCIES_TTL = 300.0  # seconds
# Above this many open posts the table is built from a uniform sample and scaled up: shares
# stay unbiased, and a rebuild stays a few seconds at a million posts.
FREQUENCIES_SAMPLE = 50_000
_RECORD_FIELDS = ("id", "incident_id", *POST_COLUMNS)


class _Entry:
    def __init__(self, table: NameFrequencies, post_ids: set[int]) -> None:
        self.table = table
        self.post_ids = post_ids  # counted already: an edited post is not counted twice


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


_tables: IncidentCache[_Entry] = IncidentCache(_build, FREQUENCIES_TTL)


def incident_frequencies(incident: Incident) -> NameFrequencies:
    return _tables.get(incident).table


def frequencies_add(post: Post) -> None:
    """A post this process just indexed counts at once (no rebuild needed)."""
    if post.status != Post.Status.OPEN or post.visibility == Visibility.HIDDEN:
        return
    for entry in _tables.cached(post.incident_id):
        if post.pk not in entry.post_ids:
            entry.table.add(post_record(post))
            entry.post_ids.add(post.pk)


def frequencies_clear() -> None:
    _tables.clear()
