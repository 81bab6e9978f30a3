import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident, Post, Report


class PostKey(models.Model):
    """One blocking key of a post: candidate retrieval is one indexed query.

    The incident is copied from the post (it never changes) so that counting a key's posts and
    gathering the posts that share keys read the unique index (incident, key, post) alone.
    """

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "key", "post"], name="unique_incident_post_key"
            )
        ]

    def __str__(self) -> str:
        return self.key


class ReportKey(models.Model):
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "key", "report"], name="unique_incident_report_key"
            )
        ]

    def __str__(self) -> str:
        return self.key


class Match(models.Model):
    """A possible link between a family's post and a found/safe report."""

    class Level(models.TextChoices):
        LIKELY = "likely", _("Likely")
        REVIEW = "review", _("Needs review")

    class State(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not them")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="matches")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    # The probability on the evidence alone, before the share of the report's source that is
    # about someone on the board (λ, fitted per incident and source: params.py)
    evidence = models.FloatField(null=True, blank=True)
    # The parameters that scored it (FittedParams.version, or the engine's prior's version):
    # what a family or volunteer is shown stays explainable after the next fit.
    params_version = models.CharField(max_length=12, blank=True)
    level = models.CharField(max_length=10, choices=Level)
    reasons = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    decided_by = models.CharField(max_length=20, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["post", "report"], name="one_match_per_pair")
        ]
        indexes = [models.Index(fields=["state", "level"])]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self) -> str:
        return f"{self.post_id} ~ {self.report_id} ({self.score:.2f})"

    def review_token(self) -> str:
        # Derived from the post's secret: rotating the family's link revokes this one too.
        return self.post.secret_token(purpose=f"review:{self.uid}")

    def check_review_token(self, token: str) -> bool:
        return self.post.check_secret_token(token, purpose=f"review:{self.uid}")


class FittedParams(models.Model):
    """An incident's matching parameters, learned by EM from its own records: one row a fit."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=12)
    params = models.JSONField()  # reunify.matching.Params.to_dict(), figures included
    posts = models.PositiveIntegerField()  # how many records it was fitted on
    reports = models.PositiveIntegerField()
    fitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "version"], name="one_row_per_fit_version")
        ]

    def __str__(self) -> str:
        return f"{self.incident_id} v{self.version}"


class KeyScheme(models.Model):
    """How far the key tables have been brought up to one way of reading records into keys.

    The keys of a record depend on the matching code and the packages it reads names with
    (reunify.matching.scheme_version). After an upgrade the stored keys of older records may
    not be what the new code makes of them, and a new report would miss them: the refresh
    task walks every record once per scheme, oldest first, and rewrites the keys that differ.
    """

    version = models.CharField(max_length=64, unique=True)
    post_cursor = models.BigIntegerField(default=0)  # last post id brought up to date
    report_cursor = models.BigIntegerField(default=0)
    rekeyed = models.PositiveIntegerField(default=0)  # records whose keys changed
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.version
