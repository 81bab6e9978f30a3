"""Volunteers' decisions that reach beyond moderation: publishing a record (it is matched
again), confirming a match, linking two posts of one person."""

from django.db import transaction

from reunify.alerts.models import Message
from reunify.alerts.services import message_create
from reunify.board.models import Incident, Post, Report
from reunify.board.services import incident_create
from reunify.matches.models import Match
from reunify.moderation import holds
from reunify.moderation.audit import audit
from reunify.moderation.duplicates import duplicate_pair_link
from reunify.moderation.models import DuplicatePair
from reunify.moderation.roles import require

from .decisions import match_confirm, match_reject
from .following import followers_tell_report
from .matching import matches_share
from .records import post_set_status, record_changed

Record = Post | Report


@transaction.atomic
def record_publish(*, record: Record, by, reason: str = "") -> Record:
    """Publish a held or hidden record, then look for matches again: alerts held back while
    it waited can now go."""
    holds.record_publish(record=record, by=by, reason=reason)
    record_changed(record=record)
    return record


@transaction.atomic
def record_hide(*, record: Record, by, reason: str) -> Record:
    """A volunteer takes a record off the board; whoever posted it is told (not why)."""
    holds.record_hide(record=record, by=by, reason=reason)
    if record.contact_email:
        field = "post" if isinstance(record, Post) else "report"
        message_create(kind=Message.Kind.RECORD_HIDDEN, **{field: record})
    return record


@transaction.atomic
def incident_open(*, by, name: str, slug: str, area: str, description: str = "") -> Incident:
    require(by, "manage_incidents")
    incident = incident_create(name=name, slug=slug, area=area, description=description)
    audit(actor=by, action="incident_open", target=incident)
    return incident


@transaction.atomic
def flags_dismiss(*, record: Record, by, reason: str = "") -> None:
    if holds.flags_dismiss(record=record, by=by, reason=reason):
        record_changed(record=record)


@transaction.atomic
def deceased_approve(*, report: Report, by, reason: str = "") -> Report:
    require(by, "approve_deceased")
    record_publish(record=report, by=by, reason=reason or "death confirmed")
    # Only now, published by a coordinator, may the people following them be told.
    followers_tell_report(report=report)
    return report


@transaction.atomic
def match_review_decide(*, match: Match, confirm: bool, by) -> Match:
    require(by, "work_queues")
    decide = match_confirm if confirm else match_reject
    decide(match=match, decided_by="volunteer")
    action = "match_confirm" if confirm else "match_reject"
    audit(actor=by, action=action, target=f"match:{match.uid}")
    return match


_PROGRESS = [Post.Status.OPEN, Post.Status.FOUND, Post.Status.REUNITED]


@transaction.atomic
def duplicate_link(*, pair: DuplicatePair, by) -> DuplicatePair:
    duplicate_pair_link(pair=pair, by=by)
    # The family whose post is further along (found, reunited) brings the other with it.
    left, right = pair.left, pair.right
    if left.status in _PROGRESS and right.status in _PROGRESS:
        ahead, behind = sorted((left, right), key=lambda p: _PROGRESS.index(p.status))[::-1]
        if ahead.status != behind.status:
            post_set_status(post=behind, status=ahead.status)
    matches_share(posts=[left, right])
    return pair
