"""Intake only, on the real stack (PostgreSQL, the Redis cache and broker): a coordinator
switches it on under a surge; every form still takes reports, pages come from the cache,
matching waits for the sweeper, visitors see why, and /readyz shows the backlog."""

import json

import pytest
import redis
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from reunify import queue
from reunify.actions.tasks import matching_sweep
from reunify.board.models import Incident, Report
from tests.integration.conftest import REDIS_URL

pytestmark = [pytest.mark.integration]

BANNER = "takes reports only for now"


@pytest.fixture
def shared_cache(settings, monkeypatch):
    redis.Redis.from_url(REDIS_URL).flushdb()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "reunify.cache.SharedRedisCache",
            "LOCATION": REDIS_URL,
        },
    }
    monkeypatch.setattr(queue, "QUEUE_DEPTH_TTL_SECONDS", 0)


@pytest.fixture
def coordinator_client(db):
    user = User.objects.create_user("colette", "colette@volunteers.invalid", "battery staple 42")
    user.groups.add(Group.objects.get(name="coordinators"))
    client = Client()
    client.force_login(user)
    return client


def _queued(broker) -> list[str]:
    raws = [raw for queue in ("celery", "matching") for raw in broker.lrange(queue, 0, -1)]
    return [json.loads(raw)["headers"]["task"] for raw in raws]


def _say_safe(name: str, capture) -> int:
    # A new visitor each time, as in a surge.
    url = reverse("board:safe-create", args=["paris"])
    with capture(execute=True):
        data = {"full_name": name, "message": "ok", "contact_email": "samira@example.org"}
        return Client().post(url, data).status_code


def test_intake_only_keeps_taking_reports_serves_pages_from_cache_and_defers_matching(
    incident,
    broker,
    shared_cache,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    switch = reverse("moderation:incidents-intake-only")
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(switch, {"intake_only": "on"})
    assert Incident.objects.get(pk=incident.pk).intake_only

    visitor = Client()
    page = reverse("board:incident", args=["paris"])
    first = visitor.get(page)
    assert BANNER in first.content.decode()

    assert _say_safe("Samira Haddad", django_capture_on_commit_callbacks) == 302
    report = Report.objects.get(full_name="Samira Haddad")
    assert report.match_pending_since is not None
    assert "reunify.actions.tasks.match_report" not in _queued(broker)

    # Served from the cache: the same page, though a report was added since.
    again = visitor.get(page)
    assert again["ETag"] == first["ETag"] and "Samira Haddad" not in again.content.decode()
    # Search results come from the cache in the same way, and still answer.
    search = reverse("board:search", args=["paris"])
    assert visitor.get(search, {"q": "Haddad"}).status_code == 200

    ready = visitor.get("/readyz").json()
    assert ready["status"] == "ok"
    assert ready["intake_only"] == ["paris"]
    assert ready["matching_pending"] == 1
    assert ready["queue_depth"] >= 1  # the secret-link e-mail still goes
    assert ready["matching_queue_depth"] == 0  # matching waits for the sweeper, not queued
    assert "oldest_pending_alert_seconds" in ready

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(switch, {"intake_only": "off"})
    fresh = visitor.get(page).content.decode()
    assert "Samira Haddad" in fresh and BANNER not in fresh
    broker.delete("celery", "matching")
    assert matching_sweep(older_than_seconds=0) == 1
    assert _queued(broker) == ["reunify.actions.tasks.match_reports"]


def test_the_banner_speaks_the_visitor_s_language(incident, shared_cache, settings):
    incident.intake_only = True
    incident.save()
    page = reverse("board:incident", args=["paris"])
    french = Client().get(page, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    arabic = Client().get(page, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "accueil seulement" in french.lower() or "uniquement" in french
    assert "الاستقبال" in arabic or "البلاغات" in arabic
