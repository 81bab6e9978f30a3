"""Alerts and messages: claimed once, retried with backoff, swept when lost."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reunify.alerts import delivery
from reunify.alerts.models import Alert, DeliveryState, Message
from reunify.alerts.sending import alert_deliver, deliveries_drain, deliveries_due
from reunify.alerts.services import alert_create
from reunify.alerts.tasks import deliveries_sweep
from reunify.matches.models import Match
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def likely_match(incident):
    # No on_commit here: the test transaction never commits, so nothing is sent yet.
    post = make_post(incident)
    report = make_report(incident)
    from reunify.actions.matching import match_new_report

    match_new_report(report_id=report.pk)
    return Match.objects.get(post=post)


def test_an_alert_is_claimed_by_one_sender_only(likely_match):
    alert = Alert.objects.get(match=likely_match)
    first = delivery.claim(Alert, alert.pk)
    second = delivery.claim(Alert, alert.pk)
    assert first is not None and first.state == DeliveryState.SENDING and first.attempts == 1
    assert second is None


def test_a_second_alert_for_the_same_match_is_not_created(likely_match):
    assert alert_create(match=likely_match) is None
    assert Alert.objects.filter(match=likely_match).count() == 1


def test_an_expired_lease_can_be_claimed_again(likely_match):
    alert = delivery.claim(Alert, Alert.objects.get().pk)
    Alert.objects.filter(pk=alert.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    again = delivery.claim(Alert, alert.pk)
    assert again is not None and again.attempts == 2


def test_a_temporary_failure_is_retried_later_with_backoff(likely_match, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.RefusingBackend"
    alert = Alert.objects.get()
    assert alert_deliver(alert_id=alert.pk) == "failed"
    alert.refresh_from_db()
    assert alert.state == DeliveryState.PENDING
    assert alert.next_attempt_at > timezone.now() + timedelta(seconds=10)
    assert "SMTP 451" in alert.last_error
    assert alert_deliver(alert_id=alert.pk) == "not-claimed"  # not due yet


def test_a_permanent_failure_is_recorded_and_not_retried(likely_match, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.RejectingBackend"
    alert = Alert.objects.get()
    alert_deliver(alert_id=alert.pk)
    alert.refresh_from_db()
    assert alert.state == DeliveryState.FAILED
    assert "recipient refused" in alert.last_error


def test_attempts_are_bounded(likely_match, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.RefusingBackend"
    alert = Alert.objects.get()
    for _ in range(delivery.max_attempts()):
        Alert.objects.filter(pk=alert.pk).update(next_attempt_at=timezone.now())
        alert_deliver(alert_id=alert.pk)
    alert.refresh_from_db()
    assert alert.state == DeliveryState.FAILED
    assert alert.attempts == delivery.max_attempts()


def test_sending_twice_sends_once(likely_match, mailoutbox):
    alert = Alert.objects.get()
    assert alert_deliver(alert_id=alert.pk) == "sent"
    assert alert_deliver(alert_id=alert.pk) == "not-claimed"
    assert len([m for m in mailoutbox if "Possible match" in m.subject]) == 1


def test_drain_delivers_everything_due(likely_match, mailoutbox):
    counts = deliveries_drain()
    assert counts["sent"] >= 2  # the alert and the secret-link messages
    assert not Alert.objects.exclude(state=DeliveryState.SENT).exists()
    assert not Message.objects.exclude(state=DeliveryState.SENT).exists()


def test_sweeper_leaves_a_fresh_alert_to_its_task_and_re_enqueues_a_lost_one(
    likely_match, mailoutbox
):
    alert = Alert.objects.get()
    assert alert.pk not in deliveries_due(stuck_only=True)[0]  # its own task is on the way
    # Due for longer than a sweep interval: its publish (or Redis's queue) was lost.
    Alert.objects.filter(pk=alert.pk).update(next_attempt_at=timezone.now() - timedelta(minutes=5))
    assert deliveries_sweep() >= 1  # eager: the sweeper's enqueue delivers at once
    assert Alert.objects.get().state == DeliveryState.SENT


def test_sweeper_re_enqueues_a_retry_as_soon_as_it_is_due(likely_match, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.RefusingBackend"
    alert = Alert.objects.get()
    alert_deliver(alert_id=alert.pk)
    Alert.objects.filter(pk=alert.pk).update(next_attempt_at=timezone.now())
    assert alert.pk in deliveries_due(stuck_only=True)[0]


def test_an_expired_lease_is_swept(likely_match):
    alert = delivery.claim(Alert, Alert.objects.get().pk)
    assert alert.pk not in deliveries_due(stuck_only=True)[0]
    Alert.objects.filter(pk=alert.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert alert.pk in deliveries_due(stuck_only=True)[0]


def test_a_stale_claim_cannot_record_an_outcome(likely_match):
    first = delivery.claim(Alert, Alert.objects.get().pk)
    Alert.objects.filter(pk=first.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    second = delivery.claim(Alert, first.pk)
    delivery.mark_failed(first, "late news from a worker that lost its lease", permanent=True)
    assert Alert.objects.get().state == DeliveryState.SENDING
    delivery.mark_sent(second)
    assert Alert.objects.get().state == DeliveryState.SENT


def test_an_alert_for_a_closed_post_is_cancelled(likely_match):
    from reunify.board.models import Post

    Post.objects.filter(pk=likely_match.post_id).update(status=Post.Status.CLOSED)
    alert = Alert.objects.get()
    assert alert_deliver(alert_id=alert.pk) == "cancelled"
    alert.refresh_from_db()
    assert alert.state == DeliveryState.CANCELLED


def test_backoff_grows_and_is_capped():
    assert delivery.backoff(1) <= timedelta(seconds=30)
    assert delivery.backoff(4) >= timedelta(seconds=120)
    assert delivery.backoff(30) <= timedelta(seconds=3600)


def test_a_deferred_recipient_is_retried_not_given_up(likely_match, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.GreylistingBackend"
    alert = Alert.objects.get()
    alert_deliver(alert_id=alert.pk)
    alert.refresh_from_db()
    assert alert.state == DeliveryState.PENDING
    assert "450" in alert.last_error
