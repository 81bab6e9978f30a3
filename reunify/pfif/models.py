from django.db import models
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident, Post, Report
from reunify.matches.models import Match


class Peer(models.Model):
    """Another board (or any PFIF 1.4 repository) whose Atom feed this board follows.

    The cursor (min_entry_date + skip) is the durable record of how far the feed was read:
    it moves only after a page was applied, so a failed pull loses nothing.
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("Shown on its records."))
    feed_url = models.URLField(_("feed URL"), max_length=500)
    api_key = models.CharField(_("API key (optional)"), max_length=200, blank=True)
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="peers", verbose_name=_("incident")
    )
    enabled = models.BooleanField(default=True)
    cursor_min_entry_date = models.DateTimeField(null=True, blank=True)
    cursor_skip = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)  # failed pulls in a row
    last_error = models.CharField(max_length=500, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # A puller claims the peer until this time, so two workers never read it at once.
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "feed_url"], name="one_peer_per_feed")
        ]

    def __str__(self) -> str:
        return self.name


class PfifRecord(models.Model):
    """A PFIF record that came in, kept verbatim, and the board rows it became.

    Persons map to the Post or Report they became. Notes are immutable: each is kept as it
    came (with its person id, author, text, status, links and dates) and re-published as is,
    even when the board also derived a report or a review-level match from it.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        NOTE = "note", "note"

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="pfif_records")
    record_id = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.PERSON)
    # For a note: the person it is about (its own id for a person).
    person_record_id = models.CharField(max_length=500, blank=True, db_index=True)
    linked_person_record_id = models.CharField(max_length=500, blank=True, db_index=True)
    # A person: the row it became. A note: the row of the person it is about.
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE)
    # What the board derived from a note: a report (someone found), a match to review.
    derived_report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.SET_NULL)
    # The record as it came, in PFIF 1.4 field names (its entry_date is its previous
    # repository's; ours is entry_date below).
    fields = models.JSONField(default=dict)
    source_name = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    source_date = models.DateTimeField(null=True, blank=True)
    # When this board stored this version: the entry_date it publishes.
    entry_date = models.DateTimeField(null=True, blank=True, db_index=True)
    # An expiry placeholder came: the local copy is deleted, the placeholder re-published.
    deleted_at = models.DateTimeField(null=True, blank=True)
    peer = models.ForeignKey(Peer, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "record_id"], name="one_row_per_pfif_id"),
        ]

    def __str__(self) -> str:
        return self.record_id
