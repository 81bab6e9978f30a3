"""Enqueue Celery tasks after the surrounding transaction commits.

A task takes ids only, so the row it reads must exist when it runs; and a broker
that is down must never fail the user's request: the periodic sweeper re-enqueues
whatever is still due.
"""

import logging
import time

from django.db import transaction

# Every task is sent through this app: importing it here makes it Celery's current app
# before the first task is sent, without `import reunify` starting Celery.
from reunify.celery import app as celery_app  # noqa: F401

logger = logging.getLogger(__name__)

# After a failed publish, skip the broker for a few seconds: a hung Redis costs one
# socket timeout per process, not one per task (a request may enqueue several).
BROKER_PAUSE_SECONDS = 5.0
_broker_paused_until = 0.0


def enqueue_on_commit(task, *ids: int) -> None:
    transaction.on_commit(lambda: enqueue_now(task, *ids))


def enqueue_now(task, *ids: int) -> bool:
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
