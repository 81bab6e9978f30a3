"""Retention: records are wiped when they expire, or after the restore window of a deletion.

A wiped record keeps its uid, incident and dates (a PFIF placeholder needs them); its
personal data, photos, keys, matches and the words of relayed messages go.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reunify.alerts.followers import followers_forget
from reunify.alerts.services import messages_blank_for
from reunify.board.models import Post, Report
from reunify.board.photos import photo_delete_files
from reunify.board.services import record_wipe
from reunify.matches.services import matches_forget

from .duplicates import duplicates_forget
from .holds import flags_forget_notes

logger = logging.getLogger(__name__)

RESTORE_DAYS = 3

Record = Post | Report


def record_purge(*, record: Record) -> Record:
    photos = list(record.photos.all())
    with transaction.atomic():
        record_wipe(record=record)
        record.photos.all().delete()
        matches_forget(record=record)
        messages_blank_for(record=record)
        followers_forget(record=record)
        flags_forget_notes(record=record)
        if isinstance(record, Post):
            duplicates_forget(post=record)
    # Files go once the rows are gone for good: a rolled-back purge keeps its photos.
    for photo in photos:
        photo_delete_files(photo)
    record.refresh_from_db()
    logger.info("purged %s %s", type(record).__name__.lower(), record.uid)
    return record


def retention_sweep(*, now: datetime | None = None) -> int:
    """Purge expired records and deletions past their restore window. Safe to run twice."""
    now = now or timezone.now()
    due = Q(expires_at__lt=now) | Q(deleted_at__lt=now - timedelta(days=RESTORE_DAYS))
    purged = 0
    for model in (Post, Report):
        for record in model.objects.filter(due, purged_at__isnull=True).iterator():
            record_purge(record=record)
            purged += 1
    return purged
