import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from reunify.lib.people import MAX_AGE

DEFAULT_RETENTION_DAYS = 60
# In "active danger", a sighting more recent than this says where someone is now.
RECENT_SIGHTING = timedelta(hours=1)


# The fields a post and a report share about a person (and their private contact), then
# each one's own. Editing, wiping and interchange all read these lists.
PERSON_FIELDS = (
    "full_name",
    "alternate_names",
    "age",
    "age_min",
    "age_max",
    "sex",
    "contact_name",
    "contact_email",
    "contact_phone",
)
POST_FIELDS = ("description", "last_seen_place", "last_seen_at")
REPORT_FIELDS = ("message", "current_location")


def _new_secret() -> str:
    return secrets.token_hex(16)


class Incident(models.Model):
    class Status(models.TextChoices):
        STAGING = "staging", _("Staging")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    area = models.CharField(_("area"), max_length=200, help_text=_("City, region or country."))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.STAGING)
    description = models.TextField(_("description"), blank=True)
    # How long a post or report stays before its personal data is wiped (the poster can extend).
    retention_days = models.PositiveSmallIntegerField(
        _("days a record is kept"), default=DEFAULT_RETENTION_DAYS
    )
    # Switched on by a coordinator when the incident's forms are under attack.
    proof_of_work = models.BooleanField(_("ask browsers for a proof of work"), default=False)
    # During an attack people hide, and a public "in the back room of …" can find them (and
    # leak police operations): every current location and every recent sighting goes dark.
    active_danger = models.BooleanField(
        _("active danger: hide every current location and every sighting under an hour old"),
        default=False,
    )
    # Switched on by a coordinator under a surge: reports and posts are still accepted, pages
    # come from the cache even when a little old, and matching waits for the sweeper.
    intake_only = models.BooleanField(
        _("intake only"),
        default=False,
        help_text=_(
            "Under heavy load: keep accepting reports and searches, serve pages from the "
            "cache, and look for matches a little later."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open_for_posts(self) -> bool:
        return self.status == self.Status.ACTIVE


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    # Held records wait for a volunteer before anyone else can see them.
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by a moderator")
    # Deleted by its poster; restorable until the restore window ends, then purged.
    WITHDRAWN = "withdrawn", _("Deleted by its poster")


class HoldReason(models.TextChoices):
    RISK = "risk", _("Waiting for a volunteer to check it")
    FLAGS = "flags", _("Reported by several people")
    PHOTO = "photo", _("A photo is also on another record")
    DECEASED = "deceased", _("A report of death, checked by a coordinator")


class PersonFields(models.Model):
    """What a missing-person post and a found report both say about a person."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200)
    alternate_names = models.TextField(
        _("other names or spellings"), blank=True, help_text=_("One per line.")
    )
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    age_min = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    age_max = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)]
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex, blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.PUBLIC)
    # Private: never rendered on a public page nor returned by a public API.
    contact_name = models.CharField(_("your name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("your e-mail"), blank=True)
    contact_phone = models.CharField(_("your phone"), max_length=40, blank=True)
    language = models.CharField(max_length=10, default="en")
    # Where a record sent by another system came from (a partner's or a peer board's name),
    # shown as "from …"; empty for records made here.
    origin = models.CharField(max_length=200, blank=True)
    # Rotating the salt revokes every secret link made from it.
    manage_salt = models.CharField(max_length=32, default=_new_secret, editable=False)
    # Why a record is held (shown to its poster), empty when it is not held.
    hold_reason = models.CharField(max_length=10, choices=HoldReason, blank=True)
    # Retention: personal data is wiped after expires_at, or after the restore window
    # that follows deleted_at; purged_at marks the PFIF placeholder left behind.
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    restore_visibility = models.CharField(max_length=10, choices=Visibility, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    # Set when the record changes, cleared when the matcher has run on that version: a
    # matching task lost with the broker's queue is found again by the sweeper.
    match_pending_since = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name

    @property
    def alternate_name_list(self) -> list[str]:
        return [line.strip() for line in self.alternate_names.splitlines() if line.strip()]

    @property
    def age_label(self) -> str:
        if self.age is not None:
            return str(self.age)
        if self.age_min is not None and self.age_max is not None:
            return f"{self.age_min}–{self.age_max}"
        if self.age_min is not None:
            return f"{self.age_min}+"
        if self.age_max is not None:
            return f"≤{self.age_max}"
        return ""

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_held(self) -> bool:
        return self.visibility == Visibility.HELD

    @property
    def is_withdrawn(self) -> bool:
        return self.visibility == Visibility.WITHDRAWN

    def secret_token(self, purpose: str = "manage") -> str:
        return salted_hmac(
            f"reunify.{purpose}", f"{self.uid}:{self.manage_salt}", algorithm="sha256"
        ).hexdigest()[:40]

    def check_secret_token(self, token: str, purpose: str = "manage") -> bool:
        return constant_time_compare(self.secret_token(purpose), token)


def _contact_indexes(model: str) -> list[models.Index]:
    # The risk check counts the last hour's records from the same phone or e-mail on every
    # new record: without these, each "I'm safe" in a surge would read the whole table.
    return [
        models.Index(fields=["contact_phone", "created_at"], name=f"board_{model}_phone_recent"),
        models.Index(Upper("contact_email"), "created_at", name=f"board_{model}_email_recent"),
    ]


class Post(PersonFields):
    """A family's search for a missing person."""

    class Status(models.TextChoices):
        OPEN = "open", _("Missing")
        FOUND = "found", _("Found")
        REUNITED = "reunited", _("Reunited")
        CLOSED = "closed", _("Closed")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="posts")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    description = models.TextField(_("physical description"), blank=True)
    last_seen_place = models.CharField(_("where last seen"), max_length=200, blank=True)
    last_seen_at = models.DateTimeField(_("when last seen"), null=True, blank=True)
    alerts_enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["incident", "status", "visibility"]),
            *_contact_indexes("post"),
        ]
        verbose_name = _("missing-person post")
        verbose_name_plural = _("missing-person posts")

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def sighting_hidden(self) -> bool:
        """A last sighting under an hour old, in an incident in active danger: where and when
        are kept off every public page, the API and PFIF (they say where someone is now)."""
        return bool(
            self.incident.active_danger
            and self.last_seen_at
            and self.last_seen_at > timezone.now() - RECENT_SIGHTING
        )

    @property
    def public_last_seen_at(self):
        return None if self.sighting_hidden else self.last_seen_at

    @property
    def public_last_seen_place(self) -> str:
        return "" if self.sighting_hidden else self.last_seen_place


class Report(PersonFields):
    """Someone reported found or safe: by themselves, a neighbour, a hospital or a shelter."""

    class Kind(models.TextChoices):
        SAFE = "safe", _("I'm safe")
        FOUND = "found", _("Found by someone else")

    class Condition(models.TextChoices):
        SAFE = "safe", _("Safe")
        INJURED = "injured", _("Injured")
        HOSPITAL = "hospital", _("In hospital")
        DECEASED = "deceased", _("Deceased")

    class Source(models.TextChoices):
        SELF = "self", _("I am this person")
        SEEN = "seen", _("I saw them in person")
        OFFICIAL = "official", _("An official list")
        HEARD = "heard", _("I heard from someone")

    class PfifStatus(models.TextChoices):
        # The PFIF 1.4 note status vocabulary, kept as is so interchange loses nothing.
        INFORMATION_SOUGHT = "information_sought", "information_sought"
        IS_NOTE_AUTHOR = "is_note_author", "is_note_author"
        BELIEVED_ALIVE = "believed_alive", "believed_alive"
        BELIEVED_MISSING = "believed_missing", "believed_missing"
        BELIEVED_DEAD = "believed_dead", "believed_dead"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(max_length=10, choices=Kind)
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition, default=Condition.SAFE
    )
    source = models.CharField(_("how do you know?"), max_length=10, choices=Source)
    pfif_status = models.CharField(max_length=20, choices=PfifStatus)
    message = models.TextField(_("message"), blank=True)
    current_location = models.CharField(_("where they are now"), max_length=200, blank=True)
    # Private unless the reporter chose otherwise: someone safe may be hiding. A family sees
    # it once they confirm the match (board:match-review).
    location_public = models.BooleanField(_("show the location publicly"), default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["incident", "visibility"]), *_contact_indexes("report")]
        verbose_name = _("found or safe report")
        verbose_name_plural = _("found or safe reports")

    @property
    def public_location(self) -> str:
        if not self.location_public or self.incident.active_danger:
            return ""
        return self.current_location

    def location_for_family(self, match) -> str:
        """Where they are now, for the family of `match` once they have confirmed it."""
        if match.state != match.State.CONFIRMED or self.incident.active_danger:
            return ""
        return self.current_location


class Photo(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Processing")
        READY = "ready", _("Ready")
        REJECTED = "rejected", _("Rejected")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    upload_name = models.CharField(max_length=100, blank=True)
    image = models.CharField(max_length=100, blank=True)
    thumbnail = models.CharField(max_length=100, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    # Perceptual hash (64-bit pHash, hex) of the upload: finds re-used and misused pictures.
    phash = models.CharField(max_length=16, blank=True, db_index=True)
    # pHashes of corner and centre windows (70-95 %), concatenated: catches cropped copies.
    phash_crops = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                name="photo_belongs_to_exactly_one_record",
                condition=(Q(post__isnull=False, report__isnull=True))
                | (Q(post__isnull=True, report__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return f"photo {self.pk} ({self.state})"

    @property
    def image_url(self) -> str:
        return f"{settings.MEDIA_URL}{self.image}" if self.image else ""

    @property
    def thumbnail_url(self) -> str:
        return f"{settings.MEDIA_URL}{self.thumbnail}" if self.thumbnail else ""
