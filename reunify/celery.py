"""The Celery app. Without REDIS_URL, tasks run in-process (embedded mode)."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reunify.settings")

from django.conf import settings  # noqa: E402 - needs DJANGO_SETTINGS_MODULE first
from django.db import close_old_connections  # noqa: E402

app = Celery("reunify")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(**kwargs) -> None:
    # What Django does around each request: a connection past DATABASE_CONN_MAX_AGE, broken,
    # or left mid-transaction is closed; a good one is kept (settings.CELERY_DB_REUSE_MAX).
    if not getattr(kwargs["task"].request, "is_eager", False):
        close_old_connections()


@worker_init.connect
def _warm_matching(**kwargs) -> None:
    # Before the pool starts its processes, so each begins with the engine's name tables
    # (seconds to read) instead of reading them in its first tasks (reunify/matching/warmup.py).
    from reunify.matching.warmup import warm_up

    warm_up()


app.conf.beat_schedule = {
    # The sweeper is what makes a lost publish, a lost queue or a dead worker harmless.
    "sweep-deliveries": {
        "task": "reunify.alerts.tasks.sweep_deliveries",
        "schedule": float(settings.SWEEP_INTERVAL_SECONDS),
        # A sweep that waited longer than its interval is superseded by the next one.
        "options": {"expires": float(settings.SWEEP_INTERVAL_SECONDS)},
    },
    # A matching task lost with the queue would lose a match and its alert: find it again.
    # It also hands over what a deep queue or intake only kept back, so it runs often (one
    # indexed query when nothing waits).
    "sweep-matching": {
        "task": "reunify.actions.tasks.sweep_matching",
        "schedule": float(settings.MATCHING_SWEEP_SECONDS),
        "options": {"expires": float(settings.MATCHING_SWEEP_SECONDS)},
    },
    # After an upgrade that reads names differently, older records are re-keyed (and matched
    # again) a batch at a time; once done, one indexed query a run.
    "refresh-keys": {
        "task": "reunify.actions.tasks.refresh_keys",
        "schedule": 60.0,
        "options": {"expires": 60.0},
    },
    # Matching learns each incident's parameters from its records once it has grown enough.
    "refit-params": {"task": "reunify.matches.tasks.refit_params", "schedule": 600.0},
    # Federation: read the feeds of the boards this one follows (each peer is a task).
    "pull-peers": {
        "task": "reunify.pfif.tasks.pull_peers",
        "schedule": float(settings.PEER_PULL_SECONDS),
        "options": {"expires": float(settings.PEER_PULL_SECONDS)},
    },
    # Retention: wipe expired records and deletions past their restore window.
    "sweep-retention": {"task": "reunify.moderation.tasks.sweep_retention", "schedule": 3600.0},
    # Open doors: an offer's exact address and contacts do not outlive it by long.
    "erase-ended-offers": {"task": "reunify.shelter.tasks.erase_ended_offers", "schedule": 3600.0},
    "take-snapshots": {"task": "reunify.moderation.tasks.take_snapshots", "schedule": 3600.0},
    "scan-duplicates": {"task": "reunify.moderation.tasks.scan_duplicates", "schedule": 900.0},
}
