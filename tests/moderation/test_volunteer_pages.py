"""Issue 11, the volunteer side: the dashboard on a phone, opening an incident, telling a
family, and no English left in other languages."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from reunify.board.models import Incident, Visibility
from reunify.moderation.models import AuditLog
from tests.conftest import FAMILY, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _text(response) -> str:
    return response.content.decode()


def test_the_chart_shows_one_day_of_data(moderator_client, incident):
    make_post(incident)
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    assert re.search(r'<circle class="dot-open"', page)


def test_the_dashboard_table_scrolls_inside_its_box_on_a_phone(moderator_client, incident):
    page = _text(moderator_client.get(reverse("moderation:dashboard")))
    assert (
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Queues">\n<table class="queues stack">'
        in page
    )


def test_a_coordinator_opens_a_new_incident_from_the_volunteer_pages(coordinator_client):
    dashboard = _text(coordinator_client.get(reverse("moderation:dashboard")))
    assert "Open a new incident" in dashboard

    data = {"name": "Derna floods", "slug": "derna-2023", "area": "Derna, Libya"}
    response = coordinator_client.post(reverse("moderation:incidents"), data)

    assert response.status_code == 302
    incident = Incident.objects.get(slug="derna-2023")
    assert incident.status == Incident.Status.ACTIVE
    assert AuditLog.objects.filter(action="incident_open", target="derna-2023").exists()


def test_a_moderator_cannot_open_an_incident(moderator_client):
    data = {"name": "X", "slug": "x", "area": "Y"}
    assert moderator_client.post(reverse("moderation:incidents"), data).status_code == 403
    assert not Incident.objects.filter(slug="x").exists()


def test_a_family_is_told_when_a_volunteer_hides_their_post(
    moderator_client, incident, django_capture_on_commit_callbacks, mailoutbox
):
    post = make_post(incident, full_name="Karim Haddad", **FAMILY)
    url = reverse("moderation:flag-decide", args=["p", post.uid])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(url, {"action": "hide", "reason": "same as post 12"})

    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN
    [mail] = [m for m in mailoutbox if "off the board" in m.body]
    assert mail.to == [FAMILY["contact_email"]]
    assert "Karim Haddad" in mail.subject
    assert "same as post 12" not in mail.body  # the volunteers' reason stays with them
    assert "/manage/p/" in mail.body


def test_volunteer_pages_have_no_english_codes_in_french(client, coordinator):
    client.force_login(coordinator)
    other = User.objects.create_user("rami", "rami@volunteers.invalid", "x-long-password-42")
    other.groups.add(Group.objects.get(name="coordinators"))
    AuditLog.objects.create(actor=None, actor_name="system", action="volunteer_add:coordinators")
    AuditLog.objects.create(actor=coordinator, actor_name="colette", action="hide")

    people = _text(client.get(reverse("moderation:volunteers"), HTTP_ACCEPT_LANGUAGE="fr"))
    audit = _text(client.get(reverse("moderation:audit"), HTTP_ACCEPT_LANGUAGE="fr"))

    assert "<td>coordinators</td>" not in people and "<td>Coordinateur</td>" in people
    for code in ("volunteer_add:coordinators", ">system<", ">hide<"):
        assert code not in audit


def test_arabic_dates_are_written_in_the_arabic_order():
    when = datetime(2026, 11, 30, 10, 34, tzinfo=UTC)
    with translation.override("ar"):
        text = date_format(when, "SHORT_DATETIME_FORMAT")
        long = date_format(when, "DATETIME_FORMAT")
    assert text.startswith("30")
    assert long.startswith("30 نوفمبر")
    assert "," not in long


def test_a_coordinator_imports_a_list_from_the_volunteer_pages(coordinator_client, client):
    dashboard = _text(coordinator_client.get(reverse("moderation:dashboard")))
    assert 'href="/imports/found/"' in dashboard
    assert coordinator_client.get("/imports/found/").status_code == 200


def test_the_list_import_sends_strangers_to_the_volunteer_sign_in(client):
    response = client.get("/imports/found/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("moderation:login"))


def test_the_held_queue_headings_do_not_skip_a_level(moderator_client, incident):
    from reunify.board.models import HoldReason
    from reunify.board.services import record_hold

    record_hold(record=make_post(incident, full_name="Held Person"), reason=HoldReason.RISK)
    page = _text(moderator_client.get(reverse("moderation:held")))
    levels = [int(level) for level in re.findall(r"<h([1-6])", page.split("<main>", 1)[1])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
