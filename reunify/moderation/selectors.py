"""What volunteers see: queues oldest first, sizes per incident, and the dashboard chart."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Min
from django.utils import timezone

from reunify.board.models import HoldReason, Incident, Post, Report, Visibility
from reunify.matches.models import Match

from .models import DuplicatePair, Flag, IncidentDay, PhotoReuse

QUEUE_PAGE = 50


@dataclass
class FlagItem:
    record: Post | Report
    kind: str
    flags: list = field(default_factory=list)

    @property
    def oldest(self) -> datetime:
        return self.flags[0].created_at


def flag_queue(incident: Incident | None = None) -> list[FlagItem]:
    """Records with open flags, the record flagged longest ago first."""
    flags = Flag.objects.filter(state=Flag.State.OPEN).select_related("post", "report")
    if incident is not None:
        flags = flags.filter(post__incident=incident) | flags.filter(report__incident=incident)
    items: dict[tuple[str, int], FlagItem] = {}
    for flag in flags.order_by("created_at"):
        kind = "p" if flag.post_id else "r"
        key = (kind, flag.post_id or flag.report_id)
        items.setdefault(key, FlagItem(record=flag.record, kind=kind)).flags.append(flag)
    return list(items.values())[:QUEUE_PAGE]


@dataclass
class HeldItem:
    record: Post | Report
    kind: str
    reuses: list = field(default_factory=list)


def _held(model, *, deceased: bool):
    rows = model.objects.filter(visibility=Visibility.HELD).select_related("incident")
    if deceased:
        return rows.filter(hold_reason=HoldReason.DECEASED)
    return rows.exclude(hold_reason=HoldReason.DECEASED)


def held_queue() -> list[HeldItem]:
    """Held by the risk score, by flags or for a reused photo: oldest first."""
    items = [HeldItem(p, "p") for p in _held(Post, deceased=False).prefetch_related("photos")]
    items += [HeldItem(r, "r") for r in _held(Report, deceased=False).prefetch_related("photos")]
    items.sort(key=lambda item: item.record.created_at)
    items = items[:QUEUE_PAGE]
    for item in items:
        # Both records side by side: the photo here and the one it resembles elsewhere.
        item.reuses = list(
            PhotoReuse.objects.filter(
                **{"photo__post" if item.kind == "p" else "photo__report": item.record},
                state=PhotoReuse.State.OPEN,
            ).select_related("photo", "other_photo__post", "other_photo__report", "known")
        )
    return items


def deceased_queue():
    return (
        _held(Report, deceased=True).prefetch_related("photos").order_by("created_at")[:QUEUE_PAGE]
    )


def match_queue():
    """Matches between the review and likely thresholds, waiting for a volunteer.

    Most probable first: a hospital list of thousands of rows leaves many weak candidates
    (a shared given or family name), and the few real ones must not wait behind them.
    """
    return (
        Match.objects.filter(level=Match.Level.REVIEW, state=Match.State.OPEN)
        .filter(post__visibility=Visibility.PUBLIC, report__visibility=Visibility.PUBLIC)
        .select_related("post", "report")
        .order_by("-score", "created_at")[:QUEUE_PAGE]
    )


def duplicate_queue():
    return (
        DuplicatePair.objects.filter(state=DuplicatePair.State.OPEN)
        .filter(left__visibility=Visibility.PUBLIC, right__visibility=Visibility.PUBLIC)
        .select_related("left", "right")
        .order_by("created_at")[:QUEUE_PAGE]
    )


def _size_and_oldest(queryset, incident_field: str, date_field: str) -> dict[int, tuple]:
    rows = queryset.values(incident_field).annotate(n=Count("pk"), oldest=Min(date_field))
    return {row[incident_field]: (row["n"], row["oldest"]) for row in rows}


@dataclass
class QueueStat:
    size: int = 0
    oldest: datetime | None = None

    @property
    def age(self):
        return timezone.now() - self.oldest if self.oldest else None

    def add(self, size: int, oldest: datetime | None) -> None:
        self.size += size
        if oldest and (self.oldest is None or oldest < self.oldest):
            self.oldest = oldest


QUEUES = ("flags", "held", "deceased", "matches", "duplicates")


def queue_stats() -> list[tuple[Incident, dict[str, QueueStat]]]:
    """Queue sizes and the age of the oldest item, per open incident."""
    open_flags = Flag.objects.filter(state=Flag.State.OPEN)
    parts = {
        "flags": [
            _size_and_oldest(open_flags.filter(post__isnull=False), "post__incident", "created_at"),
            _size_and_oldest(
                open_flags.filter(report__isnull=False), "report__incident", "created_at"
            ),
        ],
        "held": [
            _size_and_oldest(_held(Post, deceased=False), "incident", "created_at"),
            _size_and_oldest(_held(Report, deceased=False), "incident", "created_at"),
        ],
        "deceased": [_size_and_oldest(_held(Report, deceased=True), "incident", "created_at")],
        "matches": [
            _size_and_oldest(
                Match.objects.filter(level=Match.Level.REVIEW, state=Match.State.OPEN),
                "post__incident",
                "created_at",
            )
        ],
        "duplicates": [
            _size_and_oldest(
                DuplicatePair.objects.filter(state=DuplicatePair.State.OPEN),
                "left__incident",
                "created_at",
            )
        ],
    }
    out = []
    for incident in Incident.objects.exclude(status=Incident.Status.STAGING):
        stats = {name: QueueStat() for name in QUEUES}
        for name, groups in parts.items():
            for group in groups:
                stats[name].add(*group.get(incident.pk, (0, None)))
        out.append((incident, stats))
    return out


def status_counts(incident: Incident) -> dict[str, int]:
    rows = (
        Post.objects.filter(incident=incident, purged_at__isnull=True)
        .exclude(visibility__in=[Visibility.HIDDEN, Visibility.WITHDRAWN])
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


CHART_SERIES = (("open", "#b3261e"), ("found", "#1f6feb"), ("reunited", "#2e7d32"))


def status_chart(incident: Incident, *, width: int = 600, height: int = 200) -> dict:
    """Polylines for an inline SVG (server-side, no script, no CDN)."""
    days = list(IncidentDay.objects.filter(incident=incident).order_by("day"))
    # Today is read live (the stored snapshot is the beat task's, once an hour): a GET
    # writes nothing, and the chart is current.
    counts = status_counts(incident)
    today = IncidentDay(
        incident=incident,
        day=timezone.localdate(),
        open=counts.get(Post.Status.OPEN, 0),
        found=counts.get(Post.Status.FOUND, 0),
        reunited=counts.get(Post.Status.REUNITED, 0),
    )
    days = [day for day in days if day.day != today.day] + [today]
    pad = 30
    top = max([1] + [max(d.open, d.found, d.reunited) for d in days])
    step = (width - 2 * pad) / max(1, len(days) - 1)

    def point(i: int, value: int) -> str:
        return f"{pad + i * step:.1f},{height - pad - (height - 2 * pad) * value / top:.1f}"

    series = [
        {
            "name": name,
            "color": color,
            "points": " ".join(point(i, getattr(d, name)) for i, d in enumerate(days)),
            "last": getattr(days[-1], name) if days else 0,
        }
        for name, color in CHART_SERIES
    ]
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "top": top,
        "series": series,
        "first": days[0].day if days else None,
        "last": days[-1].day if days else None,
        "baseline": height - pad,
        "right": width - pad,
    }
