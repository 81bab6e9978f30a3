"""The "I'm safe" form under a surge: no session for an anonymous sender, the incident read
from the cache, and every rule kept (a coordinator's switch reaches the forms at once)."""

from django.contrib.sessions.models import Session
from django.urls import reverse

from reunify.board.models import Report
from reunify.board.services import incident_update
from reunify.moderation.guard import POW_CHALLENGE_FIELD

SAFE = {"full_name": "Samira Haddad", "message": "ok", "contact_phone": "+33 6 11 22 33 44"}
BANNER = "Keep this private link"


def test_saying_safe_leaves_no_session_and_shows_the_private_link_note_once(client, incident):
    response = client.post(reverse("board:safe-create", args=["paris"]), SAFE)
    assert response.status_code == 302
    assert Session.objects.count() == 0
    assert "sessionid" not in response.cookies
    # The note travels in a signed cookie holding the public uid, never the private link.
    report = Report.objects.get()
    assert report.secret_token() not in response.cookies["just_created"].value
    manage = client.get(response["Location"])
    assert BANNER in manage.content.decode()
    assert BANNER not in client.get(response["Location"]).content.decode()


def test_a_forged_just_created_note_is_ignored(client, incident):
    response = client.post(reverse("board:safe-create", args=["paris"]), SAFE)
    client.cookies["just_created"] = str(Report.objects.get().uid)  # unsigned
    assert BANNER not in client.get(response["Location"]).content.decode()


def test_an_invalid_form_says_why_and_saves_nothing(client, incident):
    response = client.post(reverse("board:safe-create", args=["paris"]), {"full_name": "Samira"})
    assert response.status_code == 200
    assert "Give an e-mail address or a phone number" in response.content.decode()
    assert not Report.objects.exists()


def test_a_coordinator_s_switch_reaches_the_cached_incident_at_once(client, incident, on_commit):
    url = reverse("board:safe-create", args=["paris"])
    assert client.post(url, SAFE).status_code == 302  # the incident is now in the cache
    on_commit(incident_update, incident=incident, proof_of_work=True)
    refused = client.post(url, {**SAFE, "full_name": "Omar Haddad"})
    assert refused.status_code == 400
    assert f'name="{POW_CHALLENGE_FIELD}"' in client.get(url).content.decode()
    assert Report.objects.count() == 1


def test_a_closed_incident_takes_no_more_reports_though_it_was_cached(client, incident, on_commit):
    url = reverse("board:safe-create", args=["paris"])
    client.get(url)
    on_commit(incident_update, incident=incident, status="closed")
    response = client.post(url, {**SAFE, "full_name": "Omar Haddad"})
    assert response.status_code == 200
    assert not Report.objects.exists()
