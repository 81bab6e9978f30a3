"""Follower notices, "I'm safe" messages and open-door exchanges on the production stack:
PostgreSQL, Redis and a real Celery worker, each task sent twice as a redelivery would."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from reunify.actions import doors
from reunify.actions.records import post_set_status, report_create
from reunify.alerts.followers import follower_confirm, follower_request
from reunify.alerts.models import DeliveryState, Message
from reunify.alerts.tasks import send_message
from reunify.board.models import Post, Report
from reunify.queue import enqueue_now
from reunify.shelter.services import doors_settings_set
from tests.conftest import make_post
from tests.integration.test_real_stack import _wait_for, worker  # noqa: F401 - a fixture

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

TOLD = ["mum@example.org", "brother@example.net", "friend@example.com"]


def _mails_to(outbox: Path, address: str) -> int:
    if not outbox.exists():
        return 0
    return sum(f"To: {address}" in path.read_text() for path in outbox.iterdir())


def _all_done() -> bool:
    return not Message.objects.filter(
        state__in=[DeliveryState.PENDING, DeliveryState.SENDING]
    ).exists()


def test_each_person_is_told_exactly_once_through_the_worker(incident, worker):  # noqa: F811
    post = make_post(incident)
    follower = follower_request(record=post, email="watcher@example.org")
    _wait_for(_all_done, 60, "the confirmation")
    follower_confirm(follower=follower)
    report_create(
        incident=incident,
        kind=Report.Kind.SAFE,
        full_name="Youssef Haddad",
        contact_email="youssef@example.org",
        tell_emails=TOLD,
    )
    post_set_status(post=post, status=Post.Status.REUNITED)
    doors_settings_set(
        incident=incident, districts="Bastille", offer_hours=12, moderate_private_offers=False
    )
    offer = doors.offer_create(
        incident=incident,
        host_kind="person",
        host_name="Léa",
        district="Bastille",
        capacity=2,
        available_until=timezone.now() + timedelta(hours=5),
        address="7 passage Thiéré",
        contact_email="host@example.org",
    )
    request = doors.door_request_create(
        offer=offer,
        people=2,
        message="Two of us",
        contact_name="Ana",
        contact_email="ana@example.net",
    )
    _wait_for(_all_done, 60, "the request to reach the host")
    doors.door_request_accept(door_request=request)
    # A redelivered task (a worker killed after the send, a broker replaying): claims stop it.
    for pk in Message.objects.values_list("pk", flat=True):
        enqueue_now(send_message, pk)

    _wait_for(_all_done, 60, "every message to be sent")
    time.sleep(1)  # room for a duplicate to arrive
    assert not Message.objects.exclude(state=DeliveryState.SENT).exists()
    for address in [*TOLD, "ana@example.net"]:
        assert _mails_to(worker, address) == 1, address
    assert _mails_to(worker, "watcher@example.org") == 2  # the confirmation, then the news
    assert _mails_to(worker, "host@example.org") == 3  # the link, the request, the guest
    assert not Message.objects.exclude(to_email="").exists()
