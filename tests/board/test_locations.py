"""Where someone is now is private by default, shown to a family once they confirm the match;
"active danger" hides every current location and every recent sighting from every door
(issue 12, item 5)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Incident, Report
from reunify.matches.models import Match
from reunify.moderation.models import AuditLog
from tests.conftest import make_post, make_report

HIDING = "back room of Le Petit Cambodge"
RECENT = "Rue de Charonne, corner of Rue Faidherbe"
OLD = "Gare de Lyon, hall 1"


def _vetted_key_header():
    from reunify.api.services import api_key_create

    _key, raw = api_key_create(organisation_name="Croix-Rouge", scopes=["read", "read_contact"])
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


def _public_urls(incident, posts, reports) -> list[str]:
    urls = [
        reverse("board:incident", args=[incident.slug]),
        reverse("board:search", args=[incident.slug]) + "?q=Sarah+Cohen",
        reverse("board:search", args=[incident.slug]) + "?q=Mohamed+Benali",
        "/api/v1/posts/",
        "/api/v1/reports/",
        f"/api/v1/incidents/{incident.slug}/search/?q=Sarah+Cohen",
        f"/api/v1/incidents/{incident.slug}/search/?q=Mohamed+Benali",
        f"/pfif/{incident.slug}/export.xml",
        f"/pfif/{incident.slug}/export.xml?version=1.3",
        f"/pfif/{incident.slug}/feed.atom",
    ]
    urls += [reverse("board:post-detail", args=[p.uid]) for p in posts]
    urls += [f"/api/v1/posts/{p.uid}/" for p in posts]
    urls += [reverse("board:report-detail", args=[r.uid]) for r in reports]
    urls += [f"/api/v1/reports/{r.uid}/" for r in reports]
    return urls


def _everything_public(incident, posts, reports) -> str:
    """Every public door, as a stranger and as a vetted partner with a read_contact key."""
    texts = []
    for headers in ({}, _vetted_key_header()):
        stranger = Client()
        for url in _public_urls(incident, posts, reports):
            response = stranger.get(url, **headers)
            assert response.status_code == 200, url
            body = response.content.decode()
            if "json" in response["Content-Type"]:
                body = json.dumps(response.json(), ensure_ascii=False)
            texts.append(body)
    return "\n".join(texts)


def test_where_you_are_now_is_private_by_default(client, incident, on_commit):
    data = {"full_name": "Sarah Cohen", "age": "29", "current_location": HIDING}
    data["contact_phone"] = "+33 6 11 22 33 44"
    on_commit(client.post, reverse("board:safe-create", args=["paris"]), data)
    safe = Report.objects.get()
    found = on_commit(make_report, incident, current_location="Hôpital Saint-Louis, ward 4")

    assert not safe.location_public and not found.location_public
    text = _everything_public(incident, [], [safe, found])
    assert "Sarah Cohen" in text and "Mohammed Ben Ali" in text  # the pages are there
    assert HIDING not in text and "ward 4" not in text


def test_a_reporter_may_choose_to_show_the_location(client, incident, on_commit):
    data = {"full_name": "Jean Dupont", "age": "65", "condition": "injured", "source": "official"}
    data |= {"current_location": "Hôpital Lariboisière", "location_public": "on"}
    data["contact_email"] = "cellule@example.org"
    on_commit(client.post, reverse("board:found-create", args=["paris"]), data)
    report = Report.objects.get()
    assert "Hôpital Lariboisière" in _everything_public(incident, [], [report])


def _review(match: Match, client=None) -> str:
    url = reverse("board:match-review", args=[match.uid, match.review_token()])
    return (client or Client()).get(url).content.decode()


def test_a_family_sees_the_location_once_they_confirm_the_match(client, incident, on_commit):
    on_commit(make_post, incident)
    on_commit(make_report, incident, current_location=HIDING)
    match = Match.objects.get()
    assert HIDING not in _review(match)

    url = reverse("board:match-review", args=[match.uid, match.review_token()])
    on_commit(client.post, url, {"answer": "yes"})

    assert HIDING in _review(match)


def _coordinator() -> Client:
    user = User.objects.create_user("colette", "colette@volunteers.invalid", "battery staple 42")
    user.groups.add(Group.objects.get(name="coordinators"))
    coordinator = Client()
    coordinator.force_login(user)
    return coordinator


def _set_active_danger(coordinator: Client, incident: Incident, on: bool) -> None:
    prefix = str(incident.pk)
    data = {f"{prefix}-status": incident.status, f"{prefix}-retention_days": "60"}
    if on:
        data[f"{prefix}-active_danger"] = "on"
    url = reverse("moderation:incident-update", args=[incident.pk])
    assert coordinator.post(url, data).status_code == 302
    incident.refresh_from_db()
    assert incident.active_danger is on


def test_active_danger_hides_current_locations_and_recent_sightings_everywhere(
    client, incident, on_commit
):
    now = timezone.now()
    recent = on_commit(
        make_post, incident, last_seen_place=RECENT, last_seen_at=now - timedelta(minutes=20)
    )
    old = on_commit(
        make_post,
        incident,
        full_name="Sarah Cohen",
        last_seen_place=OLD,
        last_seen_at=now - timedelta(hours=3),
    )
    shown = on_commit(make_report, incident, current_location=HIDING, location_public=True)
    match = Match.objects.get(post=recent, report=shown)
    review = reverse("board:match-review", args=[match.uid, match.review_token()])
    on_commit(client.post, review, {"answer": "yes"})
    posts, reports = [recent, old], [shown]
    before = _everything_public(incident, posts, reports)
    assert RECENT in before and OLD in before and HIDING in before

    coordinator = _coordinator()
    page = coordinator.get(reverse("moderation:incidents")).content.decode()
    assert "active_danger" in page  # the switch is on the incident controls
    on_commit(_set_active_danger, coordinator, incident, True)  # a commit bumps cached pages

    during = _everything_public(incident, posts, reports)
    assert RECENT not in during and HIDING not in during
    assert OLD in during  # a sighting three hours old says nothing about where they are now
    api = Client().get(f"/api/v1/posts/{recent.uid}/").json()
    assert api["last_seen_at"] is None and api["last_seen_place"] == ""
    assert HIDING not in _review(match)  # not even on the confirmed family's private page
    entry = AuditLog.objects.get(action="incident_update")
    assert (entry.actor_name, entry.reason) == ("colette", "active_danger on")

    on_commit(_set_active_danger, coordinator, incident, False)
    assert RECENT in _everything_public(incident, posts, reports)
    assert HIDING in _review(match)


@pytest.mark.parametrize("field", ["current_location", "last_seen_place"])
def test_imports_and_partners_get_the_private_default_too(incident, field):
    if field == "current_location":
        record = make_report(incident, current_location=HIDING)
        assert record.public_location == ""
    else:
        Incident.objects.filter(pk=incident.pk).update(active_danger=True)
        record = make_post(incident, last_seen_place=HIDING, last_seen_at=timezone.now())
        record.incident.refresh_from_db()
        assert record.public_last_seen_place == "" and record.public_last_seen_at is None
