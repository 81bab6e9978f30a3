"""Volunteer limits: short sessions from the first response, real passwords, one permission
system for imports, no open redirect (issue 12, item 12)."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.conftest import make_post


def test_the_sign_in_cookie_lasts_the_volunteer_session_not_two_weeks(client, moderator, settings):
    response = client.post(
        reverse("moderation:login"), {"username": "mona", "password": "correct horse 42"}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.VOLUNTEER_SESSION_SECONDS == 1800
    assert client.session.get_expiry_age() == 1800


@pytest.mark.parametrize("password", ["1", "password", "mona"])
def test_create_volunteer_refuses_a_weak_password(db, password):
    with pytest.raises(CommandError):
        call_command(
            "create_volunteer", "mona", "--email", "mona@example.org", "--password", password
        )
    assert not User.objects.filter(username="mona").exists()
    call_command(
        "create_volunteer", "mona", "--email", "mona@example.org", "--password", "tidal 7 lantern"
    )
    assert User.objects.get(username="mona").check_password("tidal 7 lantern")


def test_a_coordinator_imports_lists_from_the_volunteer_menu(client, coordinator, moderator):
    assert not coordinator.is_staff
    anonymous = client.get("/imports/found/")
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("moderation:login"))

    client.force_login(coordinator)
    menu = client.get(reverse("moderation:dashboard")).content.decode()
    assert reverse("imports:upload") in menu
    assert client.get("/imports/found/").status_code == 200

    client.force_login(moderator)
    assert client.get("/imports/found/").status_code == 403
    assert (
        reverse("imports:upload")
        not in client.get(reverse("moderation:dashboard")).content.decode()
    )


@pytest.mark.parametrize(
    "next_url, lands_on",
    [
        ("https://evil.example/phish", "/volunteer/flags/"),
        ("//evil.example/phish", "/volunteer/flags/"),
        ("https:///evil.example", "/volunteer/flags/"),
        ("/volunteer/held/", "/volunteer/held/"),
    ],
)
def test_flag_decide_redirects_only_within_the_site(
    moderator_client, incident, on_commit, next_url, lands_on
):
    post = on_commit(make_post, incident)
    url = reverse("moderation:flag-decide", args=["p", post.uid])
    response = moderator_client.post(url, {"action": "dismiss", "next": next_url})
    assert response.status_code == 302
    assert response.url == lands_on
