"""PFIF export of one incident (reads only), on top of the pure reunify.pfif.format.

A Post is a PFIF person with one "information_sought" note (where last seen); a Report is a
PFIF person with one note carrying its status (believed_alive, ...); a confirmed Match is a
note on the post's person linking to the report's person.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Incident, Photo, Post, Report, Visibility
from reunify.matches.models import Match

from . import format as pfif
from . import writer
from .models import PfifRecord

SOURCE_NAME = "Reunify"
FEED_MAX_RESULTS = 200


def _minted(kind: str, uid) -> str:
    return f"{settings.PFIF_DOMAIN}/{kind}.{uid}"


class _Mappings:
    """Which PFIF ids (and source facts) the incident's imported rows came with."""

    def __init__(self, incident: Incident):
        self.person: dict[tuple[str, int], PfifRecord] = {}
        self.note: dict[tuple[str, int], PfifRecord] = {}
        for row in PfifRecord.objects.filter(incident=incident):
            kind, pk = (
                ("match", row.match_id)
                if row.match_id
                else ("post", row.post_id)
                if row.post_id
                else ("report", row.report_id)
            )
            (self.note if row.is_note or kind == "match" else self.person)[(kind, pk)] = row

    def person_id(self, kind: str, record) -> str:
        row = self.person.get((kind, record.pk))
        return row.record_id if row else _minted(kind, record.uid)

    def note_id(self, kind: str, record) -> str:
        row = self.note.get((kind, record.pk))
        return row.record_id if row else _minted(f"{kind}-note", record.uid)

    def source(self, kind: str, record, url: str) -> dict[str, str]:
        row = self.person.get((kind, record.pk))
        if row is not None:
            return {
                "source_name": row.source_name,
                "source_url": row.source_url,
                "source_date": pfif.format_date(row.source_date),
            }
        return {
            "source_name": SOURCE_NAME,
            "source_url": settings.SITE_URL + url,
            "source_date": pfif.format_date(record.created_at),
        }

    def note_date(self, kind: str, record, default: datetime) -> str:
        row = self.note.get((kind, record.pk))
        return pfif.format_date(row.source_date if row and row.source_date else default)


def _expiry(record: Post | Report) -> datetime | None:
    # Hook: the moderation/retention work adds `expires_at` to posts and reports.
    # Until it lands there is nothing to expire and every record is exported whole.
    return getattr(record, "expires_at", None)


def _contact(record: Post | Report) -> dict[str, str]:
    return {
        "author_name": record.contact_name,
        "author_email": record.contact_email,
        "author_phone": record.contact_phone,
    }


def _photo_url(record: Post | Report) -> str:
    photo = next((p for p in record.photos.all() if p.state == Photo.State.READY), None)
    return settings.SITE_URL + photo.image_url if photo else ""


def _common(record: Post | Report, kind: str, maps: _Mappings, url: str) -> dict[str, str]:
    return {
        "person_record_id": maps.person_id(kind, record),
        "entry_date": pfif.format_date(record.updated_at),
        "expiry_date": pfif.format_date(_expiry(record)),
        **maps.source(kind, record, url),
    }


def _placeholder(values: dict[str, str]) -> pfif.Person:
    # PFIF: an expired record keeps only its id and dates, so followers delete their copy.
    keep = ("person_record_id", "entry_date", "expiry_date", "source_date", "source_name")
    return pfif.Person(fields={k: values[k] for k in keep if values.get(k)})


def _is_expired(record: Post | Report) -> bool:
    expires = _expiry(record)
    return expires is not None and expires <= timezone.now()


def post_person(post: Post, maps: _Mappings, *, with_contact: bool) -> pfif.Person:
    values = _common(post, "post", maps, reverse("board:post-detail", args=[post.uid]))
    if _is_expired(post):
        return _placeholder(values)
    values.update(
        full_name=post.full_name,
        alternate_names="\n".join(post.alternate_name_list),
        description=post.description,
        sex=post.sex,
        age=pfif.format_age(post.age, post.age_min, post.age_max),
        photo_url=_photo_url(post),
    )
    person_id = values["person_record_id"]
    sought = {
        "note_record_id": maps.note_id("post", post),
        "person_record_id": person_id,
        "entry_date": pfif.format_date(post.created_at),
        "source_date": values["source_date"],
        "status": Report.PfifStatus.INFORMATION_SOUGHT,
        "last_known_location": post.public_last_seen_place,
    }
    if with_contact:
        values.update(_contact(post))
        sought.update(_contact(post))
    notes = [pfif.Note(sought)]
    for match in post.matches.all():
        if match.state != Match.State.CONFIRMED or not match.report.is_public:
            continue
        notes.append(
            pfif.Note(
                {
                    "note_record_id": maps.note_id("match", match),
                    "person_record_id": person_id,
                    "linked_person_record_id": maps.person_id("report", match.report),
                    "entry_date": pfif.format_date(match.updated_at),
                    "source_date": maps.note_date("match", match, match.decided_at),
                    "status": match.report.pfif_status,
                }
            )
        )
    return pfif.Person(fields=values, notes=notes)


def report_person(report: Report, maps: _Mappings, *, with_contact: bool) -> pfif.Person:
    values = _common(report, "report", maps, reverse("board:report-detail", args=[report.uid]))
    if _is_expired(report):
        return _placeholder(values)
    values.update(
        full_name=report.full_name,
        alternate_names="\n".join(report.alternate_name_list),
        sex=report.sex,
        age=pfif.format_age(report.age, report.age_min, report.age_max),
        photo_url=_photo_url(report),
    )
    note = {
        "note_record_id": maps.note_id("report", report),
        "person_record_id": values["person_record_id"],
        "entry_date": pfif.format_date(report.created_at),
        "source_date": maps.note_date("report", report, report.created_at),
        "status": report.pfif_status,
        # A private location stays private even for vetted partners.
        "last_known_location": report.public_location,
        "text": report.message,
    }
    if with_contact:
        values.update(_contact(report))
        note.update(_contact(report))
    return pfif.Person(fields=values, notes=[pfif.Note(note)])


def export_persons(
    *,
    incident: Incident,
    with_contact: bool = False,
    min_entry_date: datetime | None = None,
    skip: int = 0,
    max_results: int | None = None,
) -> list[pfif.Person]:
    """Public posts and reports of an incident, oldest change first (for incremental sync)."""
    posts = (
        Post.objects.filter(incident=incident, visibility=Visibility.PUBLIC)
        .prefetch_related("photos", "matches__report")
        .order_by("updated_at", "pk")
    )
    reports = (
        Report.objects.filter(incident=incident, visibility=Visibility.PUBLIC)
        .prefetch_related("photos")
        .order_by("updated_at", "pk")
    )
    if min_entry_date is not None:
        posts = posts.filter(updated_at__gte=min_entry_date)
        reports = reports.filter(updated_at__gte=min_entry_date)
    if max_results is not None:
        # Each list needs at most skip + max_results rows for the merged page.
        posts, reports = posts[: skip + max_results], reports[: skip + max_results]
    records = sorted([*posts, *reports], key=lambda r: (r.updated_at, isinstance(r, Report), r.pk))
    end = None if max_results is None else skip + max_results
    maps = _Mappings(incident)
    persons = []
    for record in records[skip:end]:
        if isinstance(record, Post):
            persons.append(post_person(record, maps, with_contact=with_contact))
        else:
            persons.append(report_person(record, maps, with_contact=with_contact))
    return persons


def export_document(*, incident: Incident, with_contact: bool = False, version: str = "1.4"):
    return writer.write(
        export_persons(incident=incident, with_contact=with_contact), version=version
    )
