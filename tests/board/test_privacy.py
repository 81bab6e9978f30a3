"""Contact details are never rendered on a public page."""

import pytest
from django.urls import reverse

from reunify.matches.models import Match
from tests.conftest import FAMILY, REPORTER, jpeg_bytes, make_post, make_report

pytestmark = pytest.mark.django_db

SECRETS = [
    FAMILY["contact_email"],
    FAMILY["contact_phone"],
    FAMILY["contact_name"],
    REPORTER["contact_email"],
    REPORTER["contact_phone"],
]


def _public_pages(incident, post, report):
    yield reverse("board:home")
    yield reverse("board:incident", args=[incident.slug])
    yield reverse("board:search", args=[incident.slug]) + "?q=Mohamed+Benali"
    yield reverse("board:search", args=[incident.slug]) + "?q=محمد"
    yield reverse("board:post-detail", args=[post.uid])
    yield reverse("board:report-detail", args=[report.uid])
    yield reverse("healthz")
    yield reverse("readyz")


def test_stranger_cannot_see_contact_details_anywhere(client, incident, on_commit):
    post = on_commit(make_post, incident, alternate_names="محمد بن علي", photos=[jpeg_bytes()])
    report = on_commit(make_report, incident)
    assert Match.objects.exists()  # the pages show a linked pair, the riskiest case

    for url in _public_pages(incident, post, report):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, f"{secret!r} leaked on {url}"


def test_search_results_show_public_facts_only(client, incident, on_commit):
    on_commit(make_post, incident)
    body = client.get(
        reverse("board:search", args=[incident.slug]), {"q": "Mohammed Benali"}
    ).content.decode()
    assert "Mohamed Benali" in body
    assert FAMILY["contact_email"] not in body


def test_a_hidden_or_held_record_has_no_public_page(client, incident, on_commit):
    report = on_commit(make_report, incident, condition="deceased")
    assert client.get(reverse("board:report-detail", args=[report.uid])).status_code == 404
