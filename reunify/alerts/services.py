"""Creating, cancelling and retrying alerts and relayed messages (sending is sending.py)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from reunify.board.cleaning import clean_text
from reunify.board.models import Post, Report
from reunify.matches.models import Match
from reunify.queue import enqueue_on_commit

from .models import Alert, DeliveryState, Message, WebhookSubscription
from .rules import alert_blocked_reason, alert_may_go
from .tasks import send_alert, send_message

logger = logging.getLogger(__name__)

__all__ = ["alert_blocked_reason", "alert_may_go"]


# --- Creating ---------------------------------------------------------------


def _email_due_at(post: Post):
    """When a new e-mail alert for this post may go: now, or at the end of the group window.

    The first candidate goes at once; later ones within the window wait and go out
    together in one e-mail, so a family is not flooded.
    """
    now = timezone.now()
    window = timedelta(seconds=settings.ALERT_GROUP_SECONDS)
    recent = Alert.objects.filter(
        match__post=post, channel=Alert.Channel.EMAIL, subscription__isnull=True
    ).filter(Q(state=DeliveryState.SENT, sent_at__gt=now - window) | Q(state=DeliveryState.SENDING))
    last = max((alert.sent_at or now for alert in recent), default=None)
    return last + window if last else now


def _subscriptions_for(post: Post):
    return WebhookSubscription.objects.filter(active=True).filter(
        Q(incident__isnull=True) | Q(incident_id=post.incident_id)
    )


def _create_once(**fields) -> Alert | None:
    try:
        with transaction.atomic():
            return Alert.objects.create(**fields)
    except IntegrityError:
        return None


def alert_create(*, match: Match) -> Alert | None:
    """One alert per match and channel (and webhook subscription); a second call does nothing.

    Returns the e-mail alert when it was created now.
    """
    due_at = _email_due_at(match.post)
    email = _create_once(match=match, channel=Alert.Channel.EMAIL, next_attempt_at=due_at)
    created = [email] if email else []
    for subscription in _subscriptions_for(match.post):
        created.append(
            _create_once(match=match, channel=Alert.Channel.WEBHOOK, subscription=subscription)
        )
    for alert in created:
        # A held alert has no task: the sweeper sends it when its time comes.
        if alert is not None and alert.next_attempt_at <= timezone.now():
            enqueue_on_commit(send_alert, alert.pk)
    return email


def message_create(
    *,
    kind: str,
    post=None,
    report=None,
    match: Match | None = None,
    body: str = "",
    reply_email: str = "",
    **recipient,
) -> Message:
    """`recipient`: follower, to_email, to_digest, language, for a message that goes to
    someone other than a record's contact."""
    message = Message.objects.create(
        kind=kind,
        post=post,
        report=report,
        match=match,
        body=body,
        reply_email=reply_email,
        **recipient,
    )
    enqueue_on_commit(send_message, message.pk)
    return message


def _cancel(alerts, reason: str) -> int:
    return alerts.filter(state__in=[DeliveryState.PENDING, DeliveryState.SENDING]).update(
        state=DeliveryState.CANCELLED, lease_until=None, cancel_reason=reason
    )


def alerts_cancel_for_post(*, post: Post, reason: str) -> int:
    return _cancel(Alert.objects.filter(match__post=post), reason)


def alerts_cancel_for_match(*, match: Match, reason: str) -> int:
    return _cancel(Alert.objects.filter(match=match), reason)


def messages_blank_for(*, record: Post | Report) -> int:
    """A record wiped by retention: relayed messages quote people, so their words go."""
    field = "post" if isinstance(record, Post) else "report"
    return Message.objects.filter(**{field: record}).update(body="", reply_email="", to_email="")


# --- Relayed messages ---------------------------------------------------------


RELAY_MAX = 3000


def _message_body(body: str) -> str:
    # The board's cleaning step: a relayed message goes into e-mails, never a control character.
    body = clean_text(body, max_length=RELAY_MAX, multiline=True)
    if not body:
        raise ValidationError(gettext("Please write a message."), code="empty")
    return body


@transaction.atomic
def info_relay_create(*, post: Post, body: str, reply_email: str = "") -> Message:
    """Someone has information for a family: the board forwards it, the family's address
    stays private."""
    return message_create(
        kind=Message.Kind.INFO_FOR_FAMILY,
        post=post,
        body=_message_body(body),
        reply_email=reply_email,
    )


@transaction.atomic
def match_message_create(
    *, match: Match, from_family: bool, body: str, reply_email: str = ""
) -> Message:
    """After a confirmed match, the two parties write to each other through the board."""
    kind = Message.Kind.FAMILY_TO_REPORTER if from_family else Message.Kind.REPORTER_TO_FAMILY
    return message_create(
        kind=kind,
        post=match.post,
        report=match.report,
        match=match,
        body=_message_body(body),
        reply_email=reply_email,
    )


def alerts_retry(*, alert_ids: list[int]) -> int:
    """A moderator sends failed alerts again (e.g. after the family corrected an address)."""
    ids = list(
        Alert.objects.filter(pk__in=alert_ids, state=DeliveryState.FAILED).values_list(
            "pk", flat=True
        )
    )
    Alert.objects.filter(pk__in=ids, state=DeliveryState.FAILED).update(
        state=DeliveryState.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        last_error="",
        cancel_reason="",
    )
    for pk in ids:
        enqueue_on_commit(send_alert, pk)
    return len(ids)
