"""Sending one alert or message: claim the row, check it may still go, send, record.

Safe to run twice for the same row: a claim is a conditional UPDATE (delivery.py), and the
outcome is recorded by the holder of the claim only.
"""

import json
import logging
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Post
from reunify.matches.models import Match
from reunify.shelter.models import DoorRequest, Offer

from . import delivery
from .channels import DeliveryError, Email, EmailChannel, Webhook, WebhookChannel, message_id_for
from .emails import render_email
from .models import Alert, Message
from .rules import alert_blocked_reason

logger = logging.getLogger(__name__)

CHANNELS = {Alert.Channel.EMAIL: EmailChannel(), Alert.Channel.WEBHOOK: WebhookChannel()}


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _alert_cancel_reason(alert: Alert) -> str:
    match = alert.match
    reason = alert_blocked_reason(post=match.post, report=match.report, match=match)
    if reason:
        return reason
    if alert.channel == Alert.Channel.WEBHOOK:
        return "" if alert.subscription.active else "subscription inactive"
    if not match.post.contact_email:
        return "no e-mail address"
    return ""


def alert_deliver(*, alert_id: int) -> str:
    """Send one alert (with the post's other waiting alerts) if it is due; safe to repeat."""
    alert = delivery.claim(Alert, alert_id)
    if alert is None:
        return "not-claimed"
    # Re-read now, right before sending: the family may have closed the post or said stop.
    reason = _alert_cancel_reason(alert)
    if reason:
        delivery.mark_cancelled(alert, reason)
        return "cancelled"
    if alert.channel == Alert.Channel.WEBHOOK:
        return _send(alert, CHANNELS[alert.channel], _webhook_for(alert))
    group = _email_group(alert)
    return _send(alert, CHANNELS[alert.channel], _email_for(group))


def _email_group(lead: Alert) -> list[Alert]:
    """Claim the post's other waiting e-mail alerts into this one; drop the ones to cancel."""
    siblings = Alert.objects.filter(
        match__post_id=lead.match.post_id, channel=Alert.Channel.EMAIL, subscription__isnull=True
    )
    group = []
    for alert in delivery.claim_also(siblings, lead):
        if alert.pk != lead.pk and alert.match.state == Match.State.REJECTED:
            delivery.mark_cancelled(alert, "match rejected")
        else:
            group.append(alert)
    return sorted(group, key=lambda alert: (-alert.match.score, alert.pk))


def _review_url(match: Match) -> str:
    return absolute_url(reverse("board:match-review", args=[match.uid, match.review_token()]))


def _stop_url(post: Post) -> str:
    return absolute_url(
        reverse("board:post-stop-alerts", args=[post.uid, post.secret_token("stop")])
    )


def group_message_id(keys) -> str:
    """The same alerts give the same Message-ID on every attempt, grouped or not."""
    keys = sorted(str(key) for key in keys)
    if len(keys) == 1:
        return message_id_for(keys[0])
    return message_id_for(uuid.uuid5(uuid.NAMESPACE_URL, ",".join(keys)))


def _email_for(group: list[Alert]) -> Email:
    matches = [alert.match for alert in group]
    post = matches[0].post
    context = {
        "post": post,
        "match": matches[0],
        "review_url": _review_url(matches[0]),
        "candidates": [{"match": match, "review_url": _review_url(match)} for match in matches],
        "stop_url": _stop_url(post),
    }
    subject, text, html = render_email("match_alert", context, post.language)
    keys = [str(alert.idempotency_key) for alert in group]
    return Email(
        to=post.contact_email,
        subject=subject,
        text=text,
        html=html,
        message_id=group_message_id(keys),
        # Lets a receiver (and the fault suite) count deliveries per alert.
        headers={"X-Reunify-Alerts": ",".join(sorted(keys))},
    )


def _webhook_for(alert: Alert) -> Webhook:
    match = alert.match
    post = match.post
    # No private contact details: the partner gets what the public board shows, plus the
    # family's review and stop links to pass on.
    payload = {
        "event": "match.likely",
        "id": str(alert.idempotency_key),
        "incident": post.incident.slug,
        "post": {"uid": str(post.uid), "full_name": post.full_name, "language": post.language},
        "report": {"uid": str(match.report.uid)},
        "match": {"uid": str(match.uid), "score": match.score, "level": match.level},
        "review_url": _review_url(match),
        "stop_url": _stop_url(post),
    }
    return Webhook(
        url=alert.subscription.url,
        secret=alert.subscription.secret,
        body=json.dumps(payload, sort_keys=True).encode(),
        idempotency_key=str(alert.idempotency_key),
    )


def _send(row, channel, outgoing) -> str:
    delivery.ready_to_record()
    try:
        # `sent` is recorded the moment the receiver accepts, inside the channel.
        channel.send(outgoing, on_accepted=lambda: delivery.mark_sent(row))
    except DeliveryError as exc:
        delivery.mark_failed(row, str(exc), permanent=exc.permanent)
        logger.warning("%s %s failed: %s", type(row).__name__, row.pk, exc)
        return "failed"
    return "sent"


def _message_recipient(message: Message):
    """The record whose private contact receives the message."""
    to_family = {
        Message.Kind.POST_LINK,
        Message.Kind.INFO_FOR_FAMILY,
        Message.Kind.REPORTER_TO_FAMILY,
    }
    if message.kind == Message.Kind.RECORD_HIDDEN:
        return message.post or message.report
    return message.post if message.kind in to_family else message.report


def _message_context(message: Message) -> dict:
    context = {"message": message, "post": message.post, "report": message.report}
    if message.post is not None:
        post = message.post
        context["manage_url"] = absolute_url(
            reverse("board:post-manage", args=[post.uid, post.secret_token()])
        )
    if message.report is not None:
        report = message.report
        context["report_manage_url"] = absolute_url(
            reverse("board:report-manage", args=[report.uid, report.secret_token()])
        )
    if message.match is not None:
        match = message.match
        context["review_url"] = absolute_url(
            reverse("board:match-review", args=[match.uid, match.review_token()])
        )
    return context


# Messages to someone who is not a record's contact: the address is on the message itself.
DIRECT_KINDS = {
    Message.Kind.FOLLOW_CONFIRM,
    Message.Kind.FOLLOWER_NOTICE,
    Message.Kind.TOLD_SAFE,
}
DOOR_KINDS = {
    Message.Kind.DOOR_OFFER_LINK,
    Message.Kind.DOOR_REQUEST,
    Message.Kind.DOOR_ACCEPTED_GUEST,
    Message.Kind.DOOR_ACCEPTED_HOST,
    Message.Kind.DOOR_DECLINED,
}


def _door_context(message: Message) -> dict:
    offer = message.offer
    return {
        "message": message,
        "offer": offer,
        "door_request": message.door_request,
        "manage_url": absolute_url(reverse("doors:manage", args=[offer.uid, offer.secret_token()])),
        "list_url": absolute_url(reverse("doors:list", args=[offer.incident.slug])),
    }


def _door_cancel_reason(message: Message) -> str:
    offer, door_request = message.offer, message.door_request
    if not message.to_email or offer is None or offer.erased_at:
        return "no e-mail address"
    # A request to a host whose offer was hidden, or already answered, is not passed on.
    if message.kind == Message.Kind.DOOR_REQUEST:
        if offer.state == Offer.State.HIDDEN:
            return "offer hidden"
        if door_request.state != DoorRequest.State.PENDING:
            return "request already answered"
    return ""


def _door_deliver(message: Message) -> str:
    reason = _door_cancel_reason(message)
    if reason:
        delivery.mark_cancelled(message, reason)
        return "cancelled"
    subject, text, html = render_email(message.kind, _door_context(message), message.language)
    email = Email(
        to=message.to_email,
        subject=subject,
        text=text,
        html=html,
        message_id=message_id_for(message.idempotency_key),
    )
    return _send(message, EmailChannel(), email)


def _direct_context(message: Message) -> dict:
    record = message.post or message.report
    name = "board:post-detail" if message.post_id else "board:report-detail"
    context = {
        "message": message,
        "record": record,
        "record_url": absolute_url(reverse(name, args=[record.uid])),
    }
    if message.follower is not None:
        follower = message.follower
        context["confirm_url"] = absolute_url(
            reverse("board:follow-confirm", args=[follower.uid, follower.token("confirm")])
        )
        context["unfollow_url"] = absolute_url(
            reverse("board:follow-leave", args=[follower.uid, follower.token("leave")])
        )
    return context


def _direct_wait_reason(message: Message) -> tuple[str, bool]:
    """(reason, permanent) when the message cannot go now; ("", False) when it can."""
    record = message.post or message.report
    if not (message.to_email or message.to_phone) or record is None:
        return "no address", True
    if message.to_phone and not (message.subscription and message.subscription.active):
        return "subscription inactive", True
    if message.kind != Message.Kind.TOLD_SAFE and message.follower is None:
        return "unfollowed", True
    if record.is_held:
        # A record waiting for a volunteer tells nobody yet; once published it can.
        return "record waiting for review", False
    if not record.is_public:
        return "record not public", True
    return "", False


def _direct_deliver(message: Message) -> str:
    reason, permanent = _direct_wait_reason(message)
    if reason and permanent:
        delivery.mark_cancelled(message, reason)
        return "cancelled"
    if reason:
        # Looked at again every few sweeps until a volunteer publishes or hides it.
        delivery.defer(message, 5 * settings.SWEEP_INTERVAL_SECONDS, reason)
        return "deferred"
    context = _direct_context(message)
    subject, text, html = render_email(message.kind, context, message.language)
    if message.to_phone:
        return _send(message, WebhookChannel(), _sms_webhook_for(message, subject, context))
    email = Email(
        to=message.to_email,
        subject=subject,
        text=text,
        html=html,
        message_id=message_id_for(message.idempotency_key),
    )
    if message.follower is not None:
        # One click in the mail program stops it (RFC 8058).
        headers = {"List-Unsubscribe": f"<{context['unfollow_url']}>"}
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        email = Email(**{**email.__dict__, "headers": headers})
    return _send(message, EmailChannel(), email)


def _sms_webhook_for(message: Message, text: str, context: dict) -> Webhook:
    """A partner who sends text messages gets the number, the text and the public link."""
    payload = {
        "event": "person.safe",
        "id": str(message.idempotency_key),
        "to_phone": message.to_phone,
        "language": message.language,
        "text": f"{text} {context['record_url']}",
        "report": {"uid": str(message.report.uid), "url": context["record_url"]},
    }
    return Webhook(
        url=message.subscription.url,
        secret=message.subscription.secret,
        body=json.dumps(payload, sort_keys=True).encode(),
        idempotency_key=str(message.idempotency_key),
    )


def message_deliver(*, message_id: int) -> str:
    message = delivery.claim(Message, message_id)
    if message is None:
        return "not-claimed"
    if message.kind in DIRECT_KINDS:
        return _direct_deliver(message)
    if message.kind in DOOR_KINDS:
        return _door_deliver(message)
    recipient = _message_recipient(message)
    if recipient is None or not recipient.contact_email:
        delivery.mark_cancelled(message, "no e-mail address")
        return "cancelled"
    subject, text, html = render_email(message.kind, _message_context(message), recipient.language)
    email = Email(
        to=recipient.contact_email,
        subject=subject,
        text=text,
        html=html,
        message_id=message_id_for(message.idempotency_key),
        reply_to=message.reply_email,
    )
    return _send(message, EmailChannel(), email)


# --- Due work -------------------------------------------------------------------


def deliveries_due(now=None, *, stuck_only: bool = False) -> tuple[list[int], list[int]]:
    now = now or timezone.now()
    condition = delivery.stuck_filter(now) if stuck_only else delivery.due_filter(now)
    alerts = list(Alert.objects.filter(condition).values_list("pk", flat=True))
    messages = list(Message.objects.filter(condition).values_list("pk", flat=True))
    return alerts, messages


def deliveries_drain() -> dict[str, int]:
    """Embedded mode: deliver everything due, in this process."""
    counts: dict[str, int] = {}
    alerts, messages = deliveries_due()
    for pk in alerts:
        outcome = alert_deliver(alert_id=pk)
        counts[outcome] = counts.get(outcome, 0) + 1
    for pk in messages:
        outcome = message_deliver(message_id=pk)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
