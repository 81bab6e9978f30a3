from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reunify.api.models import ApiKey, ApiWriteLog, ExternalRecord
from reunify.board.models import Report, Visibility
from reunify.matches.models import Match
from tests.conftest import FAMILY, REPORTER, make_post, make_report

pytestmark = pytest.mark.django_db

HOSPITAL_BATCH = [
    {
        "external_id": "sl-001",
        "full_name": "Mohammed Ben Ali",
        "age": 34,
        "sex": "male",
        "condition": "hospital",
        "current_location": "Hôpital Saint-Louis",
        **REPORTER,
    },
    {"external_id": "sl-002", "full_name": "Claire Dubois", "age_min": 20, "age_max": 30},
]


def _batch(api, headers, incident, records=HOSPITAL_BATCH):
    return api(
        "post", "/api/v1/reports/batch/", {"incident": incident.slug, "records": records}, headers
    )


def test_a_partner_pushes_a_batch_of_found_reports_and_they_are_matched(
    incident, api, make_key, on_commit
):
    on_commit(make_post, incident)
    _, headers = make_key()
    response = on_commit(_batch, api, headers, incident)
    assert response.status_code == 200, response.content
    assert response.json()["written"] == 2
    assert Report.objects.filter(incident=incident).count() == 2
    assert Match.objects.filter(report__full_name="Mohammed Ben Ali").exists()


def test_a_retried_batch_changes_nothing(incident, api, make_key):
    _, headers = make_key()
    first = _batch(api, headers, incident).json()
    second = _batch(api, headers, incident).json()
    assert second["written"] == 0 and second["unchanged"] == 2
    assert [r["uid"] for r in first["records"]] == [r["uid"] for r in second["records"]]
    assert Report.objects.count() == 2


def test_a_batch_with_one_bad_record_writes_nothing_and_names_the_field(incident, api, make_key):
    _, headers = make_key()
    records = [HOSPITAL_BATCH[0], {"full_name": "", "age": 400}]
    response = _batch(api, headers, incident, records)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "records.1.full_name" in error["fields"] and "records.1.age" in error["fields"]
    assert Report.objects.count() == 0


def test_writing_needs_a_key_with_the_write_scope(incident, api, make_key):
    assert _batch(api, {}, incident).status_code in (401, 403)
    _, read_only = make_key(scopes=["read"])
    response = _batch(api, read_only, incident)
    assert response.status_code == 403
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_an_expired_or_revoked_key_is_refused(incident, api, make_key):
    _, expired = make_key(expires_at=timezone.now() - timedelta(days=1))
    assert _batch(api, expired, incident).status_code == 401
    key, revoked = make_key(org="Croix-Rouge")
    from reunify.api.services import api_key_revoke

    api_key_revoke(key=key)
    assert _batch(api, revoked, incident).status_code == 401


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Cette clé d’API n’est pas valide, a expiré ou a été révoquée."),
        ("ar", "مفتاح الواجهة البرمجية هذا غير صالح أو انتهت صلاحيته أو أُلغي."),
    ],
)
def test_errors_speak_the_callers_language(incident, api, make_key, language, message):
    _, expired = make_key(expires_at=timezone.now() - timedelta(days=1))
    response = _batch(api, {**expired, "HTTP_ACCEPT_LANGUAGE": language}, incident)
    assert response.json()["error"]["message"] == message
    bad = [{"external_id": "x", "full_name": "Léa Petit", "age_text": "about forty"}]
    _, headers = make_key()
    response = _batch(api, {**headers, "HTTP_ACCEPT_LANGUAGE": language}, incident, bad)
    assert response.status_code == 400
    assert response.json()["error"]["message"] != "Some fields are not valid."


def test_keys_are_stored_hashed_and_printed_once(db, capsys):
    call_command("create_api_key", "--org", "Samu 75", "--scopes", "read,write")
    raw = capsys.readouterr().out.strip()
    key = ApiKey.objects.get()
    assert raw.startswith("rk_") and raw not in (key.hashed, key.prefix)
    assert key.scopes == ["read", "write"] and str(key.organisation) == "Samu 75"


def test_every_write_is_logged_with_its_key_and_no_personal_details(incident, api, make_key):
    key, headers = make_key()
    _batch(api, headers, incident)
    _batch(api, headers, incident, [{"full_name": ""}])
    logs = list(ApiWriteLog.objects.order_by("pk"))
    assert [(log.key_id, log.status_code) for log in logs] == [(key.pk, 200), (key.pk, 400)]
    assert logs[0].written == 2
    stored = str([(log.action, log.records) for log in logs])
    assert "Ben Ali" not in stored and REPORTER["contact_email"] not in stored


def test_a_death_from_a_partner_without_mark_deceased_waits_for_review(incident, api, make_key):
    _, headers = make_key()
    record = {"full_name": "Jean Martin", "condition": "deceased"}
    _batch(api, headers, incident, [record])
    assert Report.objects.get().visibility == Visibility.HELD
    _, trusted = make_key(scopes=["write", "mark_deceased"], org="Institut médico-légal")
    _batch(api, trusted, incident, [{**record, "full_name": "Paul Martin"}])
    assert Report.objects.get(full_name="Paul Martin").visibility == Visibility.PUBLIC


def test_a_partner_updates_the_condition_of_its_own_report_only(incident, api, make_key):
    _, headers = make_key()
    uid = _batch(api, headers, incident).json()["records"][0]["uid"]
    response = api("post", f"/api/v1/reports/{uid}/condition/", {"condition": "safe"}, headers)
    assert response.status_code == 200 and response.json()["condition"] == "safe"
    _, other = make_key(org="Another shelter")
    response = api("post", f"/api/v1/reports/{uid}/condition/", {"condition": "injured"}, other)
    assert response.status_code == 403


def test_a_partner_can_post_a_missing_person(incident, api, make_key):
    _, headers = make_key()
    body = {"incident": incident.slug, "full_name": "Léa Petit", "age": 8, **FAMILY}
    response = api("post", "/api/v1/posts/", body, headers)
    assert response.status_code == 201
    assert ExternalRecord.objects.get().post.full_name == "Léa Petit"


def test_public_lists_filter_by_incident_status_and_update_time(incident, api):
    post = make_post(incident)
    make_post(incident, full_name="Léa Petit")
    before = timezone.now()
    from reunify.actions.records import post_set_status

    post_set_status(post=post, status="found")
    data = api("get", f"/api/v1/posts/?incident={incident.slug}&status=found").json()
    assert [p["uid"] for p in data["results"]] == [str(post.uid)]
    since = before.isoformat().replace("+00:00", "Z")
    data = api("get", "/api/v1/posts/", {"updated_since": since}).json()
    assert data["count"] == 1
    assert api("get", "/api/v1/posts/?page_size=1").json()["next"]


def test_name_search_has_the_web_limits(incident, api):
    make_report(incident)
    url = f"/api/v1/incidents/{incident.slug}/search/"
    hits = api("get", url, {"q": "Mohamed Benali"}).json()
    assert hits and hits[0]["type"] == "report"
    refused = api("get", url, {"q": "75013 - 12"})
    assert refused.status_code == 400 and "q" in refused.json()["error"]["fields"]


def test_held_records_are_not_in_the_public_api(incident, api):
    report = make_report(incident, condition=Report.Condition.DECEASED)
    assert report.visibility == Visibility.HELD
    assert api("get", "/api/v1/reports/").json()["count"] == 0
    assert api("get", f"/api/v1/reports/{report.uid}/").status_code == 404


def test_swagger_ui_is_served_without_a_cdn(client):
    page = client.get("/api/docs/").content.decode()
    assert "swagger" in page.lower() and "cdn" not in page.lower() and "//unpkg" not in page
    assert client.get("/api/schema/").status_code == 200


def test_a_hospital_batch_sharing_one_contact_is_published_and_sends_no_link_emails(
    incident, api, make_key, on_commit, mailoutbox
):
    # The public same-contact risk rule would hold a shelter's tenth record; a keyed partner is vetted.
    records = [
        {"external_id": f"sh-{n}", "full_name": name, "age": 30 + n, **REPORTER}
        for n, name in enumerate(["Ana Lima", "Rui Costa", "Eva Nunes", "Luís Melo", "Inês Sá"])
    ]
    _, headers = make_key()
    response = on_commit(_batch, api, headers, incident, records)
    assert response.status_code == 200, response.content
    assert set(Report.objects.values_list("visibility", flat=True)) == {Visibility.PUBLIC}
    assert not [m for m in mailoutbox if m.to == [REPORTER["contact_email"]]]


@pytest.mark.parametrize("size", ["null", "0", "-3", "201", "1e3"])
def test_a_page_size_that_is_not_a_whole_number_in_range_is_refused(incident, api, size):
    response = api("get", "/api/v1/posts/", {"page_size": size})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["fields"]
    assert api("get", "/api/v1/posts/", {"page_size": "10"}).status_code == 200


def test_writes_are_json_only_and_say_so(incident, client, make_key):
    _, headers = make_key()
    response = client.post("/api/v1/reports/batch/", {"incident": "paris"}, **headers)
    assert response.status_code == 415
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    body = schema["paths"]["/api/v1/reports/batch/"]["post"]["requestBody"]["content"]
    assert list(body) == ["application/json"]


def test_a_range_sent_backwards_is_read_as_the_web_form_reads_it(incident, api, make_key):
    _, headers = make_key()
    records = [{"external_id": "x", "full_name": "Léa Petit", "age_min": 9, "age_max": 6}]
    assert _batch(api, headers, incident, records).status_code == 200
    assert (Report.objects.get().age_min, Report.objects.get().age_max) == (6, 9)
