from django.db import models
from django.db.models import Q

from reunify.board.models import Incident, Post, Report
from reunify.matches.models import Match


class PfifRecord(models.Model):
    """A PFIF record id that came in, and the row it became: re-imports are no-ops.

    It also keeps the source facts PFIF asks a repository to pass on unchanged
    (source name, url and date), so a re-export gives back the same records.
    """

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="pfif_records")
    record_id = models.CharField(max_length=500)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE)
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.CASCADE)
    # A person record id, or the id of the note that carried a report's status.
    is_note = models.BooleanField(default=False)
    source_name = models.CharField(max_length=200, blank=True)
    source_url = models.CharField(max_length=500, blank=True)
    source_date = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "record_id"], name="one_row_per_pfif_id"),
            models.CheckConstraint(
                name="pfif_record_points_somewhere",
                condition=Q(post__isnull=False) | Q(report__isnull=False) | Q(match__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.record_id
