"""Records off the board until a volunteer looks: risk holds, flags, hides, publishing.

Publishing again is not the end of it: a record back on the board must be matched again,
so reunify.actions.volunteers composes these with matching.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from reunify.alerts.services import alerts_cancel_for_post
from reunify.board.cleaning import clean_flag_note
from reunify.board.models import HoldReason, Post, Report, Visibility
from reunify.board.services import record_hold, record_set_visibility

from .audit import audit
from .models import Flag, ModerationDecision, PhotoReuse
from .risk import HOLD_AT, risk_score
from .roles import require

FLAGS_TO_HOLD = 3

Record = Post | Report


def _field(record: Record) -> str:
    return "post" if isinstance(record, Post) else "report"


def record_screen(*, record: Record) -> bool:
    """A new post or report from the public: hold it if it looks risky."""
    score, _reasons = risk_score(record)
    return score >= HOLD_AT and record_hold(record=record, reason=HoldReason.RISK)


def _decide(record: Record, *, action: str, by, reason: str = "") -> None:
    ModerationDecision.objects.create(
        **{_field(record): record}, action=action, decided_by=by, reason=reason
    )
    audit(actor=by, action=action, target=record, reason=reason)


def _close_flags(record: Record, state: str) -> int:
    return Flag.objects.filter(**{_field(record): record}, state=Flag.State.OPEN).update(
        state=state, decided_at=timezone.now()
    )


def _photo_reuses_of(record: Record):
    return PhotoReuse.objects.filter(
        Q(**{f"photo__{_field(record)}": record}), state=PhotoReuse.State.OPEN
    )


def is_death(record: Record) -> bool:
    return isinstance(record, Report) and record.condition == Report.Condition.DECEASED


@transaction.atomic
def record_hide(*, record: Record, by, reason: str) -> Record:
    require(by, "work_queues")
    if not reason.strip():
        raise ValidationError(gettext("Say why the record is hidden."), code="reason")
    record_set_visibility(record=record, visibility=Visibility.HIDDEN)
    _close_flags(record, Flag.State.ACTED)
    _photo_reuses_of(record).update(state=PhotoReuse.State.HIDDEN)
    if isinstance(record, Post):
        alerts_cancel_for_post(post=record, reason="hidden by a moderator")
    _decide(record, action=ModerationDecision.Action.HIDE, by=by, reason=reason.strip())
    return record


@transaction.atomic
def record_publish(*, record: Record, by, reason: str = "") -> Record:
    """Publish a held or hidden record (flags dismissed). A death needs a coordinator."""
    require(by, "work_queues")
    if is_death(record):
        require(by, "approve_deceased")
    record_set_visibility(record=record, visibility=Visibility.PUBLIC)
    _close_flags(record, Flag.State.DISMISSED)
    _photo_reuses_of(record).update(state=PhotoReuse.State.CLEARED)
    _decide(record, action=ModerationDecision.Action.RESTORE, by=by, reason=reason)
    return record


@transaction.atomic
def flags_dismiss(*, record: Record, by, reason: str = "") -> bool:
    """Dismiss the open flags; True when that put a record held by flags back on the board."""
    require(by, "work_queues")
    _close_flags(record, Flag.State.DISMISSED)
    republished = record.visibility == Visibility.HELD and record.hold_reason == HoldReason.FLAGS
    if republished:
        record_set_visibility(record=record, visibility=Visibility.PUBLIC)
    _decide(record, action=ModerationDecision.Action.DISMISS, by=by, reason=reason)
    return republished


def _already_flagged() -> ValidationError:
    return ValidationError(
        gettext("You have already reported this record. A volunteer will look at it."),
        code="already_flagged",
    )


@transaction.atomic
def flag_create(*, record: Record, reason: str, note: str = "", source: str = "") -> Flag:
    """A flag from one reporter (`source`: a keyed hash of their address). A note over the
    limit is refused, not cut; a second open flag from the same reporter is refused."""
    note = clean_flag_note(note)
    mine = Flag.objects.filter(**{_field(record): record}, state=Flag.State.OPEN, source=source)
    if source and mine.exists():
        raise _already_flagged()
    flag = Flag(**{_field(record): record}, reason=reason, note=note, source=source)
    flag.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:  # the same reporter, twice at the same moment
        raise _already_flagged() from None
    open_flags = Flag.objects.filter(**{_field(record): record}, state=Flag.State.OPEN)
    # Several different people flagging the same record take it off the board at once.
    if open_flags.values("source").distinct().count() >= FLAGS_TO_HOLD:
        record_hold(record=record, reason=HoldReason.FLAGS)
    return flag


def flags_forget_notes(*, record: Record) -> int:
    """A record wiped by retention: flag notes may quote the person, so they go."""
    return Flag.objects.filter(**{_field(record): record}).update(note="")
