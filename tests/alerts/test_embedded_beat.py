"""Embedded mode (no broker): the serving process runs the beat schedule itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reunify.alerts.models import Alert, DeliveryState
from reunify.celery import app
from reunify.embedded import beat_tick
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db(transaction=True)


def _alerts(mailoutbox):
    return [mail for mail in mailoutbox if mail.extra_headers.get("X-Reunify-Alerts")]


def test_every_beat_entry_runs_once_its_interval_has_passed():
    next_due: dict[str, float] = {}
    assert beat_tick(next_due, now=0.0) == []  # nothing at start: each waits one interval
    assert sorted(beat_tick(next_due, now=10**6)) == sorted(app.conf.beat_schedule)
    assert beat_tick(next_due, now=10**6 + 1) == []


def test_a_held_grouped_alert_goes_out_when_the_embedded_beat_ticks(incident, mailoutbox, settings):
    settings.ALERT_GROUP_SECONDS = 600
    post = make_post(incident)
    make_report(incident)
    make_report(incident, full_name="Mouhamed Benali")
    assert len(_alerts(mailoutbox)) == 1
    held = Alert.objects.filter(match__post=post, state=DeliveryState.PENDING)
    assert held.count() == 1

    now = timezone.now()  # the grouping window is over
    held.update(created_at=now - timedelta(minutes=10), next_attempt_at=now)
    beat_tick({"sweep-deliveries": 0.0}, now=1.0)

    assert len(_alerts(mailoutbox)) == 2
    assert not Alert.objects.filter(match__post=post, state=DeliveryState.PENDING).exists()


def test_a_fresh_serving_process_registers_every_sweeper_it_runs(tmp_path):
    # The test process has imported every tasks module; a web process has not, and an entry
    # whose task is not registered fails at each tick (peers were never pulled, retention
    # never ran): check in a process of its own, as `make run` starts one
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from reunify.celery import app; from reunify import embedded;"
        "embedded.beat_start();"
        "print([e['task'] for e in app.conf.beat_schedule.values() if e['task'] not in app.tasks])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(EMBEDDED="1", VAR_DIR=str(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
