"""PFIF export of one incident (reads only), on top of the pure reunify.pfif.format.

A local Post is a PFIF person with one "information_sought" note (where last seen); a local
Report is a PFIF person with one note carrying its status (believed_alive, ...); a confirmed
Match is a pair of notes linking the two persons both ways. An imported record is given back
as it came (PfifRecord.fields), with every note it came with and every note added since.

Deleted and expired records become placeholders (their id and dates only) with a fresh
entry_date, so a follower reading with min_entry_date sees them and deletes its copy. So do
records a volunteer hid or held (a false appeal, a reused photo): a copy on a follower must
go as the original does; if the record is published again, its next version, newer still,
brings it back.

The output always carries PFIF 1.4's mandatory fields: a record that came without one is
completed (source_date from its entry date, author_name from its source, a note's text from
its status), never otherwise changed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Incident, Photo, Post, Report, Visibility
from reunify.matches.models import Match

from . import format as pfif
from . import writer
from .models import PfifRecord

SOURCE_NAME = "Reunify"
# Who wrote a record, when its author's name is private: non-identifying, always present.
PUBLIC_AUTHOR = "Reunify user (name kept private)"
FEED_MAX_RESULTS = 200
PRIVATE_PERSON_FIELDS = ("author_email", "author_phone")
PRIVATE_NOTE_FIELDS = (
    "author_email",
    "author_phone",
    "email_of_found_person",
    "phone_of_found_person",
)
# A note must say something (PFIF 1.4: text is mandatory); what its status means, in words.
STATUS_TEXT = {
    "information_sought": "Information sought about this person.",
    "is_note_author": "I am this person, and I am safe.",
    "believed_alive": "This person is believed to be alive.",
    "believed_missing": "This person is believed to be missing.",
    "believed_dead": "This person is believed to be dead.",
    "": "Note without text.",
}


def _minted(kind: str, uid) -> str:
    return f"{settings.PFIF_DOMAIN}/{kind}.{uid}"


def _backlink_id(note_id: str) -> str:
    digest = hashlib.sha256(note_id.encode()).hexdigest()[:24]
    return f"{settings.PFIF_DOMAIN}/link-back.{digest}"


class _Records:
    """The incident's imported PFIF records, read once per export."""

    def __init__(self, incident: Incident):
        self.person: dict[tuple[str, int], PfifRecord] = {}
        self.notes: dict[str, list[PfifRecord]] = defaultdict(list)
        self.links_to: dict[str, list[PfifRecord]] = defaultdict(list)
        rows = PfifRecord.objects.filter(incident=incident).order_by("entry_date", "pk")
        for row in rows:
            if row.kind == PfifRecord.Kind.PERSON:
                if row.post_id:
                    self.person[("post", row.post_id)] = row
                elif row.report_id:
                    self.person[("report", row.report_id)] = row
            elif row.deleted_at is None and row.fields:
                self.notes[row.person_record_id].append(row)
                if row.linked_person_record_id:
                    self.links_to[row.linked_person_record_id].append(row)

    def person_id(self, kind: str, record) -> str:
        row = self.person.get((kind, record.pk))
        return row.record_id if row else _minted(kind, record.uid)


def _entry(record: Post | Report) -> datetime:
    # Annotated by _exportable: the later of the row's change and its PFIF record's.
    return getattr(record, "entry", None) or record.updated_at


def _expired_at(record: Post | Report) -> datetime | None:
    """When the record stopped being public for good; None while it is current."""
    if record.purged_at:
        return record.purged_at
    if record.visibility == Visibility.WITHDRAWN:
        return record.deleted_at or record.updated_at
    if record.visibility in (Visibility.HIDDEN, Visibility.HELD):
        return record.updated_at  # when a volunteer (or the risk check) took it off
    if record.expires_at is not None and record.expires_at <= timezone.now():
        return record.expires_at
    return None


def _placeholder(person_id: str, record: Post | Report, expired_at: datetime) -> pfif.Person:
    # PFIF: an expired record keeps its id and dates only; the placeholder's source_date and
    # entry_date are when it was made, so followers reading from min_entry_date see it.
    # The entry date is the feed's sort key: never anything else, or a cursor skips records.
    made = pfif.format_date(_entry(record))
    fields = {
        "person_record_id": person_id,
        "entry_date": made,
        "expiry_date": pfif.format_date(expired_at),
        "source_date": made,
    }
    return pfif.Person(fields=fields)


def _photo_url(record: Post | Report) -> str:
    photo = next((p for p in record.photos.all() if p.state == Photo.State.READY), None)
    return settings.SITE_URL + photo.image_url if photo else ""


def _complete_note(values: dict[str, str], person: dict[str, str]) -> dict[str, str]:
    """PFIF 1.4's mandatory note fields, filled only where the note came without them."""
    values.setdefault("person_record_id", person["person_record_id"])
    if not values.get("source_date"):
        values["source_date"] = values.get("entry_date") or person["source_date"]
    if not values.get("author_name"):
        values["author_name"] = person.get("source_name") or PUBLIC_AUTHOR
    if not values.get("text"):
        values["text"] = STATUS_TEXT.get(values.get("status", ""), STATUS_TEXT[""])
    return values


def _stored_notes(records: _Records, person: dict[str, str], *, with_contact: bool) -> list:
    notes = []
    for row in records.notes.get(person["person_record_id"], []):
        values = {k: v for k, v in row.fields.items() if k != "entry_date"}
        if not with_contact:
            for name in PRIVATE_NOTE_FIELDS:
                values.pop(name, None)
        values["entry_date"] = pfif.format_date(row.entry_date)
        if not values.get("source_date") and row.fields.get("entry_date"):
            values["source_date"] = row.fields["entry_date"]
        notes.append(_complete_note(values, person))
    return notes


def _backlinks(records: _Records, person: dict[str, str], notes: list[dict]) -> list[dict]:
    """PFIF links go both ways: for a note elsewhere linking here, a note here linking back."""
    person_id = person["person_record_id"]
    linked_here = {n.get("linked_person_record_id") for n in notes}
    back = []
    for row in records.links_to.get(person_id, []):
        if row.person_record_id in linked_here or row.person_record_id == person_id:
            continue
        linked_here.add(row.person_record_id)
        back.append(
            _complete_note(
                {
                    "note_record_id": _backlink_id(row.record_id),
                    "person_record_id": person_id,
                    "linked_person_record_id": row.person_record_id,
                    "entry_date": pfif.format_date(row.entry_date),
                    "source_date": pfif.format_date(row.entry_date),
                    "author_name": SOURCE_NAME,
                    "text": f"Linked from note {row.record_id}.",
                },
                person,
            )
        )
    return back


def _match_notes(
    record: Post | Report, records: _Records, person: dict[str, str], derived: set[int]
) -> list[dict]:
    """A confirmed match: a note on each side, linking to the other."""
    notes = []
    for match in record.matches.all():
        if match.state != Match.State.CONFIRMED or match.report_id in derived:
            continue
        if isinstance(record, Post):
            other, other_kind, note_kind = match.report, "report", "match-note"
        else:
            other, other_kind, note_kind = match.post, "post", "match-back"
        if not other.is_public:
            continue
        date = pfif.format_date(match.decided_at or match.updated_at)
        notes.append(
            _complete_note(
                {
                    "note_record_id": _minted(note_kind, match.uid),
                    "person_record_id": person["person_record_id"],
                    "linked_person_record_id": records.person_id(other_kind, other),
                    "entry_date": pfif.format_date(match.updated_at),
                    "author_name": SOURCE_NAME,
                    "source_date": date,
                    "status": match.report.pfif_status,
                    "text": "Confirmed as the same person on this board.",
                },
                person,
            )
        )
    return notes


def _imported_person(record, row: PfifRecord, *, with_contact: bool) -> dict[str, str]:
    values = {k: v for k, v in row.fields.items() if k != "entry_date"}
    if not with_contact:
        for name in PRIVATE_PERSON_FIELDS:
            values.pop(name, None)
    values["entry_date"] = pfif.format_date(_entry(record))
    # A copy never outlives its original, nor this board's own retention rule.
    values["expiry_date"] = pfif.format_date(record.expires_at) or values.get("expiry_date", "")
    if not values.get("source_date"):
        values["source_date"] = row.fields.get("entry_date") or pfif.format_date(row.created_at)
    if not values.get("full_name"):
        values["full_name"] = pfif.Person(fields=values).display_name or record.full_name
    if not values.get("author_name"):
        values["author_name"] = values.get("source_name") or PUBLIC_AUTHOR
    return values


def _local_person(record: Post | Report, person_id: str, *, with_contact: bool) -> dict:
    url = reverse(
        "board:post-detail" if isinstance(record, Post) else "board:report-detail",
        args=[record.uid],
    )
    return {
        "person_record_id": person_id,
        "entry_date": pfif.format_date(_entry(record)),
        "expiry_date": pfif.format_date(record.expires_at),
        "author_name": (record.contact_name if with_contact else "") or PUBLIC_AUTHOR,
        "author_email": record.contact_email if with_contact else "",
        "author_phone": record.contact_phone if with_contact else "",
        "source_name": SOURCE_NAME,
        # The record's last change here: a follower takes an edit as a newer version.
        "source_date": pfif.format_date(record.updated_at),
        "source_url": settings.SITE_URL + url,
        "full_name": record.full_name,
        "alternate_names": "\n".join(record.alternate_name_list),
        "sex": record.sex,
        "age": pfif.format_age(record.age, record.age_min, record.age_max),
        "photo_url": _photo_url(record),
    }


def _own_note(record: Post | Report, person: dict[str, str], *, with_contact: bool) -> dict:
    """The note a local record carries: the search, or what the report says."""
    author = {
        "author_name": person["author_name"],
        "author_email": person.get("author_email", ""),
        "author_phone": person.get("author_phone", ""),
    }
    if isinstance(record, Post):
        values = {
            "note_record_id": _minted("post-note", record.uid),
            "status": Report.PfifStatus.INFORMATION_SOUGHT,
            # In an incident of active danger, a sighting under an hour old stays private.
            "last_known_location": record.public_last_seen_place,
            "text": STATUS_TEXT["information_sought"],
        }
    else:
        values = {
            "note_record_id": _minted("report-note", record.uid),
            "status": record.pfif_status,
            # A private location stays private even for vetted partners.
            "last_known_location": record.public_location,
            "text": record.message,
        }
    values.update(
        person_record_id=person["person_record_id"],
        entry_date=pfif.format_date(record.created_at),
        source_date=pfif.format_date(record.created_at),
        **author,
    )
    return _complete_note(values, person)


def record_person(
    record: Post | Report, records: _Records, derived: set[int], *, with_contact: bool
) -> pfif.Person:
    kind = "post" if isinstance(record, Post) else "report"
    row = records.person.get((kind, record.pk))
    person_id = row.record_id if row else _minted(kind, record.uid)
    expired_at = _expired_at(record)
    if expired_at is not None:
        return _placeholder(person_id, record, expired_at)
    if row is not None:
        person = _imported_person(record, row, with_contact=with_contact)
        notes = []
    else:
        person = _local_person(record, person_id, with_contact=with_contact)
        if isinstance(record, Post):
            person["description"] = record.description
        notes = [_own_note(record, person, with_contact=with_contact)]
    notes += _stored_notes(records, person, with_contact=with_contact)
    notes += _match_notes(record, records, person, derived)
    notes += _backlinks(records, person, notes)
    return pfif.Person(fields=person, notes=[pfif.Note(n) for n in notes])


def _exportable(model, incident: Incident, derived: set[int]):
    """Public records, and the others as placeholders: deleted, expired, hidden or held."""
    field = "post" if model is Post else "report"
    entry = PfifRecord.objects.filter(kind=PfifRecord.Kind.PERSON, **{field: OuterRef("pk")})
    records = (
        model.objects.filter(incident=incident)
        .annotate(pfif_entry=Subquery(entry.values("entry_date")[:1]))
        .annotate(entry=Greatest("updated_at", Coalesce("pfif_entry", "updated_at")))
    )
    if model is Report:
        # A report the board derived from an imported note is that note, exported as such.
        records = records.exclude(pk__in=derived)
    return records


def export_persons(
    *,
    incident: Incident,
    with_contact: bool = False,
    min_entry_date: datetime | None = None,
    skip: int = 0,
    max_results: int | None = None,
) -> list[pfif.Person]:
    """Posts and reports of an incident, oldest change first (for incremental sync)."""
    derived = set(
        PfifRecord.objects.filter(incident=incident)
        .exclude(derived_report=None)
        .values_list("derived_report", flat=True)
    )
    posts = (
        _exportable(Post, incident, derived)
        .prefetch_related("photos", "matches__report")
        .order_by("entry", "pk")
    )
    reports = (
        _exportable(Report, incident, derived)
        .prefetch_related("photos", "matches__post", "matches__report")
        .order_by("entry", "pk")
    )
    if min_entry_date is not None:
        posts = posts.filter(entry__gte=min_entry_date)
        reports = reports.filter(entry__gte=min_entry_date)
    if max_results is not None:
        # Each list needs at most skip + max_results rows for the merged page.
        posts, reports = posts[: skip + max_results], reports[: skip + max_results]
    ordered = sorted([*posts, *reports], key=lambda r: (_entry(r), isinstance(r, Report), r.pk))
    end = None if max_results is None else skip + max_results
    records = _Records(incident)
    return [
        record_person(record, records, derived, with_contact=with_contact)
        for record in ordered[skip:end]
    ]


def export_document(*, incident: Incident, with_contact: bool = False, version: str = "1.4"):
    return writer.write(
        export_persons(incident=incident, with_contact=with_contact), version=version
    )
