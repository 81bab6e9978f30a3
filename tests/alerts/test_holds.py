"""A record waiting for a volunteer never e-mails a family: not when the match is made, and
not when an alert made earlier comes up for sending (issue 12, item 1 and item 4)."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from reunify.alerts.models import Alert, DeliveryState
from reunify.alerts.tasks import send_alert
from reunify.board.models import HoldReason, Post, Report, Visibility
from tests.conftest import make_post, make_report


def _alert_mails(mailoutbox):
    return [m for m in mailoutbox if "X-Reunify-Alerts" in m.extra_headers]


def _matched_but_not_sent(incident, on_commit, django_capture_on_commit_callbacks, **report):
    """A post, then a report that matches it: the alert exists and waits for its task."""
    post = on_commit(make_post, incident)
    with django_capture_on_commit_callbacks() as matching:
        found = make_report(incident, **report)
    for callback in matching:  # the matching task; the send it enqueues never commits here
        callback()
    alert = Alert.objects.get(match__post=post, channel=Alert.Channel.EMAIL)
    assert alert.state == DeliveryState.PENDING
    return post, found, alert


def _flag(client, record, ip):
    kind = "p" if isinstance(record, Post) else "r"
    url = reverse("moderation:flag", args=[kind, record.uid])
    return client.post(url, {"reason": "hoax", "note": "a fake search"}, REMOTE_ADDR=ip)


def test_a_post_held_by_flags_never_emails_the_family(
    client, incident, on_commit, django_capture_on_commit_callbacks, mailoutbox
):
    post, _found, alert = _matched_but_not_sent(
        incident, on_commit, django_capture_on_commit_callbacks
    )
    for n in range(3):
        _flag(client, post, ip=f"10.0.0.{n}")
    post.refresh_from_db()
    assert (post.visibility, post.hold_reason) == (Visibility.HELD, HoldReason.FLAGS)

    send_alert(alert.pk)  # the task that was waiting, checked again right before sending

    alert.refresh_from_db()
    assert alert.state == DeliveryState.CANCELLED
    assert not _alert_mails(mailoutbox)
    # And while it is held, a new match makes no alert at all.
    on_commit(make_report, incident, full_name="Mohamed Ben Ali", contact_email="")
    assert not Alert.objects.filter(match__post=post).exclude(state=DeliveryState.CANCELLED)
    assert not _alert_mails(mailoutbox)


def _partner_report(client, incident, api_key_header):
    record = {"incident": incident.slug, "full_name": "Mohammed Ben Ali", "age": 34}
    record |= {"sex": "male", "condition": "hospital", "external_id": "stl-1"}
    response = client.post("/api/v1/reports/", record, "application/json", **api_key_header)
    assert response.status_code == 201, response.content
    return Report.objects.get(uid=response.json()["records"][0]["uid"])


def _key(scopes=("read", "write")):
    from reunify.api.services import api_key_create

    _key_row, raw = api_key_create(organisation_name="Hôpital Saint-Louis", scopes=list(scopes))
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


def _coordinator_client(client):
    user = User.objects.create_user("colette", "colette@volunteers.invalid", "battery staple 42")
    user.groups.add(Group.objects.get(name="coordinators"))
    client.force_login(user)
    return client


def test_a_death_reported_through_the_api_lands_in_the_deaths_queue(client, incident, on_commit):
    header = _key()
    report = on_commit(_partner_report, client, incident, header)
    assert report.is_public

    url = f"/api/v1/reports/{report.uid}/condition/"
    response = client.post(url, {"condition": "deceased"}, "application/json", **header)

    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.visibility, report.hold_reason) == (Visibility.HELD, HoldReason.DECEASED)
    assert client.get(f"/api/v1/reports/{report.uid}/").status_code == 404
    page = _coordinator_client(client).get(reverse("moderation:deceased")).content.decode()
    assert "Mohammed Ben Ali" in page


def test_a_report_held_as_an_unconfirmed_death_never_emails_the_family(
    client, incident, on_commit, django_capture_on_commit_callbacks, mailoutbox
):
    header = _key()
    on_commit(make_post, incident)
    with django_capture_on_commit_callbacks() as matching:
        report = _partner_report(client, incident, header)
    for callback in matching:
        callback()
    alert = Alert.objects.get(match__report=report, channel=Alert.Channel.EMAIL)
    assert alert.state == DeliveryState.PENDING

    url = f"/api/v1/reports/{report.uid}/condition/"
    response = client.post(url, {"condition": "deceased"}, "application/json", **header)
    assert response.status_code == 200
    send_alert(alert.pk)

    alert.refresh_from_db()
    assert alert.state == DeliveryState.CANCELLED
    assert not _alert_mails(mailoutbox)
