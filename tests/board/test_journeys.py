"""The loop: a family posts, someone reports the person safe, the board links them, the family is told."""

import re

import pytest
from django.urls import reverse

from reunify.actions.matching import match_new_report
from reunify.alerts.models import Alert, DeliveryState, Message
from reunify.board.models import Post, Report, Visibility
from reunify.matches.models import Match
from tests.conftest import FAMILY, REPORTER, make_post, make_report

REPORTER_EMAIL = REPORTER["contact_email"]

pytestmark = pytest.mark.django_db


def _alert_mails(mailoutbox):
    return [m for m in mailoutbox if "Possible match" in m.subject]


def _link_in(mail, name: str) -> str:
    found = re.search(rf"http://testserver(/{name}/[^\s\"<]+)", mail.body)
    assert found, mail.body
    return found.group(1)


def test_family_posts_a_search_and_gets_a_private_link(client, incident, on_commit, mailoutbox):
    data = {
        "full_name": "Hélène Lefèvre",
        "alternate_names": "Helene Lefebvre",
        "age": "25-30",
        "sex": "female",
        "last_seen_place": "Boulevard Voltaire",
        **FAMILY,
    }
    response = on_commit(client.post, reverse("board:post-create", args=["paris"]), data)

    post = Post.objects.get()
    assert (post.age, post.age_min, post.age_max) == (None, 25, 30)
    assert response.status_code == 302
    assert response.url == reverse("board:post-manage", args=[post.uid, post.secret_token()])
    page = client.get(response.url)
    assert "Keep this private link" in page.content.decode()
    [mail] = mailoutbox
    assert mail.to == [FAMILY["contact_email"]]
    assert _link_in(mail, "manage") == response.url


def test_safe_report_under_another_spelling_alerts_the_family_once(incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident)

    match = Match.objects.get(post=post, report=report)
    assert match.level == Match.Level.LIKELY
    assert match.reasons and all("template" in reason for reason in match.reasons)
    alert = Alert.objects.get(match=match)
    assert alert.state == DeliveryState.SENT
    assert alert.sent_at is not None
    [mail] = _alert_mails(mailoutbox)
    assert mail.to == [FAMILY["contact_email"]]
    assert str(alert.idempotency_key) in mail.extra_headers["Message-ID"]
    assert _link_in(mail, "review") == reverse(
        "board:match-review", args=[match.uid, match.review_token()]
    )

    on_commit(match_new_report, report_id=report.pk)  # the matcher runs again: nothing new
    assert Alert.objects.count() == 1
    assert len(_alert_mails(mailoutbox)) == 1


def test_a_report_made_before_the_search_is_found_when_the_family_posts(
    incident, on_commit, mailoutbox
):
    on_commit(make_report, incident, kind=Report.Kind.SAFE, source="", condition="safe")
    post = on_commit(make_post, incident)

    assert Match.objects.get(post=post).level == Match.Level.LIKELY
    assert len(_alert_mails(mailoutbox)) == 1


def test_family_confirms_this_is_them_and_the_reporter_is_told(
    client, incident, on_commit, mailoutbox
):
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident)
    match = Match.objects.get()
    url = reverse("board:match-review", args=[match.uid, match.review_token()])

    page = client.get(url).content.decode()
    assert "Mohammed Ben Ali" in page and "Mohamed Benali" in page
    assert REPORTER_EMAIL not in page and FAMILY["contact_email"] not in page
    on_commit(client.post, url, {"answer": "yes"})

    match.refresh_from_db()
    post.refresh_from_db()
    assert match.state == Match.State.CONFIRMED
    assert post.status == Post.Status.FOUND
    told = [m for m in mailoutbox if m.to == [REPORTER_EMAIL] and "recognised" in m.subject]
    assert len(told) == 1

    on_commit(client.post, url, {"body": "Thank you! Which ward is he in?"})
    relayed = Message.objects.get(kind=Message.Kind.FAMILY_TO_REPORTER)
    assert relayed.state == DeliveryState.SENT
    mail = next(m for m in mailoutbox if "Which ward" in m.body)
    assert mail.to == [report.contact_email]
    assert FAMILY["contact_email"] not in mail.body  # no address unless the family gives one


def test_not_them_is_remembered_and_never_alerted_again(client, incident, on_commit, mailoutbox):
    on_commit(make_post, incident)
    report = on_commit(make_report, incident)
    match = Match.objects.get()
    url = reverse("board:match-review", args=[match.uid, match.review_token()])

    on_commit(client.post, url, {"answer": "no"})
    on_commit(match_new_report, report_id=report.pk)

    match.refresh_from_db()
    assert match.state == Match.State.REJECTED
    assert len(_alert_mails(mailoutbox)) == 1
    assert "not them" in client.get(url).content.decode()


def test_review_link_with_a_wrong_token_is_not_found(client, incident, on_commit):
    on_commit(make_post, incident)
    on_commit(make_report, incident)
    match = Match.objects.get()
    assert client.get(reverse("board:match-review", args=[match.uid, "0" * 40])).status_code == 404


def test_closed_post_gets_no_alert(incident, on_commit, mailoutbox):
    from reunify.actions.records import post_set_status

    post = on_commit(make_post, incident)
    on_commit(post_set_status, post=post, status=Post.Status.REUNITED)
    on_commit(make_report, incident)

    assert not _alert_mails(mailoutbox)


def test_family_can_stop_alerts_with_one_link(client, incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    on_commit(make_report, incident)
    stop_url = _link_in(_alert_mails(mailoutbox)[0], "stop")

    on_commit(client.post, stop_url)
    on_commit(make_report, incident, full_name="Mouhamed Benali", contact_email="x@example.org")

    post.refresh_from_db()
    assert not post.alerts_enabled
    assert len(_alert_mails(mailoutbox)) == 1


def test_a_death_reported_by_the_public_is_held_and_never_sent(incident, on_commit, mailoutbox):
    on_commit(make_post, incident)
    report = on_commit(make_report, incident, condition=Report.Condition.DECEASED)

    assert report.visibility == Visibility.HELD
    assert report.pfif_status == Report.PfifStatus.BELIEVED_DEAD
    assert not _alert_mails(mailoutbox)
    assert Match.objects.get().level == Match.Level.REVIEW


def test_reporter_kinds_use_the_pfif_vocabulary(incident, on_commit):
    safe = on_commit(make_report, incident, kind=Report.Kind.SAFE, source="", full_name="Ana Lima")
    seen = on_commit(make_report, incident, full_name="Rui Lima")
    assert safe.pfif_status == Report.PfifStatus.IS_NOTE_AUTHOR
    assert safe.source == Report.Source.SELF
    assert seen.pfif_status == Report.PfifStatus.BELIEVED_ALIVE


def test_im_safe_form_is_short_and_creates_a_report(client, incident, on_commit):
    page = client.get(reverse("board:safe-create", args=["paris"]))
    assert len(page.context["form"].visible_fields()) <= 7  # few fields, fast on a phone

    data = {"full_name": "Sarah Cohen", "age": "29", "contact_phone": "+33 6 11 22 33 44"}
    response = on_commit(client.post, reverse("board:safe-create", args=["paris"]), data)

    report = Report.objects.get()
    assert report.kind == Report.Kind.SAFE
    assert response.url == reverse("board:report-manage", args=[report.uid, report.secret_token()])


def test_found_report_form_creates_a_report(client, incident, on_commit):
    data = {
        "full_name": "Jean Pierre Dupont",
        "age": "65-70",
        "sex": "male",
        "condition": "injured",
        "source": "official",
        "current_location": "Hôpital Lariboisière",
        "contact_email": "cellule@example.org",
    }
    on_commit(client.post, reverse("board:found-create", args=["paris"]), data)

    report = Report.objects.get()
    assert not report.location_public and report.public_location == ""  # private by default
    page = client.get(reverse("board:report-detail", args=[report.uid])).content.decode()
    assert "Lariboisière" not in page


def test_someone_with_information_writes_to_the_family(client, incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    mailoutbox.clear()
    url = reverse("board:post-detail", args=[post.uid])

    data = {"body": "I saw him at the Red Cross tent.", "reply_email": "witness@example.org"}
    on_commit(client.post, url, data)

    [mail] = mailoutbox
    assert mail.to == [FAMILY["contact_email"]]
    assert "Red Cross tent" in mail.body and mail.reply_to == ["witness@example.org"]


def test_family_edits_closes_and_deletes_their_post(client, incident, on_commit):
    post = on_commit(make_post, incident)
    manage = reverse("board:post-manage", args=[post.uid, post.secret_token()])
    data = {"full_name": "Mohamed Ben Ali", "age": "35", **FAMILY}

    on_commit(client.post, manage, data)
    post.refresh_from_db()
    assert (post.full_name, post.age) == ("Mohamed Ben Ali", 35)

    client.post(
        reverse("board:post-status", args=[post.uid, post.secret_token()]), {"status": "reunited"}
    )
    post.refresh_from_db()
    assert post.status == Post.Status.REUNITED

    client.post(reverse("board:post-delete", args=[post.uid, post.secret_token()]))
    # Deleting takes the post off the board at once; its data goes after a restore window
    # (tests/moderation/test_retention.py).
    post.refresh_from_db()
    assert post.deleted_at is not None and not post.is_public
    assert client.get(reverse("board:post-detail", args=[post.uid])).status_code == 404


def test_manage_page_with_a_wrong_token_is_not_found(client, incident, on_commit):
    post = on_commit(make_post, incident)
    assert client.get(reverse("board:post-manage", args=[post.uid, "x" * 40])).status_code == 404


def test_home_lists_active_incidents_only(client, incident):
    from reunify.board.services import incident_create

    incident_create(name="Beirut port", slug="beirut", area="Beirut, Lebanon", status="staging")
    page = client.get("/").content.decode()
    assert "Paris, 13 November" in page and "Beirut port" not in page


def test_a_held_search_gets_no_alert_until_a_volunteer_publishes_it(
    incident, on_commit, mailoutbox
):
    # A fake "search" can be a stalker's way to find someone who said they are safe.
    from reunify.board.models import Visibility

    post = on_commit(make_post, incident)
    Post.objects.filter(pk=post.pk).update(visibility=Visibility.HELD)
    on_commit(make_report, incident)

    assert Match.objects.get().level == Match.Level.REVIEW
    assert not _alert_mails(mailoutbox)
