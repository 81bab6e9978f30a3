"""Signed webhooks to a partner's system, against a real HTTP server on loopback."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reunify.actions.matching import match_new_report
from reunify.alerts.models import Alert, DeliveryState, WebhookSubscription
from reunify.alerts.sending import alert_deliver
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


class Receiver:
    """A partner's endpoint: records each request, answers with `status` after `delay`."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/reunify"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def webhook_alert(incident, receiver):
    subscription = WebhookSubscription.objects.create(name="Red Cross SMS", url=receiver.url)
    make_post(incident)
    report = make_report(incident)
    match_new_report(report_id=report.pk)
    return Alert.objects.get(subscription=subscription)


def test_a_partner_receives_one_signed_request_per_match(webhook_alert, receiver):
    assert alert_deliver(alert_id=webhook_alert.pk) == "sent"
    assert alert_deliver(alert_id=webhook_alert.pk) == "not-claimed"

    [(headers, body)] = receiver.requests
    secret = webhook_alert.subscription.secret.encode()
    signed = headers["X-Reunify-Timestamp"].encode() + b"." + body
    expected = "sha256=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Reunify-Signature"], expected)
    assert headers["Idempotency-Key"] == str(webhook_alert.idempotency_key)
    assert abs(int(headers["X-Reunify-Timestamp"]) - time.time()) < 60
    payload = json.loads(body)
    assert payload["event"] == "match.likely"
    assert "/review/" in payload["review_url"]
    assert "amina" not in body.decode().lower()  # no private contact details


def test_the_family_email_and_the_webhook_are_separate_alerts(webhook_alert):
    assert Alert.objects.filter(match=webhook_alert.match).count() == 2


def test_a_server_error_is_retried_later(webhook_alert, receiver):
    receiver.status = 503
    assert alert_deliver(alert_id=webhook_alert.pk) == "failed"
    webhook_alert.refresh_from_db()
    assert webhook_alert.state == DeliveryState.PENDING
    assert webhook_alert.last_error == "HTTP 503"


def test_a_client_error_is_permanent(webhook_alert, receiver):
    receiver.status = 410
    alert_deliver(alert_id=webhook_alert.pk)
    webhook_alert.refresh_from_db()
    assert webhook_alert.state == DeliveryState.FAILED


def test_a_slow_receiver_times_out_and_is_retried(webhook_alert, receiver, settings):
    settings.WEBHOOK_TIMEOUT = 1
    receiver.delay = 2
    started = time.monotonic()
    assert alert_deliver(alert_id=webhook_alert.pk) == "failed"
    assert time.monotonic() - started < 2
    webhook_alert.refresh_from_db()
    assert webhook_alert.state == DeliveryState.PENDING


def test_an_inactive_subscription_is_not_sent(webhook_alert, receiver):
    WebhookSubscription.objects.update(active=False)
    assert alert_deliver(alert_id=webhook_alert.pk) == "cancelled"
    assert receiver.requests == []


def test_a_subscription_for_another_incident_gets_nothing(incident, receiver):
    from reunify.board.services import incident_create

    other = incident_create(name="Elsewhere", slug="elsewhere", area="Elsewhere")
    WebhookSubscription.objects.create(name="Other", url=receiver.url, incident=other)
    make_post(incident)
    match_new_report(report_id=make_report(incident).pk)
    assert not Alert.objects.filter(channel=Alert.Channel.WEBHOOK).exists()
