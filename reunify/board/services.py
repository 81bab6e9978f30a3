"""Every write to incidents, posts and reports goes through these functions.

They change board rows only. What a change means for the apps above (matching again,
cancelling alerts, telling a family) is composed in reunify.actions, which calls these.
"""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from .cleaning import record_fields_clean
from .models import (
    PERSON_FIELDS,
    POST_FIELDS,
    REPORT_FIELDS,
    HoldReason,
    Incident,
    Post,
    Report,
    Visibility,
)
from .pages import BOARD_SCOPE, pages_touch, record_pages_touch

logger = logging.getLogger(__name__)

Record = Post | Report


# --- Incidents --------------------------------------------------------------


def incident_create(
    *, name: str, slug: str, area: str, status: str = Incident.Status.ACTIVE, description: str = ""
) -> Incident:
    incident = Incident(name=name, slug=slug, area=area, status=status, description=description)
    incident.full_clean()
    incident.save()
    return incident


def incident_update(*, incident: Incident, **changes) -> Incident:
    for field, value in changes.items():
        setattr(incident, field, value)
    incident.full_clean()
    incident.save(update_fields=list(changes))
    pages_touch(scopes=[BOARD_SCOPE])
    return incident


# --- Retention dates --------------------------------------------------------


def expiry_for(incident: Incident, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=incident.retention_days)


def _expiry(incident: Incident, source_expiry: datetime | None) -> datetime:
    """The incident's retention, or sooner when the record's source says so (a PFIF
    expiry_date): a copy must never outlive the original."""
    ours = expiry_for(incident)
    return min(ours, source_expiry) if source_expiry is not None else ours


# --- Posts and reports --------------------------------------------------------


def _require_open(incident: Incident, message: str) -> None:
    if not incident.is_open_for_posts:
        raise ValidationError(message, code="closed")


def _full_clean_new(record: Record) -> None:
    # Every field checked, without two queries: the incident is a saved row the caller holds
    # (the foreign key enforces it anyway), and the uid was just drawn at random (its unique
    # index enforces that).
    record.full_clean(exclude=["incident"], validate_unique=False)


def post_insert(
    *, incident: Incident, expires_at: datetime | None = None, language: str = "en", **fields
) -> Post:
    """Save a family's search (fields: PERSON_FIELDS and POST_FIELDS)."""
    _require_open(incident, gettext("This incident is not accepting posts."))
    fields = record_fields_clean(fields)
    post = Post(
        incident=incident,
        language=language,
        expires_at=_expiry(incident, expires_at),
        match_pending_since=timezone.now(),
        **fields,
    )
    _full_clean_new(post)
    post.save()
    record_pages_touch(record=post, new=True)
    return post


def pfif_status_for(*, kind: str, condition: str) -> str:
    if kind == Report.Kind.SAFE:
        return Report.PfifStatus.IS_NOTE_AUTHOR
    if condition == Report.Condition.DECEASED:
        return Report.PfifStatus.BELIEVED_DEAD
    return Report.PfifStatus.BELIEVED_ALIVE


def report_insert(
    *,
    incident: Incident,
    kind: str,
    condition: str = Report.Condition.SAFE,
    source: str = "",
    trusted: bool = False,
    expires_at: datetime | None = None,
    language: str = "en",
    **fields,
) -> Report:
    """Save a found or safe report (fields: PERSON_FIELDS and REPORT_FIELDS). `trusted`:
    the source may publish a death (coordinator, or a key with the mark_deceased scope)."""
    _require_open(incident, gettext("This incident is not accepting reports."))
    if kind == Report.Kind.SAFE:
        source, condition = Report.Source.SELF, Report.Condition.SAFE
    fields = record_fields_clean(fields)
    report = Report(
        incident=incident,
        kind=kind,
        condition=condition,
        source=source,
        pfif_status=pfif_status_for(kind=kind, condition=condition),
        language=language,
        expires_at=_expiry(incident, expires_at),
        match_pending_since=timezone.now(),
        **fields,
    )
    # A death reported by a member of the public is never published on its own word.
    if condition == Report.Condition.DECEASED and not trusted:
        report.visibility, report.hold_reason = Visibility.HELD, HoldReason.DECEASED
    _full_clean_new(report)
    report.save()
    record_pages_touch(record=report, new=True)
    return report


POST_EDITABLE_FIELDS = (*PERSON_FIELDS, *POST_FIELDS)


def post_update(*, post: Post, **changes) -> Post:
    unknown = set(changes) - set(POST_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    changes = record_fields_clean(changes)
    for field, value in changes.items():
        setattr(post, field, value)
    post.full_clean()
    post.save(update_fields=[*changes, "updated_at"])
    record_pages_touch(record=post)
    return post


REPORT_EDITABLE_FIELDS = (*PERSON_FIELDS, *REPORT_FIELDS)


def report_update(*, report: Report, **changes) -> Report:
    """A newer version of a report sent by its source (a PFIF update)."""
    unknown = set(changes) - set(REPORT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(report, field, value)
    report.full_clean()
    report.save(update_fields=[*changes, "updated_at"])
    record_pages_touch(record=report)
    return report


def post_set_status(*, post: Post, status: str) -> Post:
    post.status = status
    post.save(update_fields=["status", "updated_at"])
    record_pages_touch(record=post)
    return post


def post_disable_alerts(*, post: Post) -> Post:
    post.alerts_enabled = False
    post.save(update_fields=["alerts_enabled", "updated_at"])
    return post


def report_set_condition(*, report: Report, condition: str, trusted: bool = False) -> Report:
    """A hospital or shelter updates what it reported (e.g. injured -> safe)."""
    if condition not in Report.Condition.values:
        raise ValidationError({"condition": [gettext("Unknown condition.")]}, code="invalid")
    report.condition = condition
    report.pfif_status = pfif_status_for(kind=report.kind, condition=condition)
    fields = ["condition", "pfif_status", "updated_at"]
    # The same rule as report_insert: a death is published only on a trusted word, and it
    # waits in the deaths queue like any other.
    if condition == Report.Condition.DECEASED and not trusted and report.is_public:
        report.visibility, report.hold_reason = Visibility.HELD, HoldReason.DECEASED
        fields += ["visibility", "hold_reason"]
    report.save(update_fields=fields)
    record_pages_touch(record=report)
    return report


# --- Visibility ---------------------------------------------------------------


def record_set_visibility(*, record: Record, visibility: str, hold_reason: str = "") -> Record:
    record.visibility, record.hold_reason = visibility, hold_reason
    record.save(update_fields=["visibility", "hold_reason", "updated_at"])
    record_pages_touch(record=record)
    return record


def record_hold(*, record: Record, reason: str) -> bool:
    """Take a public record off the board until a volunteer looks at it."""
    if record.visibility != Visibility.PUBLIC:
        return False
    record_set_visibility(record=record, visibility=Visibility.HELD, hold_reason=reason)
    logger.info("held %s %s (%s)", type(record).__name__.lower(), record.uid, reason)
    return True


# --- The poster's own retention controls -----------------------------------------


def record_extend(*, record: Record) -> Record:
    """The poster keeps the record for another retention period, counted from today."""
    record.expires_at = expiry_for(record.incident)
    record.save(update_fields=["expires_at", "updated_at"])
    return record


def record_withdraw(*, record: Record) -> bool:
    """Delete from the management link: off the board now, data gone after the restore
    window. False when it was already withdrawn."""
    if record.visibility == Visibility.WITHDRAWN:
        return False
    record.restore_visibility = record.visibility
    record.visibility, record.deleted_at = Visibility.WITHDRAWN, timezone.now()
    record.save(update_fields=["visibility", "restore_visibility", "deleted_at", "updated_at"])
    record_pages_touch(record=record)
    return True


def record_unwithdraw(*, record: Record) -> Record:
    if record.visibility != Visibility.WITHDRAWN or record.purged_at:
        return record
    record.visibility = record.restore_visibility or Visibility.PUBLIC
    record.restore_visibility, record.deleted_at = "", None
    record.save(update_fields=["visibility", "restore_visibility", "deleted_at", "updated_at"])
    record_pages_touch(record=record)
    return record


def record_wipe(*, record: Record) -> None:
    """Blank personal data; keep the uid, incident and dates a PFIF placeholder needs."""
    own = POST_FIELDS if isinstance(record, Post) else REPORT_FIELDS
    blank = {name: Post._meta.get_field(name).get_default() for name in PERSON_FIELDS}
    blank |= {name: type(record)._meta.get_field(name).get_default() for name in own}
    now = timezone.now()
    type(record).objects.filter(pk=record.pk).update(
        **blank, visibility=Visibility.HIDDEN, hold_reason="", purged_at=now, updated_at=now
    )
    record_pages_touch(record=record)


# --- Matching bookkeeping (the matcher's "work to do" row is the record itself) ---------


def matching_mark_pending(*, record: Record) -> None:
    type(record).objects.filter(pk=record.pk).update(match_pending_since=timezone.now())


def matching_mark_done(*, model, pks: list[int], started: datetime) -> None:
    # Only the version the matcher saw is done: a change made meanwhile stays pending.
    done = model.objects.filter(pk__in=pks, match_pending_since__lte=started)
    done.update(match_pending_since=None)
