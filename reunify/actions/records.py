"""Posting a search, reporting someone found or safe, and what a family does with their post."""

from datetime import datetime

from django.db import transaction

from reunify.alerts.models import Message
from reunify.alerts.services import alerts_cancel_for_post, message_create
from reunify.alerts.telling import people_tell
from reunify.board import services as board
from reunify.board.models import Incident, Post, Report
from reunify.moderation.duplicates import linked_posts
from reunify.moderation.holds import record_screen
from reunify.queue import enqueue_on_commit, queue_is_deep

from .following import followers_tell_post, followers_tell_report
from .photos import photos_attach, photos_check
from .tasks import match_post, match_report

Record = Post | Report


def record_changed(*, record: Record, new: bool = False) -> None:
    """Look for matches once the change is committed. The worker that matches also makes the
    record's search keys (actions/matching.py), so a write saves its row and enqueues, no
    more. While the queue is deep, or the incident takes intake only, the record only stays
    pending: the matching sweeper hands it to the workers, a batch at a time, when they have
    room (nothing is refused, nothing is lost)."""
    if not new:  # a new record is pending from its insert
        board.matching_mark_pending(record=record)
    if queue_is_deep() or record.incident.intake_only:
        return
    task = match_post if isinstance(record, Post) else match_report
    enqueue_on_commit(task, record.pk)


def _after_create(record: Record, *, photos: list[bytes], from_partner: bool) -> None:
    photos_attach(record=record, photos=photos)
    if not from_partner:
        record_screen(record=record)
    record_changed(record=record, new=True)
    # The secret management link goes to whoever used the board; a partner's contact,
    # who never did, is not written to.
    if record.contact_email and not from_partner:
        if isinstance(record, Post):
            message_create(kind=Message.Kind.POST_LINK, post=record)
        else:
            message_create(kind=Message.Kind.REPORT_LINK, report=record)


@transaction.atomic
def post_create(
    *,
    incident: Incident,
    photos: list[bytes] = (),
    from_partner: bool = False,
    expires_at: datetime | None = None,
    language: str = "en",
    **fields,
) -> Post:
    """A family's search (fields: board.models.PERSON_FIELDS and POST_FIELDS).
    `from_partner`: sent by a vetted organisation (API key, PFIF feed, coordinator's list),
    so no risk hold and no secret-link e-mail to a contact who never used the board."""
    photos_check(None, list(photos))
    post = board.post_insert(incident=incident, expires_at=expires_at, language=language, **fields)
    _after_create(post, photos=list(photos), from_partner=from_partner)
    return post


@transaction.atomic
def report_create(
    *,
    incident: Incident,
    kind: str,
    photos: list[bytes] = (),
    trusted: bool = False,
    from_partner: bool = False,
    expires_at: datetime | None = None,
    language: str = "en",
    tell_emails: list[str] = (),
    tell_phones: list[str] = (),
    **fields,
) -> Report:
    """Someone found or safe (fields: PERSON_FIELDS, REPORT_FIELDS, condition, source,
    location_public). `trusted`: the source may publish a death (coordinator, or a key
    with the mark_deceased scope). `from_partner`: as for post_create. `tell_emails`,
    `tell_phones`: "tell my people I'm safe", for a safe report."""
    photos_check(None, list(photos))
    report = board.report_insert(
        incident=incident,
        kind=kind,
        trusted=trusted,
        expires_at=expires_at,
        language=language,
        **fields,
    )
    _after_create(report, photos=list(photos), from_partner=from_partner)
    if tell_emails or tell_phones:
        people_tell(report=report, emails=tell_emails, phones=tell_phones)
    return report


@transaction.atomic
def post_update(*, post: Post, **changes) -> Post:
    board.post_update(post=post, **changes)
    record_changed(record=post)
    return post


@transaction.atomic
def report_update(*, report: Report, **changes) -> Report:
    board.report_update(report=report, **changes)
    record_changed(record=report)
    return report


@transaction.atomic
def post_set_status(*, post: Post, status: str, tell_followers: bool = True) -> Post:
    """`tell_followers`: False when the caller tells them itself (or must not yet)."""
    was_open = post.is_open
    board.post_set_status(post=post, status=status)
    if status == Post.Status.OPEN and not was_open:
        record_changed(record=post)  # reopened: look for matches again
    if status != Post.Status.OPEN:
        alerts_cancel_for_post(post=post, reason=f"post {status}")
    if tell_followers:
        followers_tell_post(post=post, status=status)
    _linked_posts_follow(post, status, tell_followers)
    return post


def _linked_posts_follow(post: Post, status: str, tell_followers: bool) -> None:
    """A linked search found or reunited: its linked posts follow (open/closed stay per family)."""
    if status not in (Post.Status.FOUND, Post.Status.REUNITED):
        return
    for other in linked_posts(post):
        if other.status not in (status, Post.Status.CLOSED):
            post_set_status(post=other, status=status, tell_followers=tell_followers)


@transaction.atomic
def report_set_condition(*, report: Report, condition: str, trusted: bool = False) -> Report:
    """A hospital or shelter updates a report: its followers hear "safe" (or a published death)."""
    before = report.condition
    board.report_set_condition(report=report, condition=condition, trusted=trusted)
    if report.condition != before:
        followers_tell_report(report=report)
    return report


@transaction.atomic
def post_stop_alerts(*, post: Post) -> Post:
    board.post_disable_alerts(post=post)
    alerts_cancel_for_post(post=post, reason="family stopped alerts")
    return post


@transaction.atomic
def record_withdraw(*, record: Record) -> Record:
    """Deleted from the management link: off the board now, nothing more sent about it."""
    if board.record_withdraw(record=record) and isinstance(record, Post):
        alerts_cancel_for_post(post=record, reason="post deleted by the family")
    return record
