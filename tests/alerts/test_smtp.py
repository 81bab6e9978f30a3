"""Against a real SMTP server: `sent` is recorded the moment the server accepts."""

import asyncio

import pytest
from aiosmtpd.controller import Controller
from django.db import connections

from reunify.actions.matching import match_new_report
from reunify.alerts.models import Alert, DeliveryState
from tests.chaos.stack import free_port
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db(transaction=True)


class _Server:
    """Accepts every message; at QUIT, notes what the board had recorded by then."""

    def __init__(self):
        self.accepted = 0
        self.states_at_quit: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.accepted += 1
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        self.states_at_quit.append(await asyncio.to_thread(self._alert_states))
        return "221 Bye"

    def _alert_states(self) -> list[str]:
        try:
            return list(Alert.objects.values_list("state", flat=True))
        finally:
            connections.close_all()  # this thread's own connection


@pytest.fixture
def smtp_server(settings):
    handler = _Server()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def test_an_alert_is_recorded_as_sent_before_the_smtp_conversation_ends(incident, smtp_server):
    make_post(incident)  # its management link goes out first: no alert yet at that QUIT
    smtp_server.states_at_quit.clear()
    match_new_report(report_id=make_report(incident).pk)  # the alert is sent on commit

    alert = Alert.objects.get()
    assert alert.state == DeliveryState.SENT and alert.attempts == 1
    # A worker killed between the server's 250 and this record would send it again, so
    # the record must not wait for the QUIT round trip.
    # (The reporter's own link goes out too; every QUIT after the alert must find it sent.)
    assert smtp_server.states_at_quit
    assert all(states == [DeliveryState.SENT] for states in smtp_server.states_at_quit)
