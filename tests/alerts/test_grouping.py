"""Many candidates for one post become one e-mail, and exactly-once still holds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reunify.alerts.models import Alert, DeliveryState
from reunify.alerts.sending import alert_deliver, deliveries_drain, deliveries_due
from tests.conftest import make_post
from tests.conftest import make_report as _make_report

pytestmark = pytest.mark.django_db

SPELLINGS = ["Mohammed Ben Ali", "Mouhamed Benali", "Muhammad Benali"]


def make_report(incident, **fields):
    # The test transaction never commits, so run the matcher as its task would.
    from reunify.actions.matching import match_new_report

    report = _make_report(incident, **fields)
    match_new_report(report_id=report.pk)
    return report


def _alert_mails(mailoutbox):
    return [mail for mail in mailoutbox if mail.extra_headers.get("X-Reunify-Alerts")]


def test_candidates_arriving_together_go_out_as_one_email(incident, mailoutbox):
    post = make_post(incident)
    for name in SPELLINGS:
        make_report(incident, full_name=name)
    alerts = list(Alert.objects.filter(match__post=post))
    assert len(alerts) == 3

    for alert in alerts:  # each alert's own task runs; the first takes the others along
        alert_deliver(alert_id=alert.pk)

    [mail] = _alert_mails(mailoutbox)
    assert "3 possible matches" in mail.subject
    assert mail.body.count("/review/") == 3
    assert set(mail.extra_headers["X-Reunify-Alerts"].split(",")) == {
        str(alert.idempotency_key) for alert in alerts
    }
    assert set(Alert.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert len(set(Alert.objects.values_list("claim_token", flat=True))) == 1


def test_a_later_candidate_within_the_window_waits_for_the_next_grouped_email(
    incident, mailoutbox, settings
):
    settings.ALERT_GROUP_SECONDS = 600
    post = make_post(incident)
    make_report(incident)
    deliveries_drain()
    assert len(_alert_mails(mailoutbox)) == 1

    make_report(incident, full_name=SPELLINGS[1])
    make_report(incident, full_name=SPELLINGS[2])
    held = Alert.objects.filter(match__post=post, state=DeliveryState.PENDING)
    assert held.count() == 2
    assert all(alert.next_attempt_at > timezone.now() + timedelta(minutes=9) for alert in held)
    deliveries_drain()
    assert len(_alert_mails(mailoutbox)) == 1  # held: no second e-mail yet

    now = timezone.now()  # ten minutes later: the window has passed
    held.update(created_at=now - timedelta(minutes=10), next_attempt_at=now)
    assert set(deliveries_due(stuck_only=True)[0]) == set(held.values_list("pk", flat=True))
    deliveries_drain()
    mails = _alert_mails(mailoutbox)
    assert len(mails) == 2
    assert "2 possible matches" in mails[1].subject


def test_a_retried_group_keeps_its_message_id(incident, mailoutbox, settings):
    settings.EMAIL_BACKEND = "tests.alerts.backends.RefusingBackend"
    make_post(incident)
    make_report(incident, full_name=SPELLINGS[0])
    make_report(incident, full_name=SPELLINGS[1])
    first = Alert.objects.order_by("pk").first()
    assert alert_deliver(alert_id=first.pk) == "failed"
    assert set(Alert.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Alert.objects.update(next_attempt_at=timezone.now())
    last = Alert.objects.order_by("pk").last()
    assert alert_deliver(alert_id=last.pk) == "sent"  # the other one leads this time
    from reunify.alerts.sending import group_message_id

    [mail] = _alert_mails(mailoutbox)
    keys = Alert.objects.values_list("idempotency_key", flat=True)
    assert mail.extra_headers["Message-ID"] == group_message_id(keys)


def test_a_rejected_candidate_is_left_out_of_the_group(incident, mailoutbox):
    from reunify.actions.decisions import match_reject
    from reunify.matches.models import Match

    make_post(incident)
    make_report(incident, full_name=SPELLINGS[0])
    make_report(incident, full_name=SPELLINGS[1])
    rejected = Match.objects.order_by("pk").last()
    match_reject(match=rejected, decided_by="family")
    deliveries_drain()
    [mail] = _alert_mails(mailoutbox)
    assert mail.body.count("/review/") == 1
    assert Alert.objects.get(match=rejected).state == DeliveryState.CANCELLED


def test_stopping_alerts_cancels_the_held_ones(incident, mailoutbox, settings, client):
    from reunify.actions.records import post_stop_alerts

    post = make_post(incident)
    make_report(incident)
    deliveries_drain()
    make_report(incident, full_name=SPELLINGS[1])
    post_stop_alerts(post=post)
    Alert.objects.update(next_attempt_at=timezone.now())
    deliveries_drain()
    assert len(_alert_mails(mailoutbox)) == 1
    assert Alert.objects.filter(state=DeliveryState.CANCELLED).count() == 1
