import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Post, Report

KEY_PREFIX = "rk"


class Organisation(models.Model):
    """A partner: a hospital, a shelter, the Red Cross, another board."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Scope(models.TextChoices):
    READ = "read", _("Read public records")
    WRITE = "write", _("Create reports and posts")
    READ_CONTACT = "read_contact", _("Read contact details (vetted organisations only)")
    MARK_DECEASED = "mark_deceased", _("Publish deaths without review")


def hash_key(raw: str) -> str:
    # Keys are 32 random bytes: a fast hash is enough, nothing to brute-force.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """Only the hash is stored; the key itself is shown once, when it is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="keys")
    label = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, unique=True)
    hashed = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.organisation} {self.prefix}"

    @staticmethod
    def new_raw() -> tuple[str, str]:
        prefix = secrets.token_hex(4)
        return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def is_usable(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class ApiWriteLog(models.Model):
    """Every API write, with its key. Ids and counts only: no names, no contact details."""

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="writes")
    action = models.CharField(max_length=40)
    status_code = models.PositiveSmallIntegerField()
    records = models.JSONField(default=list)  # uids of the rows written
    written = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key_id} {self.action} {self.status_code}"


class ExternalRecord(models.Model):
    """An organisation's own id for a record it sent: a retried batch becomes a no-op."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="records")
    external_id = models.CharField(max_length=200)
    post = models.OneToOneField(Post, null=True, blank=True, on_delete=models.CASCADE)
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="one_record_per_external_id"
            ),
            models.CheckConstraint(
                name="external_record_points_to_one_row",
                condition=Q(post__isnull=False, report__isnull=True)
                | Q(post__isnull=True, report__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.external_id}"

    @property
    def record(self) -> Post | Report:
        return self.post or self.report
