"""PFIF import into one incident (the export is export.py), on top of reunify.pfif.format.

On import, a person whose first status note says found/alive/dead becomes a Report;
any other person becomes a Post, and its later found/alive/dead notes become Reports
that the matching engine links, exactly as for local records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from reunify.actions.decisions import match_confirm
from reunify.actions.records import post_create, report_create
from reunify.board.cleaning import clean_age
from reunify.board.models import Incident, Report
from reunify.lib.people import is_phone
from reunify.matches.models import Match
from reunify.matches.services import match_store, pair_score

from . import format as pfif
from .models import PfifRecord

logger = logging.getLogger(__name__)


# --- Import ------------------------------------------------------------------


@dataclass
class ImportResult:
    written: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def wrote(self, record_id: str, kind: str, uid) -> None:
        self.written.append({"record_id": record_id, "kind": kind, "uid": str(uid)})

    def skip(self, record_id: str, reason: str) -> None:
        self.skipped.append({"record_id": record_id, "reason": reason})

    def as_dict(self) -> dict:
        return {"written": self.written, "skipped": self.skipped, "warnings": self.warnings}


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        return " ".join(error.messages)
    return str(error)


def _source_expiry(person: pfif.Person) -> datetime | None:
    return pfif.parse_date(person.get("expiry_date"))


def _expired_at_source(person: pfif.Person) -> bool:
    expiry = _source_expiry(person)
    return expiry is not None and expiry <= timezone.now()


class _Importer:
    def __init__(self, incident: Incident, result: ImportResult, trusted: bool):
        self.incident = incident
        self.result = result
        self.trusted = trusted
        self.known = {row.record_id: row for row in PfifRecord.objects.filter(incident=incident)}
        self.links: list[pfif.Note] = []

    # helpers
    def _map(self, record_id: str, source: pfif.Person | pfif.Note, **target) -> None:
        row = PfifRecord.objects.create(
            incident=self.incident,
            record_id=record_id,
            source_name=source.get("source_name")[:200],
            source_url=source.get("source_url")[:500],
            source_date=pfif.parse_date(source.get("source_date")),
            **target,
        )
        self.known[record_id] = row

    def _contact(self, record_id: str, source) -> dict:
        email = source.get("author_email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.result.warnings.append(
                    {"record_id": record_id, "reason": "author_email is not an address; left out"}
                )
                email = ""
        phone = source.get("author_phone")
        if phone and not is_phone(phone):
            # The board's one phone rule (reunify.lib.people), as for the web and the API.
            self.result.warnings.append(
                {"record_id": record_id, "reason": "author_phone is not a phone number; left out"}
            )
            phone = ""
        return {
            "contact_name": source.get("author_name")[:200],
            "contact_email": email,
            "contact_phone": phone,
        }

    def _person_fields(self, person: pfif.Person) -> dict:
        # The board's one age parser, as for the web form, the API and hospital lists: an
        # age it cannot read refuses the record, with the reason, rather than half-saving it.
        try:
            age, age_min, age_max = clean_age(person.get("age"))
        except ValidationError as error:
            raise ValidationError({"age": error.messages}) from None
        return {
            "full_name": person.display_name,
            "alternate_names": "\n".join(person.other_names),
            "age": age,
            "age_min": age_min,
            "age_max": age_max,
            "sex": person.get("sex"),
        }

    def _report_from_note(
        self, note: pfif.Note, names: dict, expires_at: datetime | None
    ) -> Report:
        status = note.get("status")
        dead = status == pfif.STATUSES[4]
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
            **names,
            **self._contact(note.record_id, note),
        )

    # records
    def person(self, person: pfif.Person) -> None:
        consumed: set[str] = set()
        if person.record_id in self.known:
            self.result.skip(person.record_id, "already imported")
        elif person.is_placeholder:
            self.result.skip(person.record_id, "expired record (placeholder only)")
            return
        elif _expired_at_source(person):
            self.result.skip(person.record_id, "expired at its source (expiry_date has passed)")
            return
        else:
            try:
                with transaction.atomic():
                    consumed = self._person_new(person)
            except (ValidationError, IntegrityError) as error:
                self.result.skip(person.record_id, _reason(error))
                return
        row = self.known[person.record_id]
        for note in person.notes:
            if note.record_id not in consumed:
                self.note(note, row)

    def _person_new(self, person: pfif.Person) -> set[str]:
        """Write the person; return the ids of the notes that became part of it."""
        first = next((n for n in person.notes if n.get("status")), None)
        names = self._person_fields(person)
        if first is not None and first.get("status") in pfif.FOUND_STATUSES:
            report = self._report_from_note(first, names, _source_expiry(person))
            self._map(person.record_id, person, report=report)
            self._map(first.record_id, first, report=report, is_note=True)
            self.result.wrote(person.record_id, "report", report.uid)
            return {first.record_id}
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
            expires_at=_source_expiry(person),
            **names,
            **self._contact(person.record_id, person),
        )
        self._map(person.record_id, person, post=post)
        self.result.wrote(person.record_id, "post", post.uid)
        if sought is None or sought.record_id in self.known:
            return set()
        self._map(sought.record_id, sought, post=post, is_note=True)
        return {sought.record_id}

    def note(self, note: pfif.Note, parent: PfifRecord | None) -> None:
        if note.record_id in self.known:
            self.result.skip(note.record_id, "already imported")
            return
        if parent is None:
            parent = self.known.get(note.get("person_record_id"))
        if parent is None:
            self.result.skip(note.record_id, "refers to a person this board does not have")
            return
        if parent.post_id is None:
            self.result.skip(note.record_id, "a later note on a found report is not imported")
            return
        if note.get("linked_person_record_id"):
            self.links.append(note)
            return
        status = note.get("status")
        if status not in pfif.FOUND_STATUSES and note.get("author_made_contact") != "true":
            self.result.skip(note.record_id, f"status {status or 'none'}: nothing to record")
            return
        post = parent.post
        if status not in pfif.FOUND_STATUSES:
            note = pfif.Note({**note.fields, "status": "believed_alive"})
        try:
            with transaction.atomic():
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
                self._map(note.record_id, note, report=report, is_note=True)
        except (ValidationError, IntegrityError) as error:
            self.result.skip(note.record_id, _reason(error))
            return
        self.result.wrote(note.record_id, "report", report.uid)

    def link(self, note: pfif.Note) -> None:
        post_row = self.known.get(note.get("person_record_id"))
        report_row = self.known.get(note.get("linked_person_record_id"))
        if report_row is None or report_row.report_id is None or post_row.post_id is None:
            status = note.get("status")
            if status in pfif.FOUND_STATUSES or note.get("author_made_contact") == "true":
                # The linked record is not here: keep what the note says as a report.
                return self.note(pfif.Note({**note.fields, "linked_person_record_id": ""}), None)
            self.result.skip(note.record_id, "links to a person this board does not have")
            return
        post, report = post_row.post, report_row.report
        with transaction.atomic():
            scored = pair_score(post=post, report=report)
            level, version = scored.result.level, scored.params_version
            match = (
                match_store(
                    post=post,
                    report=report,
                    result=scored.result,
                    level=level,
                    params_version=version,
                )
                or Match.objects.filter(post=post, report=report).first()
            )
            if match is None:
                self.result.skip(note.record_id, "the linked records do not look alike here")
                return
            match_confirm(match=match, decided_by="pfif")
            self._map(note.record_id, note, match=match, is_note=True)
        self.result.wrote(note.record_id, "match", match.uid)


def pfif_import(*, incident: Incident, data: bytes, trusted: bool = False) -> ImportResult:
    """Import what is valid, report the rest. Raises pfif.PfifError for an unreadable document.

    One transaction: an unexpected failure leaves nothing behind; a bad record is
    rolled back to its own savepoint and reported.
    """
    document = pfif.parse(data)
    result = ImportResult()
    for problem in document.problems:
        result.skip(problem.record_id, problem.reason)
    with transaction.atomic():
        importer = _Importer(incident, result, trusted)
        for person in document.persons:
            importer.person(person)
        for note in document.notes:
            importer.note(note, None)
        for note in importer.links:
            importer.link(note)
    logger.info(
        "pfif import into %s: %d written, %d skipped",
        incident.slug,
        len(result.written),
        len(result.skipped),
    )
    return result
