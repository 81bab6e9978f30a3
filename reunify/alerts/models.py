import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident, Post, Report
from reunify.matches.models import Match


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Delivery(models.Model):
    """The durable record of one thing to send: the database, not the broker, says what was sent."""

    state = models.CharField(
        max_length=10, choices=DeliveryState, default=DeliveryState.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    # The last delivery error (SMTP reply, HTTP status); why a row was cancelled is apart.
    last_error = models.CharField(max_length=500, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Sent along (Message-ID, Idempotency-Key) so a receiver can spot a repeat.
    idempotency_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set by each claim: rows claimed together (a grouped e-mail) share it, and only the
    # holder of the current claim may record the outcome.
    claim_token = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


def _webhook_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """A partner's system that receives signed alerts (e.g. to forward them by SMS)."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=500)
    # Shared with the partner once; it signs every request (HMAC-SHA256).
    secret = models.CharField(_("secret"), max_length=128, default=_webhook_secret)
    # Empty: every incident.
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")

    def __str__(self) -> str:
        return self.name


class Alert(Delivery):
    """Tells a family (by e-mail) or a partner's system (by webhook) that a likely match appeared."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WEBHOOK = "webhook", _("Webhook")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="alerts")
    channel = models.CharField(max_length=10, choices=Channel, default=Channel.EMAIL)
    subscription = models.ForeignKey(
        WebhookSubscription, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )

    class Meta:
        constraints = [
            # Duplicates are impossible, not unlikely: a re-run or a race hits these.
            models.UniqueConstraint(
                fields=["match", "channel"],
                condition=models.Q(subscription__isnull=True),
                name="one_alert_per_match_channel",
            ),
            models.UniqueConstraint(
                fields=["match", "subscription"],
                condition=models.Q(subscription__isnull=False),
                name="one_alert_per_match_subscription",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"alert {self.pk} ({self.channel}, {self.state})"


class Message(Delivery):
    """Any other e-mail the board sends: secret links and messages relayed between people."""

    class Kind(models.TextChoices):
        POST_LINK = "post_link", _("Management link for a post")
        REPORT_LINK = "report_link", _("Management link for a report")
        INFO_FOR_FAMILY = "info_for_family", _("Information relayed to a family")
        MATCH_CONFIRMED = "match_confirmed", _("A family recognised a reported person")
        FAMILY_TO_REPORTER = "family_to_reporter", _("A family writes to a reporter")
        REPORTER_TO_FAMILY = "reporter_to_family", _("A reporter writes to a family")
        RECORD_HIDDEN = "record_hidden", _("A volunteer took a record off the board")

    kind = models.CharField(max_length=20, choices=Kind)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    match = models.ForeignKey(
        Match, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    body = models.TextField(blank=True)
    # Given only when the sender chose to share it with the recipient.
    reply_email = models.EmailField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.kind}, {self.state})"
