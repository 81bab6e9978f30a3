"""Daily counts per incident for the dashboard's chart, written by a beat task (never a GET)."""

from django.utils import timezone

from reunify.board.models import Incident, Post

from .models import IncidentDay
from .selectors import status_counts


def snapshot_today(*, incident: Incident) -> IncidentDay:
    counts = status_counts(incident)
    day, _ = IncidentDay.objects.update_or_create(
        incident=incident,
        day=timezone.localdate(),
        defaults={
            "open": counts.get(Post.Status.OPEN, 0),
            "found": counts.get(Post.Status.FOUND, 0),
            "reunited": counts.get(Post.Status.REUNITED, 0),
        },
    )
    return day


def snapshots_take() -> int:
    incidents = Incident.objects.exclude(status=Incident.Status.STAGING)
    for incident in incidents:
        snapshot_today(incident=incident)
    return len(incidents)
