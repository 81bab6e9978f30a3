"""Celery tasks of the use cases: they take ids, and are safe to run twice."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from reunify.board.models import Post, Report
from reunify.board.services import matching_mark_pending
from reunify.matches.services import keys_refresh, matchable
from reunify.queue import depth_is_deep, enqueue_now, queue_depth, queue_is_deep

from .matching import match_new_post, match_new_report, match_pending_batch
from .processing import photo_finish, photos_processing

# A record pending for longer than this lost its task (broker restarted, worker killed).
MATCHING_LOST_AFTER_SECONDS = 120
# A record saved this recently may still have its task on the way (sent after the commit).
HANDOVER_GRACE_SECONDS = 5


@shared_task(acks_late=True)
def match_report(report_id: int) -> int:
    return len(match_new_report(report_id=report_id))


@shared_task(acks_late=True)
def match_post(post_id: int) -> int:
    return len(match_new_post(post_id=post_id))


@shared_task(acks_late=True)
def match_reports(report_ids: list[int]) -> int:
    """What the sweeper hands over, a batch to a task: the worker's cost of a task (the message,
    its acknowledgement, the connection check) and of its queries is paid once per batch."""
    return len(match_pending_batch(model=Report, pks=report_ids))


@shared_task(acks_late=True)
def match_posts(post_ids: list[int]) -> int:
    return len(match_pending_batch(model=Post, pks=post_ids))


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


def matching_sweep(
    *,
    older_than_seconds: int = MATCHING_LOST_AFTER_SECONDS,
    grace_seconds: int = HANDOVER_GRACE_SECONDS,
) -> int:
    """Enqueue matching for records still pending, oldest first, a batch at a time, and
    nothing while the queue is deep: the workers set the pace, not the surge.

    Two kinds wait: records whose task was lost (broker restarted, worker killed: pending for
    longer than `older_than_seconds`), and records never sent (the queue was deep, or the
    incident takes intake only). The second are handed over once the workers have emptied
    the queue: none of them can be waiting in it then, so none is sent twice, and a family
    hears within a sweep or two instead of after the lost-task delay."""
    depth = queue_depth(max_age=0)
    if depth_is_deep(depth):
        return 0
    now = timezone.now()
    waiting = Q(match_pending_since__lt=now - timedelta(seconds=older_than_seconds))
    if not depth:  # empty, or tasks run in-process (embedded mode)
        # a few seconds' grace: a record just saved may have its task on the way
        waiting |= Q(match_pending_since__lt=now - timedelta(seconds=grace_seconds))
    count = 0
    for model, task in ((Post, match_posts), (Report, match_reports)):
        pending = model.objects.filter(waiting).order_by("match_pending_since")
        pks = list(pending.values_list("pk", flat=True)[: settings.MATCHING_SWEEP_BATCH])
        for start in range(0, len(pks), settings.MATCHING_TASK_BATCH):
            batch = pks[start : start + settings.MATCHING_TASK_BATCH]
            count += len(batch) if enqueue_now(task, batch) else 0
    return count


@shared_task
def refresh_keys() -> int:
    """After an upgrade, bring the stored keys up to how this code reads records, a batch at
    a time; a record whose keys changed is matched again by the matching sweeper (a post it
    could not meet before may be its person). Nothing to do, once a scheme is done."""
    if queue_is_deep():
        return 0  # a surge first: the keys wait
    changed = keys_refresh(batch=settings.MATCHING_SWEEP_BATCH)
    for record in changed:
        if matchable(record):
            matching_mark_pending(record=record)
    return len(changed)
