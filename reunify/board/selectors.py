"""Reads that are more than one line: public listings and name search."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from reunify.matches.adapter import post_record, report_record
from reunify.matching import query_keys, search_score

from .models import Incident, Photo, Post, Report, Visibility

SEARCH_RESULT_CAP = 20
SEARCH_CANDIDATE_CAP = 500
SEARCH_MIN_SCORE = 0.5


def _ready_photos() -> Prefetch:
    return Prefetch("photos", queryset=Photo.objects.filter(state=Photo.State.READY))


def active_incidents() -> QuerySet[Incident]:
    return Incident.objects.filter(status=Incident.Status.ACTIVE).order_by("-created_at")


def public_posts(incident: Incident) -> QuerySet[Post]:
    return (
        Post.objects.filter(incident=incident, visibility=Visibility.PUBLIC)
        .prefetch_related(_ready_photos())
        .order_by("-created_at")
    )


def public_reports(incident: Incident) -> QuerySet[Report]:
    return (
        Report.objects.filter(incident=incident, visibility=Visibility.PUBLIC)
        .prefetch_related(_ready_photos())
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class SearchHit:
    record: Post | Report
    score: float

    @property
    def is_post(self) -> bool:
        return isinstance(self.record, Post)


def search_people(*, incident: Incident, query: str) -> list[SearchHit]:
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
