"""Following a person: double opt-in, told once, shared by linked posts, one-click unfollow."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reunify.actions.records import post_set_status, report_set_condition
from reunify.actions.volunteers import deceased_approve
from reunify.alerts.followers import follower_request
from reunify.alerts.models import DeliveryState, Follower, Message
from reunify.board.models import Post, Report, Visibility
from reunify.moderation.models import DuplicatePair
from tests.conftest import FAMILY, make_post, make_report
from tests.moderation.conftest import coordinator  # noqa: F401 - a persona fixture

pytestmark = pytest.mark.django_db

FRIEND = "karim.friend@example.net"
VICTIM = "someone.else@example.com"


def _link(mail, name: str) -> str:
    found = re.search(rf"http://testserver(/follow/{name}/[^\s\"<]+)", mail.body)
    assert found, mail.body
    return found.group(1)


def _follow(client, record, email, on_commit):
    kind = "p" if isinstance(record, Post) else "r"
    url = reverse("board:follow", args=[kind, record.uid])
    return on_commit(client.post, url, {"email": email})


def _confirmed(client, record, email, on_commit, mailoutbox):
    _follow(client, record, email, on_commit)
    confirm = _link(mailoutbox[-1], "yes")
    assert client.get(confirm).status_code == 200
    on_commit(client.post, confirm)
    return Follower.objects.get(email=email, **{type(record).__name__.lower(): record})


def _notices(mailoutbox, to=FRIEND):
    return [m for m in mailoutbox if m.to == [to] and "follow" not in m.subject.lower()]


def test_a_follower_confirms_then_is_told_once_when_the_person_is_found(
    client, incident, on_commit, mailoutbox
):
    post = on_commit(make_post, incident)
    mailoutbox.clear()
    response = _follow(client, post, FRIEND, on_commit)
    assert "Check your e-mail" in response.content.decode()
    [confirm_mail] = mailoutbox
    assert confirm_mail.to == [FRIEND]
    # Nothing before the click: the page still counts nobody.
    assert (
        "0 people follow"
        in client.get(reverse("board:post-detail", args=[post.uid])).content.decode()
    )

    follower = _confirmed(Client(), post, FRIEND, on_commit, mailoutbox[:0] or [confirm_mail])
    assert follower.state == Follower.State.ACTIVE
    assert (
        "1 person follows"
        in client.get(reverse("board:post-detail", args=[post.uid])).content.decode()
    )

    on_commit(post_set_status, post=post, status=Post.Status.FOUND)
    on_commit(post_set_status, post=post, status=Post.Status.REUNITED)

    [notice] = _notices(mailoutbox)
    assert notice.subject == "Mohamed Benali has been found"
    assert f"/p/{post.uid}/" in notice.body
    for private in FAMILY.values():
        assert private not in notice.body
    assert "/manage/" not in notice.body and "/review/" not in notice.body
    follower.refresh_from_db()
    assert follower.state == Follower.State.TOLD and follower.email == ""
    # Both messages went, and neither keeps the address.
    assert set(Message.objects.filter(follower=follower).values_list("state", "to_email")) == {
        (DeliveryState.SENT, "")
    }


def test_following_with_someone_elses_address_only_sends_a_few_confirmations(
    client, incident, on_commit, mailoutbox
):
    names = ["Hélène Lefèvre", "Marc Dubois", "Sarah Cohen", "Youssef Haddad", "Nour Khalil"]
    posts = [
        on_commit(
            make_post,
            incident,
            full_name=name,
            contact_email=f"family{n}@example.org",
            contact_phone=f"+33 6 00 00 00 0{n}",
        )
        for n, name in enumerate(names)
    ]
    mailoutbox.clear()
    for post in posts:
        for _ in range(3):
            response = _follow(client, post, VICTIM, on_commit)
            assert response.status_code == 200
    assert len([m for m in mailoutbox if m.to == [VICTIM]]) == 3
    # Unconfirmed, they are told nothing when the person is found.
    on_commit(post_set_status, post=posts[0], status=Post.Status.FOUND)
    assert len([m for m in mailoutbox if m.to == [VICTIM]]) == 3
    assert not Follower.objects.filter(state=Follower.State.ACTIVE).exists()


def test_posts_a_volunteer_linked_share_their_followers(client, incident, on_commit, mailoutbox):
    first = on_commit(make_post, incident)
    second = on_commit(make_post, incident, contact_email="cousin@example.org")
    _confirmed(client, first, FRIEND, on_commit, mailoutbox)
    _confirmed(client, second, FRIEND, on_commit, mailoutbox)
    _confirmed(client, second, "neighbour@example.org", on_commit, mailoutbox)
    low, high = sorted((first, second), key=lambda p: p.pk)
    DuplicatePair.objects.create(left=low, right=high, score=0.9, state="linked")

    page = client.get(reverse("board:post-detail", args=[first.uid])).content.decode()
    assert "2 people follow" in page
    on_commit(post_set_status, post=first, status=Post.Status.REUNITED)

    assert len(_notices(mailoutbox)) == 1
    assert len(_notices(mailoutbox, to="neighbour@example.org")) == 1


def test_a_family_can_turn_following_off(client, incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    follower = _confirmed(client, post, FRIEND, on_commit, mailoutbox)
    url = reverse("board:post-following", args=[post.uid, post.secret_token()])
    on_commit(client.post, url, {"following": "off"})

    assert not Follower.objects.filter(pk=follower.pk).exists()
    page = client.get(reverse("board:post-detail", args=[post.uid])).content.decode()
    assert "chose not to let people follow" in page
    assert _follow(client, post, "late@example.org", on_commit).status_code == 200
    assert not Follower.objects.exists()
    on_commit(post_set_status, post=post, status=Post.Status.FOUND)
    assert not _notices(mailoutbox)

    on_commit(client.post, url, {"following": "on"})
    _confirmed(client, post, "late@example.org", on_commit, mailoutbox)


def test_one_click_unfollow_erases_the_address(incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    follower = _confirmed(Client(), post, FRIEND, on_commit, mailoutbox)
    [confirm_mail] = [m for m in mailoutbox if m.to == [FRIEND]]
    leave = _link(confirm_mail, "stop")
    assert confirm_mail.extra_headers["List-Unsubscribe"] == f"<http://testserver{leave}>"
    # A mail program's one-click unsubscribe: a POST with no CSRF token.
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(leave, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Follower.objects.filter(pk=follower.pk).exists()
    assert not Message.objects.filter(to_email=FRIEND).exists()
    on_commit(post_set_status, post=post, status=Post.Status.FOUND)
    assert not _notices(mailoutbox)


def test_a_wrong_token_or_bad_address_is_refused(client, incident, on_commit, mailoutbox):
    post = on_commit(make_post, incident)
    response = _follow(client, post, "not an address", on_commit)
    assert response.status_code == 200 and not Follower.objects.exists()
    _follow(client, post, FRIEND, on_commit)
    follower = Follower.objects.get()
    bad = reverse("board:follow-confirm", args=[follower.uid, "0" * 40])
    assert client.post(bad).status_code == 404
    assert client.get(reverse("board:follow", args=["x", post.uid])).status_code == 404


def test_a_death_is_told_only_once_a_coordinator_published_it(
    client,
    incident,
    on_commit,
    mailoutbox,
    coordinator,  # noqa: F811
):
    report = on_commit(make_report, incident)
    _confirmed(client, report, FRIEND, on_commit, mailoutbox)

    on_commit(report_set_condition, report=report, condition=Report.Condition.DECEASED)
    report.refresh_from_db()
    assert report.visibility == Visibility.HELD
    assert not _notices(mailoutbox)

    on_commit(deceased_approve, report=report, by=coordinator)
    [notice] = _notices(mailoutbox)
    assert notice.subject.startswith("News of")


def test_a_report_becoming_safe_tells_its_followers(client, incident, on_commit, mailoutbox):
    report = on_commit(make_report, incident)
    _confirmed(client, report, FRIEND, on_commit, mailoutbox)
    on_commit(report_set_condition, report=report, condition=Report.Condition.SAFE)
    on_commit(report_set_condition, report=report, condition=Report.Condition.INJURED)
    on_commit(report_set_condition, report=report, condition=Report.Condition.SAFE)
    [notice] = _notices(mailoutbox)
    assert "is safe" in notice.subject


def test_a_held_record_cannot_be_followed(incident, on_commit):
    report = on_commit(make_report, incident, condition="deceased")
    with pytest.raises(Exception, match="cannot be followed"):
        follower_request(record=report, email=FRIEND)
