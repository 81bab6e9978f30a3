"""Open doors (#PorteOuverte): people and organisations offering a safe place for a night.

Public: a first name or an organisation, a district, places, until when, what is possible.
Private: the exact address and the host's contact, sent by e-mail to a guest the host
accepted, never shown on a page.
"""

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident

MAX_PLACES = 50


def _new_secret() -> str:
    return secrets.token_hex(16)


class DoorsSettings(models.Model):
    """Open doors for one incident, set by a coordinator."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="doors")
    # Approximate areas only: a host picks one, so no address is ever typed in public.
    districts = models.TextField(_("districts or neighbourhoods"), help_text=_("One per line."))
    offer_hours = models.PositiveSmallIntegerField(
        _("hours an offer stays up at most"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
    )
    moderate_private_offers = models.BooleanField(
        _("a volunteer checks offers from private people before they are listed"), default=False
    )

    class Meta:
        verbose_name = _("open doors settings")

    def __str__(self) -> str:
        return f"open doors for {self.incident_id}"

    @property
    def district_list(self) -> list[str]:
        return [line.strip() for line in self.districts.splitlines() if line.strip()]


class VerifiedOrganisation(models.Model):
    """An organisation a coordinator vouched for; its offers are shown as verified."""

    name = models.CharField(_("name"), max_length=200)
    # A keyed digest of its contact e-mail: later offers from that address are verified too.
    email_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    class HostKind(models.TextChoices):
        PERSON = "person", _("A private person")
        ORGANISATION = "organisation", _("An organisation")

    class State(models.TextChoices):
        HELD = "held", _("Waiting for a volunteer")
        OPEN = "open", _("Open")
        FULL = "full", _("Full")
        CLOSED = "closed", _("Closed by the host")
        HIDDEN = "hidden", _("Hidden by a moderator")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="offers")
    host_kind = models.CharField(_("who offers"), max_length=12, choices=HostKind)
    host_name = models.CharField(_("first name or organisation"), max_length=100)
    district = models.CharField(_("area"), max_length=100)
    capacity = models.PositiveSmallIntegerField(
        _("how many people"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    places_left = models.PositiveSmallIntegerField()
    available_until = models.DateTimeField(_("until when"), db_index=True)
    languages = models.CharField(_("languages spoken"), max_length=100, blank=True)
    children = models.BooleanField(_("children welcome"), default=False)
    pets = models.BooleanField(_("pets welcome"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    verified = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State, default=State.OPEN, db_index=True)
    # Private: sent to an accepted guest by e-mail, never rendered on a page.
    address = models.TextField(_("exact address"))
    contact_email = models.EmailField(_("your e-mail"))
    contact_phone = models.CharField(_("your phone"), max_length=40, blank=True)
    contact_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, default="en")
    manage_salt = models.CharField(max_length=32, default=_new_secret, editable=False)
    # Set when the private details were erased after the offer ended.
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["district", "-available_until"]
        indexes = [models.Index(fields=["incident", "state", "available_until"])]
        constraints = [
            models.CheckConstraint(
                name="offer_places_within_capacity",
                condition=models.Q(places_left__lte=models.F("capacity")),
            )
        ]
        verbose_name = _("open door")
        verbose_name_plural = _("open doors")

    def __str__(self) -> str:
        return f"offer {self.uid} ({self.state})"

    @property
    def is_listed(self) -> bool:
        return self.state == self.State.OPEN and self.available_until > timezone.now()

    def secret_token(self, purpose: str = "manage") -> str:
        return salted_hmac(
            f"reunify.door.{purpose}", f"{self.uid}:{self.manage_salt}", algorithm="sha256"
        ).hexdigest()[:40]

    def check_secret_token(self, token: str, purpose: str = "manage") -> bool:
        return constant_time_compare(self.secret_token(purpose), token)


class DoorRequest(models.Model):
    """Someone stranded asks a host for places, through the board."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the host")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="requests")
    people = models.PositiveSmallIntegerField(
        _("how many people"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    message = models.TextField(_("a message for the host"), max_length=1000)
    # Private: passed to the host by e-mail only once they accept.
    contact_name = models.CharField(_("your name"), max_length=100)
    contact_email = models.EmailField(_("your e-mail"))
    contact_phone = models.CharField(_("your phone"), max_length=40, blank=True)
    contact_digest = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=10, default="en")
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"door request {self.uid} ({self.state})"


class OfferFlag(models.Model):
    """Anyone can flag an offer, as a post; several people flagging it take it off the list."""

    class Reason(models.TextChoices):
        HOAX = "hoax", _("False or a hoax")
        SPAM = "spam", _("Spam or advertising")
        SAFETY = "safety", _("Puts someone's privacy or safety at risk")
        OFFENSIVE = "offensive", _("Offensive")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        ACTED = "acted", _("Offer hidden")
        DISMISSED = "dismissed", _("Dismissed")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("what is wrong?"), max_length=10, choices=Reason)
    note = models.TextField(_("anything a volunteer should know (optional)"), blank=True)
    # A keyed hash of the flagger's IP, never the address itself.
    source = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "source"],
                condition=~models.Q(source=""),
                name="one_flag_per_offer_source",
            )
        ]

    def __str__(self) -> str:
        return f"offer flag {self.pk} ({self.reason})"
