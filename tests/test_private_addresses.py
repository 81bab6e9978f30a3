"""The privacy rule, extended: a follower's address, an address told "I'm safe", an offer's
exact address and a host's or guest's contact appear on no public page, in no API
response, feed or log line."""

import logging

import pytest
from django.urls import reverse

from reunify.actions.records import post_set_status, report_create
from reunify.board.models import Post, Report
from tests.conftest import make_post

pytestmark = pytest.mark.django_db

FOLLOWER = "discreet.follower@example.net"
TOLD = ["told.mother@example.org", "told.brother@example.com"]


def _public_urls(incident, post, report):
    return [
        reverse("board:home"),
        reverse("board:incident", args=[incident.slug]),
        reverse("board:search", args=[incident.slug]) + "?q=Mohamed+Benali",
        reverse("board:post-detail", args=[post.uid]),
        reverse("board:report-detail", args=[report.uid]),
        "/api/v1/posts/",
        f"/api/v1/posts/{post.uid}/",
        "/api/v1/reports/",
        f"/api/v1/reports/{report.uid}/",
        f"/pfif/{incident.slug}/export.xml",
        f"/pfif/{incident.slug}/feed.atom",
    ]


def _assert_nowhere(client, urls, secrets, caplog):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets:
        assert secret not in logged


def test_followers_and_people_told_stay_private(client, incident, on_commit, caplog):
    caplog.set_level(logging.DEBUG)
    post = on_commit(make_post, incident)
    on_commit(client.post, reverse("board:follow", args=["p", post.uid]), {"email": FOLLOWER})
    report = on_commit(
        report_create,
        incident=incident,
        kind=Report.Kind.SAFE,
        full_name="Youssef Haddad",
        contact_email="youssef@example.org",
        tell_emails=TOLD,
    )
    on_commit(post_set_status, post=post, status=Post.Status.FOUND)
    _assert_nowhere(client, _public_urls(incident, post, report), [FOLLOWER, *TOLD], caplog)


def test_an_offers_address_and_both_contacts_stay_private(client, incident, on_commit, caplog):
    from datetime import timedelta

    from django.utils import timezone

    from reunify.actions import doors
    from reunify.shelter.services import doors_settings_set

    caplog.set_level(logging.DEBUG)
    doors_settings_set(
        incident=incident, districts="Bastille", offer_hours=12, moderate_private_offers=False
    )
    host = {"address": "7 passage Thiéré", "contact_email": "host@example.org"}
    host["contact_phone"] = "+33 6 55 44 33 22"
    guest = {"contact_name": "Ana", "contact_email": "ana.guest@example.net"}
    guest["contact_phone"] = "+34 600 123 456"
    offer = on_commit(
        doors.offer_create,
        incident=incident,
        host_kind="person",
        host_name="Léa",
        district="Bastille",
        capacity=2,
        available_until=timezone.now() + timedelta(hours=5),
        **host,
    )
    request = on_commit(doors.door_request_create, offer=offer, people=1, message="Hi", **guest)
    on_commit(doors.door_request_accept, door_request=request)
    post = make_post(incident)
    report = report_create(
        incident=incident, kind=Report.Kind.SAFE, full_name="Léa Martin", contact_email="l@x.org"
    )
    urls = _public_urls(incident, post, report) + [
        reverse("doors:list", args=[incident.slug]),
        reverse("doors:offer", args=[offer.uid]),
        reverse("doors:manage", args=[offer.uid, offer.secret_token()]),
        "/api/v1/offers/",
        f"/api/v1/offers/{offer.uid}/",
    ]
    secrets = [*host.values(), guest["contact_email"], guest["contact_phone"]]
    _assert_nowhere(client, urls, secrets, caplog)
