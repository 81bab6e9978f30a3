"""Enqueue Celery tasks after the surrounding transaction commits.

A task takes ids only, so the row it reads must exist when it runs; and a broker
that is down must never fail the user's request: the periodic sweeper re-enqueues
whatever is still due.
"""

import logging
import time

from django.conf import settings
from django.db import transaction

# Every task is sent through this app: importing it here makes it Celery's current app
# before the first task is sent, without `import reunify` starting Celery.
from reunify.celery import app as celery_app  # noqa: F401

logger = logging.getLogger(__name__)

# After a failed publish, skip the broker for a few seconds: a hung Redis costs one
# socket timeout per process, not one per task (a request may enqueue several).
BROKER_PAUSE_SECONDS = 5.0
_broker_paused_until = 0.0


# Asked at most once a second per process: a surge must not add a Redis call per request.
QUEUE_DEPTH_TTL_SECONDS = 1.0
_depth_seen: dict[str, tuple[float, int | None]] = {}
_redis = None


def queue_depth(*, max_age: float | None = None, queue: str | None = None) -> int | None:
    """Tasks waiting in a broker queue, matching's by default (as seen at most `max_age`
    seconds ago); None in embedded mode or when the broker cannot be asked."""
    global _redis
    if celery_app.conf.task_always_eager:
        return None
    queue = queue or settings.MATCHING_QUEUE
    now = time.monotonic()
    max_age = QUEUE_DEPTH_TTL_SECONDS if max_age is None else max_age
    seen_at, seen = _depth_seen.get(queue, (-1e9, None))
    if now - seen_at < max_age:
        return seen
    depth = None
    url = celery_app.conf.broker_url
    try:
        if _redis is None or _redis[0] != url:
            import redis

            _redis = (url, redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1))
        depth = int(_redis[1].llen(queue))
    except Exception as exc:  # noqa: BLE001 - unknown depth: behave as if the queue were short
        logger.warning("queue depth unknown: %s", exc.__class__.__name__)
    _depth_seen[queue] = (now, depth)
    return depth


def queue_is_deep(*, max_age: float | None = None) -> bool:
    """Whether matching is behind: records then wait for the sweeper instead of a task each."""
    return depth_is_deep(queue_depth(max_age=max_age))


def depth_is_deep(depth: int | None) -> bool:
    return depth is not None and depth >= settings.MATCHING_QUEUE_DEEP


def enqueue_on_commit(task, *ids: int | list[int]) -> None:
    transaction.on_commit(lambda: enqueue_now(task, *ids))


def enqueue_now(task, *ids: int | list[int]) -> bool:
    global _broker_paused_until
    eager = task.app.conf.task_always_eager
    if not eager and time.monotonic() < _broker_paused_until:
        logger.warning("broker paused after a failure; %s%s left to the sweeper", task.name, ids)
        return False
    try:
        task.apply_async(args=ids, retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure is logged, never raised
        logger.warning("could not enqueue %s%s: %s", task.name, ids, exc.__class__.__name__)
        if not eager:
            _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        return False
    return True
