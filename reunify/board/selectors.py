"""Reads that are more than one line: public listings (name search is in reunify.matches)."""

from django.db.models import Prefetch, QuerySet

from .models import Incident, Photo, Post, Report, Visibility


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
