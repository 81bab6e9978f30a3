"""Tell my people I'm safe: one message per address, exactly once, then the address is gone."""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reunify.actions.records import report_create
from reunify.alerts.models import DeliveryState, Message, WebhookSubscription
from reunify.alerts.sending import message_deliver
from reunify.alerts.tasks import deliveries_sweep
from reunify.alerts.telling import people_tell
from reunify.board.models import Report

pytestmark = pytest.mark.django_db

MUM = "maman.haddad@example.org"
BROTHER = "sami.haddad@example.net"


def _safe(incident, **overrides):
    fields = {
        "kind": Report.Kind.SAFE,
        "full_name": "Youssef Haddad",
        "contact_email": "youssef@example.org",
        **overrides,
    }
    return report_create(incident=incident, **fields)


def _told(mailoutbox, to):
    return [m for m in mailoutbox if m.to == [to]]


def test_im_safe_with_two_people_told_in_the_senders_language(
    client, incident, on_commit, mailoutbox
):
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    data = {"full_name": "Youssef Haddad", "contact_email": "youssef@example.org"}
    url = reverse("board:safe-create", args=[incident.slug])
    response = on_commit(client.post, url, data, **french)
    assert response.status_code == 302
    report = Report.objects.get()
    manage = client.get(response.url, **french).content.decode()
    assert "Prévenir mes proches" in manage

    tell = reverse("board:report-tell", args=[report.uid, report.secret_token()])
    on_commit(client.post, tell, {"tell_emails": f"{MUM}\n{BROTHER}, {MUM}"}, **french)

    [to_mum] = _told(mailoutbox, MUM)
    [_to_brother] = _told(mailoutbox, BROTHER)
    assert to_mum.subject == "Youssef Haddad s’est déclaré·e en sécurité sur Reunify"
    assert f"http://testserver/r/{report.uid}/" in to_mum.body
    assert "youssef@example.org" not in to_mum.body
    messages = Message.objects.filter(kind=Message.Kind.TOLD_SAFE)
    assert [(m.state, m.to_email) for m in messages] == [(DeliveryState.SENT, "")] * 2
    page = client.get(response.url, **french).content.decode()
    assert "2 personnes ont été prévenues" in page
    # Telling again adds nobody twice, and no more than ten in all.
    on_commit(client.post, tell, {"tell_emails": MUM}, **french)
    assert len(_told(mailoutbox, MUM)) == 1


def test_one_address_told_fifty_times_gets_two_messages(incident, on_commit, mailoutbox):
    for n in range(50):
        on_commit(
            _safe,
            incident,
            full_name=f"Sender {n}",
            contact_email=f"sender{n}@example.org",
            tell_emails=[MUM],
        )
    assert len(_told(mailoutbox, MUM)) == 2
    assert Message.objects.filter(kind=Message.Kind.TOLD_SAFE).count() == 2


def test_one_sender_tells_at_most_twenty_people_a_day(incident, on_commit, mailoutbox):
    for batch in range(4):
        emails = [f"friend{batch}-{n}@example.org" for n in range(10)]
        on_commit(_safe, incident, full_name=f"Youssef Haddad {batch}", tell_emails=emails)
    assert Message.objects.filter(kind=Message.Kind.TOLD_SAFE).count() == 20


def test_bad_input_is_refused(client, incident, on_commit):
    with pytest.raises(ValidationError):
        _safe(incident, tell_emails=[f"p{n}@example.org" for n in range(11)])
    with pytest.raises(ValidationError):
        _safe(incident, tell_emails=["not an address"])
    with pytest.raises(ValidationError):
        _safe(incident, tell_phones=["+33 6 12 34 56 78"])  # no partner sends text messages
    report = _safe(incident)
    tell = reverse("board:report-tell", args=[report.uid, report.secret_token()])
    page = client.post(tell, {"tell_emails": "nope"}, follow=True).content.decode()
    assert "is not an e-mail address" in page
    wrong = reverse("board:report-tell", args=[report.uid, "0" * 40])
    assert client.post(wrong, {"tell_emails": MUM}).status_code == 404
    assert not Message.objects.filter(kind=Message.Kind.TOLD_SAFE).exists()


def test_only_a_safe_report_tells_people(incident):
    found = report_create(
        incident=incident,
        kind=Report.Kind.FOUND,
        full_name="Youssef Haddad",
        source=Report.Source.SEEN,
        contact_email="nurse@example.org",
    )
    with pytest.raises(ValidationError):
        people_tell(report=found, emails=[MUM])


def test_a_told_message_is_sent_exactly_once_and_swept_when_lost(incident, mailoutbox, settings):
    # No on_commit: the task is "lost", as when Redis drops its queue.
    report = _safe(incident, tell_emails=[MUM])
    message = Message.objects.get(kind=Message.Kind.TOLD_SAFE)
    Message.objects.filter(pk=message.pk).update(
        next_attempt_at=message.created_at - timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS + 5)
    )
    assert deliveries_sweep() >= 1  # eager: the sweep sends it
    assert message_deliver(message_id=message.pk) == "not-claimed"
    assert len(_told(mailoutbox, MUM)) == 1
    assert report.pk and Message.objects.get(pk=message.pk).to_email == ""


def test_phone_numbers_go_to_the_partner_that_sends_text_messages(incident, on_commit, monkeypatch):
    sent = []

    def fake_send(self, webhook, on_accepted=lambda: None):
        sent.append(json.loads(webhook.body))
        on_accepted()

    monkeypatch.setattr("reunify.alerts.channels.WebhookChannel.send", fake_send)
    WebhookSubscription.objects.create(
        name="SMS partner", url="https://sms.example.org/hook", sends_sms=True
    )
    on_commit(_safe, incident, tell_phones=["+33 6 12 34 56 78"])
    [payload] = sent
    assert payload["to_phone"] == "+33612345678"
    assert re.search(
        r"Youssef Haddad marked themselves safe on Reunify http://testserver/r/", payload["text"]
    )
    message = Message.objects.get(kind=Message.Kind.TOLD_SAFE)
    assert (message.state, message.to_phone) == (DeliveryState.SENT, "")


def test_a_held_report_tells_nobody_until_published_and_spends_no_attempts(
    incident, mailoutbox, settings
):
    from reunify.board.models import HoldReason, Visibility
    from reunify.board.services import record_set_visibility

    report = _safe(incident, tell_emails=[MUM])
    record_set_visibility(record=report, visibility=Visibility.HELD, hold_reason=HoldReason.RISK)
    message = Message.objects.get(kind=Message.Kind.TOLD_SAFE)
    for _ in range(settings.ALERT_MAX_ATTEMPTS + 2):
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        assert message_deliver(message_id=message.pk) == "deferred"
    message.refresh_from_db()
    assert (message.state, message.attempts, message.to_email) == ("pending", 0, MUM)
    assert not _told(mailoutbox, MUM)

    record_set_visibility(record=report, visibility=Visibility.PUBLIC)
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert message_deliver(message_id=message.pk) == "sent"
    assert message_deliver(message_id=message.pk) == "not-claimed"  # a repeated task
    assert len(_told(mailoutbox, MUM)) == 1


def test_a_partner_app_tells_people_through_the_api(client, incident, on_commit, mailoutbox):
    from reunify.api.services import api_key_create

    _, raw = api_key_create(organisation_name="Safe app", scopes=["read", "write"])
    body = {
        "incident": incident.slug,
        "kind": "safe",
        "full_name": "Youssef Haddad",
        "contact_email": "youssef@example.org",
        "tell_emails": [MUM, BROTHER],
    }
    headers = {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}
    response = on_commit(
        client.post, "/api/v1/reports/", body, content_type="application/json", **headers
    )
    assert response.status_code == 201, response.content
    assert len(_told(mailoutbox, MUM)) == 1 and len(_told(mailoutbox, BROTHER)) == 1
    listed = client.get(f"/api/v1/reports/{response.json()['records'][0]['uid']}/").content
    assert MUM.encode() not in listed
    too_many = {**body, "tell_emails": [f"p{n}@example.org" for n in range(11)]}
    response = client.post("/api/v1/reports/", too_many, content_type="application/json", **headers)
    assert response.status_code == 400
