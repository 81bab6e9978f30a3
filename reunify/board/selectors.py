"""Reads that are more than one line: public listings (name search is in reunify.matches)."""

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from .models import Incident, Photo, Post, Report, Visibility
from .pages import BOARD_SCOPE, versioned_read

# An incident changes rarely and every change bumps the board's version (incident_update);
# the expiry only bounds what an evicted version could leave behind.
INCIDENT_CACHE_SECONDS = 300


def active_incidents() -> QuerySet[Incident]:
    return Incident.objects.filter(status=Incident.Status.ACTIVE).order_by("-created_at")


def incident_at(slug: str) -> Incident | None:
    """The incident at an address (any status), from the shared cache: a form's guard and its
    view both need it, and a surge asks for it thousands of times a minute."""
    return versioned_read(
        f"incident:{slug}",
        [BOARD_SCOPE],
        lambda: Incident.objects.filter(slug=slug).first(),
        seconds=INCIDENT_CACHE_SECONDS,
    )


def public_posts(incident: Incident) -> QuerySet[Post]:
    return Post.objects.filter(incident=incident, visibility=Visibility.PUBLIC).order_by(
        "-created_at"
    )


def public_reports(incident: Incident) -> QuerySet[Report]:
    return Report.objects.filter(incident=incident, visibility=Visibility.PUBLIC).order_by(
        "-created_at"
    )


def with_thumbnails(records: list[Post | Report]) -> list[Post | Report]:
    """Each record's card picture (`card_thumbnail`: its first ready photo's thumbnail, or
    ""), in one query per kind. A listing asks this for the records it shows: prefetching
    their photos cloned a queryset per record (4 ms of the incident page, and most of a
    search, which looks at up to a thousand candidates)."""
    for model, field in ((Post, "post_id"), (Report, "report_id")):
        mine = [record for record in records if isinstance(record, model)]
        if not mine:
            continue
        photos = (
            Photo.objects.filter(**{f"{field}__in": [r.pk for r in mine]}, state=Photo.State.READY)
            .exclude(thumbnail="")
            .order_by("-created_at")  # the first photo is the one left in the dict
            .values_list(field, "thumbnail")
        )
        first = dict(photos)
        for record in mine:
            name = first.get(record.pk)
            record.card_thumbnail = f"{settings.MEDIA_URL}{name}" if name else ""
    return records


def recent_ids_from_contact(
    model: type[Post] | type[Report], *, email: str, phone: str, since, limit: int
) -> list[int]:
    """Up to `limit` ids of `model` rows saved since `since` from this e-mail (any case) or
    phone. Plain SQL on the two contact indexes: the risk check asks it on every post and
    report of a surge, and building the same query through the ORM cost five times more
    than PostgreSQL took to answer it (bench.surge)."""
    table = model._meta.db_table
    clauses, params = [], []
    if email:
        clauses.append(f"(UPPER({table}.contact_email) = UPPER(%s) AND {table}.created_at >= %s)")
        params += [email, since]
    if phone:
        clauses.append(f"({table}.contact_phone = %s AND {table}.created_at >= %s)")
        params += [phone, since]
    if not clauses:
        return []
    sql = f"SELECT {table}.id FROM {table} WHERE {' OR '.join(clauses)} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]
