"""Partner API keys are listed, revoked and rotated by coordinators and in the admin; their
use is recorded at most once a minute (issue 12, item 11)."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reunify.api.models import ApiKey
from reunify.moderation.models import AuditLog


def _volunteer(name: str, group: str) -> Client:
    user = User.objects.create_user(name, f"{name}@volunteers.invalid", "battery staple 42")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def _works(raw_header: dict) -> bool:
    return Client().get("/api/v1/incidents/", **raw_header).status_code == 200


def _header(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


def test_a_coordinator_lists_the_keys_from_the_volunteer_menu(db, make_key):
    key, _header_ = make_key(org="Hôpital Saint-Louis")
    coordinator = _volunteer("colette", "coordinators")
    dashboard = coordinator.get(reverse("moderation:dashboard")).content.decode()
    assert reverse("moderation:api-keys") in dashboard

    page = coordinator.get(reverse("moderation:api-keys")).content.decode()
    assert "Hôpital Saint-Louis" in page and key.prefix in page
    assert key.hashed not in page
    moderator = _volunteer("mona", "moderators")
    assert moderator.get(reverse("moderation:api-keys")).status_code == 403


def test_a_coordinator_revokes_a_key_and_it_stops_at_once(db, make_key):
    key, header = make_key()
    assert _works(header)
    coordinator = _volunteer("colette", "coordinators")

    coordinator.post(reverse("moderation:api-key-revoke", args=[key.pk]))

    assert not _works(header)
    entry = AuditLog.objects.get(action="api_key_revoke")
    assert (entry.actor_name, entry.target) == ("colette", f"api_key:{key.prefix}")


def test_a_coordinator_rotates_a_key_and_sees_the_new_one_once(db, make_key):
    old, old_header = make_key(scopes=("read", "write"), label="ward list")
    coordinator = _volunteer("colette", "coordinators")

    page = coordinator.post(reverse("moderation:api-key-rotate", args=[old.pk]))

    raw = re.search(r"rk_[0-9a-f]{8}_[\w-]+", page.content.decode()).group(0)
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assert not _works(old_header) and _works(_header(raw))
    new = ApiKey.objects.get(revoked_at__isnull=True)
    assert (new.organisation, new.scopes, new.label) == (old.organisation, old.scopes, old.label)
    assert raw not in coordinator.get(reverse("moderation:api-keys")).content.decode()
    assert AuditLog.objects.filter(action="api_key_rotate", actor_name="colette").exists()


def test_the_admin_revokes_and_rotates_keys(db, make_key, admin_client):
    first, first_header = make_key(org="Croix-Rouge")
    second, second_header = make_key(org="Samu 75")
    changelist = reverse("admin:api_apikey_changelist")
    assert "Croix-Rouge" in admin_client.get(changelist).content.decode()

    admin_client.post(changelist, {"action": "revoke", "_selected_action": [first.pk]})
    page = admin_client.post(changelist, {"action": "rotate", "_selected_action": [second.pk]})

    raw = re.search(r"rk_[0-9a-f]{8}_[\w-]+", page.content.decode()).group(0)
    assert not _works(first_header) and not _works(second_header) and _works(_header(raw))


def test_api_reads_record_use_at_most_once_a_minute(db, make_key):
    key, header = make_key()
    assert _works(header)
    key.refresh_from_db()
    first_use = key.last_used_at
    assert first_use is not None

    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert _works(header)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    key.refresh_from_db()
    assert key.last_used_at == first_use

    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    assert _works(header)
    key.refresh_from_db()
    assert key.last_used_at > first_use
