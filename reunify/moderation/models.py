"""Volunteers' work: flags, holds, decisions, duplicate pairs, misused photos, and the audit log."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident, Photo, Post, Report


class Role:
    """The two volunteer groups (created by a data migration)."""

    MODERATORS = "moderators"
    COORDINATORS = "coordinators"


class RecordRefMixin(models.Model):
    """Points at exactly one post or report."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def record(self) -> Post | Report:
        return self.post if self.post_id else self.report


def _one_record(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=name,
        condition=Q(post__isnull=False, report__isnull=True)
        | Q(post__isnull=True, report__isnull=False),
    )


class Flag(RecordRefMixin):
    """Anyone can flag a public post or report; moderators clear flags oldest first."""

    class Reason(models.TextChoices):
        HOAX = "hoax", _("False or a hoax")
        SPAM = "spam", _("Spam or advertising")
        DUPLICATE = "duplicate", _("A duplicate of another post")
        PRIVACY = "privacy", _("Puts someone's privacy or safety at risk")
        OFFENSIVE = "offensive", _("Offensive")

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        ACTED = "acted", _("Record hidden")
        DISMISSED = "dismissed", _("Dismissed")

    reason = models.CharField(_("what is wrong?"), max_length=10, choices=Reason)
    note = models.TextField(_("anything a volunteer should know (optional)"), blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    # One flag per reporter per record; a keyed hash of the IP, never the address itself.
    source = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            _one_record("flag_on_exactly_one_record"),
            # One open flag per reporter per record: one person cannot hold a record alone.
            models.UniqueConstraint(
                fields=["post", "source"],
                condition=Q(state="open", post__isnull=False) & ~Q(source=""),
                name="one_open_flag_per_source_per_post",
            ),
            models.UniqueConstraint(
                fields=["report", "source"],
                condition=Q(state="open", report__isnull=False) & ~Q(source=""),
                name="one_open_flag_per_source_per_report",
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"])]
        permissions = [
            ("work_queues", "Can work the moderation queues"),
            ("approve_deceased", "Can publish a report of death"),
            ("manage_incidents", "Can open and close incidents"),
            ("manage_volunteers", "Can add and remove volunteers"),
            ("view_audit", "Can read the audit log"),
        ]

    def __str__(self) -> str:
        return f"flag {self.pk} ({self.reason}, {self.state})"


class ModerationDecision(RecordRefMixin):
    """What a volunteer decided about one record, shown on the record's history."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Flags dismissed")
        APPROVE = "approve", _("Published after review")

    action = models.CharField(max_length=10, choices=Action)
    reason = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [_one_record("decision_on_exactly_one_record")]

    def __str__(self) -> str:
        return f"{self.action} by {self.decided_by_id}"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


class AuditLog(models.Model):
    """Append-only: who did what to which record, why, when. Never contact details."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the account is removed: the log must still say who it was.
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=20, blank=True)
    target = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")


class KnownMisusedImage(models.Model):
    """A picture known to circulate falsely (a living person, another country): refused on upload."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    phash = models.CharField(max_length=16, db_index=True)
    phash_crops = models.TextField(blank=True)
    note = models.CharField(_("why it is misused"), max_length=300)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.phash} ({self.note})"


class PhotoReuse(models.Model):
    """A new photo near-identical to one on another person's record, or to a known misused one."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        CLEARED = "cleared", _("Cleared")
        HIDDEN = "hidden", _("Record hidden")

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="+")
    other_photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    known = models.ForeignKey(
        KnownMisusedImage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    distance = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "other_photo"], name="one_reuse_per_photo_pair"
            )
        ]

    def __str__(self) -> str:
        return f"photo {self.photo_id} ~ {self.other_photo_id or self.known_id}"


class DuplicatePair(models.Model):
    """Two posts the engine thinks describe the same person; linked posts share alerts and status."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        LINKED = "linked", _("Linked")
        DISMISSED = "dismissed", _("Not the same person")

    # left.pk < right.pk, so a pair is stored once.
    left = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="one_duplicate_pair"),
            models.CheckConstraint(
                name="duplicate_pair_ordered", condition=Q(left__lt=models.F("right"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} = {self.right_id} ({self.state})"


class IncidentDay(models.Model):
    """A daily snapshot of searches per status, drawn as the dashboard chart."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    open = models.PositiveIntegerField(default=0)
    found = models.PositiveIntegerField(default=0)
    reunited = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "day"], name="one_snapshot_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.day}"
