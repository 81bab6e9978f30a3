"""No public endpoint returns contact details; a read_contact key gets them."""

import json

import pytest

from tests.conftest import FAMILY, REPORTER, make_post, make_report

pytestmark = pytest.mark.django_db

SECRETS = [v for persona in (FAMILY, REPORTER) for v in persona.values()]


def _public_urls(incident, post, report):
    return [
        "/api/v1/incidents/",
        f"/api/v1/incidents/{incident.slug}/",
        f"/api/v1/incidents/{incident.slug}/search/?q=Mohamed+Benali",
        "/api/v1/posts/",
        f"/api/v1/posts/{post.uid}/",
        "/api/v1/reports/",
        f"/api/v1/reports/{report.uid}/",
        f"/pfif/{incident.slug}/export.xml",
        f"/pfif/{incident.slug}/export.xml?version=1.3",
        f"/pfif/{incident.slug}/feed.atom",
        "/api/schema/",
    ]


def _text(response) -> str:
    body = response.content.decode()
    return (
        json.dumps(json.loads(body), ensure_ascii=False)
        if "json" in response["Content-Type"]
        else body
    )


def test_no_public_endpoint_returns_contact_details(client, incident, make_key):
    post, report = make_post(incident), make_report(incident)  # its location is private by default
    _, read_only = make_key(scopes=["read", "write"])
    for headers in ({}, read_only):
        for url in _public_urls(incident, post, report):
            response = client.get(url, **headers)
            assert response.status_code == 200, url
            text = _text(response)
            for secret in SECRETS + ["Hôpital Saint-Louis"]:
                assert secret not in text, (url, secret)


def test_a_read_contact_key_gets_contact_details(client, incident, make_key):
    post = make_post(incident)
    _, vetted = make_key(scopes=["read", "read_contact"], org="Croix-Rouge")
    data = client.get(f"/api/v1/posts/{post.uid}/", **vetted).json()
    assert data["contact_email"] == FAMILY["contact_email"]
    xml = client.get(f"/pfif/{incident.slug}/export.xml", **vetted).content.decode()
    assert FAMILY["contact_email"] in xml
