import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident, Post, Report
from reunify.matches.models import Match
from reunify.shelter.models import DoorRequest, Offer


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
    # The partner sends text messages: "I'm safe" messages to phone numbers go to it.
    sends_sms = models.BooleanField(_("sends text messages"), default=False)
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


class Follower(models.Model):
    """Someone who asked to be told what becomes of a person (a post or a report).

    The address is private: it is never shown, and it is erased once the follower has been
    told or has left. The keyed digest stays, so the same address cannot follow twice.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Following")
        TOLD = "told", _("Told")
        LEFT = "left", _("Stopped following")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    email = models.EmailField(blank=True)
    email_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="follower_follows_exactly_one_record",
                condition=Q(post__isnull=False, report__isnull=True)
                | Q(post__isnull=True, report__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["post", "email_digest"],
                condition=Q(post__isnull=False),
                name="one_follower_per_post_address",
            ),
            models.UniqueConstraint(
                fields=["report", "email_digest"],
                condition=Q(report__isnull=False),
                name="one_follower_per_report_address",
            ),
        ]

    def __str__(self) -> str:
        return f"follower {self.pk} ({self.state})"

    @property
    def record(self):
        return self.post if self.post_id else self.report

    def token(self, purpose: str) -> str:
        return salted_hmac(
            f"reunify.follow.{purpose}", str(self.uid), algorithm="sha256"
        ).hexdigest()[:40]

    def check_token(self, token: str, purpose: str) -> bool:
        return constant_time_compare(self.token(purpose), token)


class FollowingClosed(models.Model):
    """A family turned following off for their post: nobody new may follow, nobody is told."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="following_closed")
    closed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"following closed for post {self.post_id}"


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
        FOLLOW_CONFIRM = "follow_confirm", _("Confirm following a person")
        FOLLOWER_NOTICE = "follower_notice", _("A follower is told what became of a person")
        TOLD_SAFE = "told_safe", _("Someone tells their people they are safe")
        DOOR_OFFER_LINK = "door_offer_link", _("A host's private link to their offer")
        DOOR_REQUEST = "door_request", _("Someone asks a host for a place")
        DOOR_ACCEPTED_GUEST = "door_accepted_guest", _("A host accepted: the address, to the guest")
        DOOR_ACCEPTED_HOST = "door_accepted_host", _("A host accepted: the guest's contact")
        DOOR_DECLINED = "door_declined", _("A host could not take someone in")

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
    # Kept when the follower leaves (the row is the record of what was sent).
    follower = models.ForeignKey(
        Follower, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # A recipient who is not a record's contact (a follower, someone told "I'm safe"): the
    # address serves this one delivery and is blanked by the UPDATE that ends it.
    to_email = models.EmailField(blank=True)
    # Or a phone number, passed to the partner whose webhook sends text messages.
    to_phone = models.CharField(max_length=20, blank=True)
    subscription = models.ForeignKey(
        WebhookSubscription, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Its keyed digest stays, to count how often one address was written to.
    to_digest = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(max_length=10, blank=True)
    # Open doors: the offer and the request an e-mail is about (the details it carries are
    # read from them when it is sent, never copied here).
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    door_request = models.ForeignKey(
        DoorRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )

    ERASED_WHEN_DONE = {"to_email": "", "to_phone": ""}

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            # One confirmation and one notice per follower; one "I'm safe" per address told.
            models.UniqueConstraint(
                fields=["follower", "kind"],
                condition=Q(follower__isnull=False),
                name="one_message_per_follower_kind",
            ),
            models.UniqueConstraint(
                fields=["report", "to_digest"],
                condition=Q(kind="told_safe"),
                name="one_told_safe_per_report_address",
            ),
            # Each step of a door request is told once; a host's link is sent once.
            models.UniqueConstraint(
                fields=["door_request", "kind"],
                condition=Q(door_request__isnull=False),
                name="one_message_per_door_request_kind",
            ),
            models.UniqueConstraint(
                fields=["offer"],
                condition=Q(kind="door_offer_link"),
                name="one_link_per_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"message {self.pk} ({self.kind}, {self.state})"
