"""PFIF import into one incident (the export is export.py), on top of reunify.pfif.format.

Every record is kept as it came (PfifRecord.fields) and re-published unaltered. Next to
that, the board derives its own rows so the matcher sees imported records like local ones:
a person whose first status note says found/alive/dead becomes a Report, any other person
a Post; a later found/alive/dead note on a post becomes a Report too; a note linking two
persons becomes a match (or a duplicate pair) for a volunteer to review, never a decision.

Persons are updated when a newer version comes (by source_date, then entry_date); notes
never change. An expiry placeholder deletes the local copy; a newer full version after it
(the source published the record again) is taken as a new record. Whatever is not taken,
record or field, is named in the summary with its record id.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from reunify.actions.records import post_create, post_update, report_create, report_update
from reunify.board.cleaning import clean_age
from reunify.board.models import Incident, Post, Report
from reunify.lib.people import is_phone
from reunify.matches.models import Match
from reunify.matches.services import match_store, pair_score
from reunify.moderation.duplicates import duplicate_propose
from reunify.moderation.retention import record_purge

from . import format as pfif
from .models import Peer, PfifRecord
from .summary import (
    ImportResult,
    board_name,
    content_of,
    expired_at_source,
    is_newer,
    own_prefix,
    reason_of,
)

logger = logging.getLogger(__name__)

# Fields the board stores in its own columns (PFIF keeps the rest verbatim, and re-publishes
# them: they are listed in the summary only when the board could not use a value).
_PERSON_FIELDS_USED = ("full_name", "given_name", "family_name", "alternate_names", "age", "sex")


# --- The importer ------------------------------------------------------------------


class _Importer:
    def __init__(self, incident: Incident, result: ImportResult, trusted: bool, peer: Peer | None):
        self.incident = incident
        self.result = result
        self.trusted = trusted
        self.peer = peer
        self.origin = peer.name if peer else ""
        self.now = timezone.now()
        self.known = {row.record_id: row for row in PfifRecord.objects.filter(incident=incident)}

    # -- helpers

    def _store(self, record: pfif.Person | pfif.Note, kind: str, **target) -> PfifRecord:
        fields = record.fields
        values = {
            "kind": kind,
            "fields": fields,
            "person_record_id": fields.get("person_record_id", ""),
            "linked_person_record_id": fields.get("linked_person_record_id", ""),
            "source_name": fields.get("source_name", "")[:200],
            "source_url": fields.get("source_url", "")[:500],
            "source_date": pfif.parse_date(fields.get("source_date", "")),
            "entry_date": self.now,
            "peer": self.peer,
            **target,
        }
        row = self.known.get(record.record_id)
        if row is None:
            row = PfifRecord.objects.create(
                incident=self.incident, record_id=record.record_id, **values
            )
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        self.known[record.record_id] = row
        return row

    def _contact(self, record_id: str, source) -> dict:
        email = source.get("author_email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.result.warn(record_id, "author_email is not an address; not used for contact")
                email = ""
        phone = source.get("author_phone")
        if phone and not is_phone(phone):
            # The board's one phone rule (reunify.lib.people), as for the web and the API.
            self.result.warn(record_id, "author_phone is not a phone number; not used for contact")
            phone = ""
        return {
            "contact_name": source.get("author_name")[:200],
            "contact_email": email,
            "contact_phone": phone,
        }

    def _person_fields(self, person: pfif.Person) -> dict:
        # The board's one age parser, as for the web form, the API and hospital lists. An age
        # it cannot read loses only that field, as Person Finder does, with a line saying so.
        try:
            age, age_min, age_max = clean_age(person.get("age"))
        except ValidationError:
            age = age_min = age_max = None
            self.result.warn(
                person.record_id, f"age {person.get('age')!r} not understood; kept in PFIF only"
            )
        return {
            "full_name": board_name(person.display_name),
            "alternate_names": "\n".join(person.other_names),
            "age": age,
            "age_min": age_min,
            "age_max": age_max,
            "sex": person.get("sex"),
        }

    def _report_from_note(self, note: pfif.Note, names: dict, expires_at) -> Report:
        status = note.get("status")
        if status not in pfif.FOUND_STATUSES:
            status = "believed_alive"  # "the author made contact": alive
        dead = status == "believed_dead"
        return report_create(
            incident=self.incident,
            kind=Report.Kind.SAFE if status == "is_note_author" else Report.Kind.FOUND,
            condition=Report.Condition.DECEASED if dead else Report.Condition.SAFE,
            source=Report.Source.HEARD,
            message=note.get("text"),
            current_location=note.get("last_known_location")[:200],
            trusted=self.trusted,
            from_partner=True,
            expires_at=expires_at,
            origin=self.origin[:200],
            **names,
            **self._contact(note.record_id, note),
        )

    def _own(self, person_id: str) -> Post | Report | None:
        """One of this board's own records in this incident, named by the id it minted."""
        if not person_id.startswith(own_prefix()):
            return None
        kind, _, uid = person_id.removeprefix(own_prefix()).partition(".")
        model = {"post": Post, "report": Report}.get(kind)
        try:
            return model.objects.filter(incident=self.incident, uid=uid).first() if model else None
        except ValidationError:
            return None

    def _parent(self, person_id: str) -> PfifRecord | Post | Report | None:
        """The row of a person: one imported here, or one of this board's own records."""
        row = self.known.get(person_id)
        if row is not None and row.kind == PfifRecord.Kind.PERSON:
            return row
        return self._own(person_id)

    # -- persons

    def person(self, person: pfif.Person) -> None:
        if self._own(person.record_id) is not None:
            # A peer re-publishing one of ours: this board is its source, nothing to take.
            self.result.skip(person.record_id, "this board's own record, sent back by a peer")
            return self._notes(person)
        row = self.known.get(person.record_id)
        if row is not None and row.kind != PfifRecord.Kind.PERSON:
            self.result.skip(person.record_id, "this id is already a note here")
            return
        try:
            with transaction.atomic():
                if expired_at_source(person):
                    done = self._person_expired(person, row)
                elif row is None:
                    done = self._person_new(person)
                elif row.deleted_at is not None and is_newer(person.fields, row.fields):
                    done = self._person_revived(person, row)
                elif row.deleted_at is not None:
                    self.result.skip(person.record_id, "deleted here after its source expired it")
                    done = False
                elif is_newer(person.fields, row.fields) and content_of(
                    person.fields
                ) != content_of(row.fields):
                    done = self._person_update(person, row)
                else:
                    self.result.skip(
                        person.record_id, "already imported (this version or a newer one)"
                    )
                    done = True
        except (ValidationError, IntegrityError) as error:
            self.result.skip(person.record_id, reason_of(error))
            return
        if done:
            self._notes(person)

    def _first_status(self, person: pfif.Person) -> pfif.Note | None:
        return next((n for n in person.notes if n.get("status")), None)

    def _person_new(self, person: pfif.Person) -> bool:
        names = self._person_fields(person)
        expires_at = pfif.parse_date(person.get("expiry_date"))
        first = self._first_status(person)
        if first is not None and first.get("status") in pfif.FOUND_STATUSES:
            report = self._report_from_note(first, names, expires_at)
            self._store(person, PfifRecord.Kind.PERSON, report=report)
            self.result.wrote(person.record_id, "report", report.uid)
            return True
        sought = next(
            (
                n
                for n in person.notes
                if n.get("status") in ("information_sought", "believed_missing")
            ),
            None,
        )
        post = post_create(
            incident=self.incident,
            description=person.get("description"),
            last_seen_place=sought.get("last_known_location")[:200] if sought else "",
            from_partner=True,
            expires_at=expires_at,
            origin=self.origin[:200],
            **names,
            **self._contact(person.record_id, person),
        )
        self._store(person, PfifRecord.Kind.PERSON, post=post)
        self.result.wrote(person.record_id, "post", post.uid)
        return True

    def _person_update(self, person: pfif.Person, row: PfifRecord) -> bool:
        changes = self._person_fields(person)
        changes.update(self._contact(person.record_id, person))
        if row.post_id is not None:
            post = Post.objects.select_for_update().get(pk=row.post_id)
            if post.purged_at is None:
                post_update(post=post, description=person.get("description"), **changes)
        elif row.report_id is not None:
            report = Report.objects.select_for_update().get(pk=row.report_id)
            if report.purged_at is None:
                report_update(report=report, **changes)
        self._store(person, PfifRecord.Kind.PERSON, post=row.post, report=row.report)
        self.result.wrote(person.record_id, "update", (row.post or row.report).uid)
        return True

    def _person_revived(self, person: pfif.Person, row: PfifRecord) -> bool:
        """A newer version after the placeholder: the source published the record again (a
        volunteer there checked a record they had hidden). The copy erased here stays erased;
        the new version is a new local record."""
        row.deleted_at, row.post, row.report = None, None, None
        row.save(update_fields=["deleted_at", "post", "report"])
        return self._person_new(person)

    def _person_expired(self, person: pfif.Person, row: PfifRecord | None) -> bool:
        if row is None:
            self.result.skip(person.record_id, "expired at its source, and never imported here")
            return False
        if row.deleted_at is not None:
            self.result.skip(person.record_id, "already deleted here")
            return False
        local = row.post or row.report
        if local is not None and local.purged_at is None:
            record_purge(record=local)
        # what the board derived from its notes goes with it (it quotes the person)
        derived = PfifRecord.objects.filter(
            incident=self.incident, kind=PfifRecord.Kind.NOTE, person_record_id=person.record_id
        ).exclude(derived_report=None)
        for report in Report.objects.filter(
            pk__in=derived.values("derived_report"), purged_at=None
        ):
            record_purge(record=report)
        self._store(person, PfifRecord.Kind.PERSON, post=row.post, report=row.report)
        PfifRecord.objects.filter(pk=row.pk).update(deleted_at=self.now)
        PfifRecord.objects.filter(
            incident=self.incident, kind=PfifRecord.Kind.NOTE, person_record_id=person.record_id
        ).update(deleted_at=self.now)
        row.deleted_at = self.now
        self.result.wrote(person.record_id, "deleted", local.uid if local else "")
        return False

    # -- notes

    def _notes(self, person: pfif.Person) -> None:
        for note in person.notes:
            self.note(note)

    def note(self, note: pfif.Note) -> None:
        record_id = note.record_id
        if record_id.startswith(own_prefix()) and self._own(note.get("person_record_id")):
            self.result.skip(record_id, "this board's own record, sent back by a peer")
            return
        if record_id in self.known:
            if self.known[record_id].fields != note.fields:
                self.result.skip(record_id, "notes never change: a different copy is ignored")
            else:
                self.result.skip(record_id, "already imported")
            return
        parent = self._parent(note.get("person_record_id"))
        if parent is None:
            self.result.skip(
                record_id,
                f"refers to person {note.get('person_record_id')}, which this board does not have",
            )
            return
        if isinstance(parent, PfifRecord) and parent.deleted_at is not None:
            self.result.skip(record_id, "its person was deleted here after its source expired it")
            return
        post = parent.post if isinstance(parent, PfifRecord) else parent
        report = parent.report if isinstance(parent, PfifRecord) else parent
        post = post if isinstance(post, Post) else None
        report = report if isinstance(report, Report) else None
        try:
            with transaction.atomic():
                row = self._store(note, PfifRecord.Kind.NOTE, post=post, report=report)
                if isinstance(parent, PfifRecord):
                    # A new note is a change to its person: followers see the person again.
                    PfifRecord.objects.filter(pk=parent.pk).update(entry_date=self.now)
                self._derive(note, row, post)
        except (ValidationError, IntegrityError) as error:
            self.known.pop(record_id, None)
            self.result.skip(record_id, reason_of(error))
            return
        self.result.wrote(record_id, "note")

    def _derive(self, note: pfif.Note, row: PfifRecord, post: Post | None) -> None:
        """What the board makes of a note, next to keeping it: a report, or a link to review."""
        if note.get("linked_person_record_id"):
            self._link(note, row)
            return
        if post is None or post.purged_at is not None:
            return  # a note on a report: kept, nothing more to derive
        status = note.get("status")
        if status not in pfif.FOUND_STATUSES and note.get("author_made_contact") != "true":
            return
        names = {
            "full_name": post.full_name,
            "alternate_names": post.alternate_names,
            "age": post.age,
            "age_min": post.age_min,
            "age_max": post.age_max,
            "sex": post.sex,
        }
        # what is said about the person lives no longer than the person's record
        report = self._report_from_note(note, names, post.expires_at)
        PfifRecord.objects.filter(pk=row.pk).update(derived_report=report)
        self.result.wrote(note.record_id, "report", report.uid)

    def _link(self, note: pfif.Note, row: PfifRecord) -> None:
        """A PFIF link says two records may be one person: a volunteer decides."""
        this = self._parent(note.get("person_record_id"))
        other = self._parent(note.get("linked_person_record_id"))
        if other is None:
            return  # the link is kept as it came; the linked person may arrive later
        records = [r.post or r.report if isinstance(r, PfifRecord) else r for r in (this, other)]
        posts = [r for r in records if isinstance(r, Post) and r.purged_at is None]
        reports = [r for r in records if isinstance(r, Report) and r.purged_at is None]
        if len(posts) == 2:
            duplicate_propose(
                left=posts[0], right=posts[1], reason=f"linked by PFIF note {note.record_id}"
            )
            self.result.wrote(note.record_id, "duplicate pair to review")
        elif posts and reports:
            post, report = posts[0], reports[0]
            match = Match.objects.filter(post=post, report=report).first()
            if match is None:
                scored = pair_score(post=post, report=report)
                match = match_store(
                    post=post,
                    report=report,
                    result=scored.result,
                    level=Match.Level.REVIEW,
                    params_version=scored.params_version,
                )
            PfifRecord.objects.filter(pk=row.pk).update(match=match)
            self.result.wrote(note.record_id, "match to review", match.uid if match else "")


def pfif_import(
    *, incident: Incident, data: bytes, trusted: bool = False, peer: Peer | None = None
) -> ImportResult:
    """Import what is valid, report the rest. Raises pfif.PfifError for an unreadable document.

    One transaction: an unexpected failure leaves nothing behind; a bad record is
    rolled back to its own savepoint and reported. Safe to run twice on the same document.
    """
    return document_import(incident=incident, document=pfif.parse(data), trusted=trusted, peer=peer)


def document_import(
    *, incident: Incident, document: pfif.Document, trusted: bool = False, peer: Peer | None = None
) -> ImportResult:
    result = ImportResult()
    for problem in document.problems:
        result.skip(problem.record_id, problem.reason)
    for problem in document.warnings:
        result.warn(problem.record_id, problem.reason)
    with transaction.atomic():
        importer = _Importer(incident, result, trusted, peer)
        for person in document.persons:
            importer.person(person)
        for note in document.notes:
            importer.note(note)
    logger.info(
        "pfif import into %s: %d written, %d skipped",
        incident.slug,
        len(result.written),
        len(result.skipped),
    )
    return result
