"""Celery tasks of the use cases: they take ids, and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from reunify.board.models import Post, Report
from reunify.queue import enqueue_now, queue_is_deep

from .matching import match_new_post, match_new_report
from .processing import photo_finish, photos_processing

# A record pending for longer than this lost its task (broker restarted, worker killed).
MATCHING_LOST_AFTER_SECONDS = 120


@shared_task(acks_late=True)
def match_report(report_id: int) -> int:
    return len(match_new_report(report_id=report_id))


@shared_task(acks_late=True)
def match_post(post_id: int) -> int:
    return len(match_new_post(post_id=post_id))


@shared_task(acks_late=True)
def process_photo(photo_id: int) -> str:
    outcome, record = photo_finish(photo_id=photo_id)
    # The record's matching waited for its photos (and a reuse hold): it may go now.
    if record is None or not record.match_pending_since or photos_processing(record):
        return outcome
    if not queue_is_deep():  # while it is deep, the matching sweeper hands it over
        enqueue_now(match_post if isinstance(record, Post) else match_report, record.pk)
    return outcome


@shared_task
def sweep_matching() -> int:
    return matching_sweep()


def matching_sweep(*, older_than_seconds: int = MATCHING_LOST_AFTER_SECONDS) -> int:
    """Enqueue matching for records still pending: their task was lost (broker restarted,
    worker killed) or never sent (the queue was deep). Oldest first, a batch at a time, and
    nothing while the queue is still deep: the workers set the pace, not the surge."""
    if queue_is_deep(max_age=0):
        return 0
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    count = 0
    for model, task in ((Post, match_post), (Report, match_report)):
        pending = model.objects.filter(match_pending_since__lt=cutoff).order_by(
            "match_pending_since"
        )
        for pk in pending.values_list("pk", flat=True)[: settings.MATCHING_SWEEP_BATCH]:
            count += enqueue_now(task, pk)
    return count
