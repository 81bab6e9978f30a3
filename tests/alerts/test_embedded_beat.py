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
