"""A moderator clears every queue in the browser, through the real views."""

import pytest
from django.urls import reverse

from reunify.alerts.models import Alert, Message
from reunify.board.models import HoldReason, Incident, Post, Report, Visibility
from reunify.matches.models import Match
from reunify.moderation.models import AuditLog, DuplicatePair, Flag, ModerationDecision
from tests.conftest import FAMILY, REPORTER, make_post, make_report


def _flag(client, record, reason="hoax", ip="10.0.0.1"):
    kind = "p" if isinstance(record, Post) else "r"
    url = reverse("moderation:flag", args=[kind, record.uid])
    return client.post(url, {"reason": reason, "note": "seen this photo in 2014"}, REMOTE_ADDR=ip)


def test_anyone_flags_a_post_from_its_page(client, incident, on_commit):
    post = on_commit(make_post, incident)
    page = client.get(reverse("board:post-detail", args=[post.uid])).content.decode()
    assert reverse("moderation:flag", args=["p", post.uid]) in page
    assert _flag(client, post).status_code == 302
    assert Flag.objects.get().reason == Flag.Reason.HOAX
    post.refresh_from_db()
    assert post.is_public  # one flag does not take a post down


def test_several_people_flagging_hold_the_post(client, incident, on_commit):
    post = on_commit(make_post, incident)
    for n in range(3):
        _flag(client, post, ip=f"10.0.0.{n}")
    post.refresh_from_db()
    assert (post.visibility, post.hold_reason) == (Visibility.HELD, HoldReason.FLAGS)


def test_moderator_clears_the_flag_queue_oldest_first(client, incident, on_commit, moderator):
    hoax = on_commit(make_post, incident, full_name="Hoax Person")
    honest = on_commit(make_post, incident, full_name="Honest Person")
    report = on_commit(make_report, incident, full_name="Flagged Report")
    for record in (hoax, honest, report):
        _flag(client, record)
    client.force_login(moderator)

    page = client.get(reverse("moderation:flags")).content.decode()
    assert page.index("Hoax Person") < page.index("Honest Person") < page.index("Flagged Report")

    decide = "moderation:flag-decide"
    client.post(reverse(decide, args=["p", hoax.uid]), {"action": "hide", "reason": "hoax photo"})
    client.post(reverse(decide, args=["p", honest.uid]), {"action": "dismiss"})
    client.post(reverse(decide, args=["r", report.uid]), {"action": "restore"})

    assert "No flags are waiting" in client.get(reverse("moderation:flags")).content.decode()
    hoax.refresh_from_db()
    assert hoax.visibility == Visibility.HIDDEN
    assert client.get(reverse("board:post-detail", args=[hoax.uid])).status_code == 404
    assert ModerationDecision.objects.count() == 3
    entry = AuditLog.objects.get(action="hide")
    assert (entry.actor_name, entry.target, entry.reason) == ("mona", str(hoax.uid), "hoax photo")


def test_hiding_needs_a_reason(client, incident, on_commit, moderator):
    post = on_commit(make_post, incident)
    _flag(client, post)
    client.force_login(moderator)
    client.post(reverse("moderation:flag-decide", args=["p", post.uid]), {"action": "hide"})
    post.refresh_from_db()
    assert post.is_public


def test_strangers_and_families_cannot_open_the_queues(client, incident):
    for name in ("dashboard", "flags", "held", "matches", "duplicates", "deceased"):
        response = client.get(reverse(f"moderation:{name}"))
        assert response.status_code == 302 and "/volunteer/login/" in response["Location"]


def test_a_risky_post_is_held_with_a_clear_message_then_published(
    client, incident, on_commit, moderator
):
    data = {
        "full_name": "Win Bitcoin",
        "description": "Visit www.spam.example and http://scam.example",
        **FAMILY,
    }
    response = on_commit(client.post, reverse("board:post-create", args=["paris"]), data)
    post = Post.objects.get()
    assert (post.visibility, post.hold_reason) == (Visibility.HELD, HoldReason.RISK)
    manage = client.get(response["Location"]).content.decode()
    assert "A volunteer checks some records before they are published" in manage
    assert client.get(reverse("board:post-detail", args=[post.uid])).status_code == 404

    client.force_login(moderator)
    assert "Win Bitcoin" in client.get(reverse("moderation:held")).content.decode()
    url = reverse("moderation:flag-decide", args=["p", post.uid])
    on_commit(client.post, url, {"action": "restore", "next": reverse("moderation:held")})
    post.refresh_from_db()
    assert post.is_public
    assert "Nothing is held" in client.get(reverse("moderation:held")).content.decode()


def test_an_ordinary_post_goes_live_at_once(incident, on_commit):
    post = on_commit(make_post, incident, description="Blue coat, glasses. See facebook.com/x")
    assert post.is_public


def _review_match(incident, on_commit):
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident, full_name="Someone Else")
    Match.objects.filter(post=post, report=report).delete()
    return Match.objects.create(post=post, report=report, score=0.6, level=Match.Level.REVIEW)


def test_moderator_confirms_a_match_to_review_and_the_family_is_told(
    incident, on_commit, moderator_client
):
    match = _review_match(incident, on_commit)
    page = moderator_client.get(reverse("moderation:matches")).content.decode()
    assert "Mohamed Benali" in page and "Someone Else" in page
    assert FAMILY["contact_email"] not in page and REPORTER["contact_phone"] not in page

    url = reverse("moderation:match-decide", args=[match.uid])
    on_commit(moderator_client.post, url, {"answer": "confirm"})
    match.refresh_from_db()
    assert (match.state, match.decided_by) == (Match.State.CONFIRMED, "volunteer")
    assert match.post.status == Post.Status.FOUND
    assert Message.objects.filter(kind=Message.Kind.MATCH_CONFIRMED, match=match).exists()
    assert (
        "No matches are waiting"
        in moderator_client.get(reverse("moderation:matches")).content.decode()
    )


def test_the_most_probable_matches_are_reviewed_first(incident, on_commit):
    from reunify.moderation.selectors import match_queue

    weak = _review_match(incident, on_commit)
    Match.objects.filter(pk=weak.pk).update(score=0.07)
    post = on_commit(make_post, incident, full_name="Claire Dubois", contact_email="c@example.org")
    report = on_commit(make_report, incident, full_name="Claire Dubois")
    Match.objects.filter(post=post, report=report).update(score=0.45, level=Match.Level.REVIEW)
    assert [m.post_id for m in match_queue()] == [post.pk, weak.post_id]


def test_a_rejected_match_is_never_shown_again(incident, on_commit, moderator_client):
    from reunify.actions.matching import match_new_post

    match = _review_match(incident, on_commit)
    moderator_client.post(
        reverse("moderation:match-decide", args=[match.uid]), {"answer": "reject"}
    )
    match_new_post(post_id=match.post_id)  # the engine runs again
    match.refresh_from_db()
    assert match.state == Match.State.REJECTED
    assert (
        "Someone Else" not in moderator_client.get(reverse("moderation:matches")).content.decode()
    )


def test_moderator_links_duplicate_posts_and_status_and_alerts_cover_both(
    incident, on_commit, moderator_client
):
    first = on_commit(make_post, incident)
    second = on_commit(
        make_post, incident, contact_email="cousin@example.org", contact_phone="+33 7 00 00 00 00"
    )
    on_commit(moderator_client.post, reverse("moderation:duplicates-scan"))
    pair = DuplicatePair.objects.get()
    page = moderator_client.get(reverse("moderation:duplicates")).content.decode()
    assert page.count("Mohamed Benali") >= 2

    on_commit(
        moderator_client.post,
        reverse("moderation:duplicate-decide", args=[pair.pk]),
        {"answer": "link"},
    )
    pair.refresh_from_db()
    assert pair.state == DuplicatePair.State.LINKED
    assert (
        "No possible duplicates"
        in moderator_client.get(reverse("moderation:duplicates")).content.decode()
    )

    # A report found later alerts both families, and a confirmation finds both searches.
    report = on_commit(make_report, incident)
    matched = Match.objects.filter(report=report)
    assert {m.post_id for m in matched} == {first.pk, second.pk}
    assert Alert.objects.filter(match__in=matched).count() == 2
    from reunify.actions.decisions import match_confirm

    on_commit(match_confirm, match=matched.get(post=first), decided_by="family")
    second.refresh_from_db()
    assert second.status == Post.Status.FOUND


def test_a_death_is_published_only_by_a_coordinator(
    client, incident, on_commit, moderator, coordinator, mailoutbox
):
    on_commit(make_post, incident)
    report = on_commit(make_report, incident, condition=Report.Condition.DECEASED)
    assert (report.visibility, report.hold_reason) == (Visibility.HELD, HoldReason.DECEASED)
    url = reverse("moderation:deceased-decide", args=[report.uid])

    client.force_login(moderator)
    page = client.get(reverse("moderation:deceased")).content.decode()
    assert "A coordinator decides on reports of death" in page
    assert client.post(url, {"answer": "publish", "reason": "x"}).status_code == 403
    report.refresh_from_db()
    assert report.visibility == Visibility.HELD

    client.force_login(coordinator)
    on_commit(client.post, url, {"answer": "publish", "reason": "on the official list"})
    report.refresh_from_db()
    assert report.is_public
    assert AuditLog.objects.filter(action="restore", actor_name="colette").exists()
    assert "No reports of death" in client.get(reverse("moderation:deceased")).content.decode()


def test_dashboard_shows_queue_sizes_oldest_age_and_a_chart(
    client, incident, on_commit, moderator_client
):
    post = on_commit(make_post, incident)
    _flag(client, post)
    page = moderator_client.get(reverse("moderation:dashboard")).content.decode()
    assert 'data-queue="flags">1' in page
    assert "oldest" in page
    assert "<svg" in page and "series-open" in page and "<script" not in page


def test_coordinator_closes_an_incident_and_switches_on_proof_of_work(
    client, incident, coordinator
):
    client.force_login(coordinator)
    prefix = str(incident.pk)
    data = {
        f"{prefix}-status": "closed",
        f"{prefix}-retention_days": "30",
        f"{prefix}-proof_of_work": "on",
    }
    client.post(reverse("moderation:incident-update", args=[incident.pk]), data)
    incident.refresh_from_db()
    assert (incident.status, incident.retention_days, incident.proof_of_work) == (
        Incident.Status.CLOSED,
        30,
        True,
    )
    assert "status active->closed" in AuditLog.objects.get().reason


def test_moderators_cannot_manage_incidents_volunteers_or_read_the_audit_log(
    moderator_client, incident
):
    for name in ("incidents", "volunteers", "audit"):
        assert moderator_client.get(reverse(f"moderation:{name}")).status_code == 403


def test_coordinator_adds_and_removes_a_volunteer_and_reads_the_audit_log(client, coordinator):
    from django.contrib.auth.models import User

    client.force_login(coordinator)
    data = {
        "username": "victor",
        "email": "v@volunteers.invalid",
        "role": "moderators",
        "password": "long enough pass 9",
    }
    client.post(reverse("moderation:volunteers"), data)
    victor = User.objects.get(username="victor")
    assert victor.has_perm("moderation.work_queues")
    client.post(reverse("moderation:volunteer-deactivate", args=[victor.pk]))
    victor.refresh_from_db()
    assert not victor.is_active
    page = client.get(reverse("moderation:audit")).content.decode()
    assert "Added a volunteer (Moderator)" in page and "Removed a volunteer&#x27;s access" in page
    assert "v@volunteers.invalid" not in page  # no contact details in the log


def test_the_audit_log_is_append_only(moderator):
    from reunify.moderation.audit import audit

    entry = audit(actor=moderator, action="hide", target="post:x", reason="r")
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.update(reason="changed")


def test_login_locks_out_after_repeated_wrong_passwords(client, moderator):
    url = reverse("moderation:login")
    for _ in range(5):
        client.post(url, {"username": "mona", "password": "wrong"})
    response = client.post(url, {"username": "mona", "password": "correct horse 42"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_volunteer_signs_in_and_gets_a_short_session(client, moderator, settings):
    response = client.post(
        reverse("moderation:login"), {"username": "mona", "password": "correct horse 42"}
    )
    assert response.status_code == 302
    client.get(reverse("moderation:dashboard"))
    assert client.session.get_expiry_age() == settings.VOLUNTEER_SESSION_SECONDS


def test_the_first_coordinator_is_created_from_the_shell_and_audited(db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from reunify.moderation.models import AuditLog
    from reunify.moderation.roles import is_coordinator

    call_command(
        "create_volunteer",
        "nadia",
        email="nadia@example.org",
        role="coordinator",
        password="a long pass phrase 42",
    )
    user = get_user_model().objects.get(username="nadia")
    assert is_coordinator(user)
    assert AuditLog.objects.filter(
        action="volunteer_add:coordinators", actor_name="system"
    ).exists()


def test_a_fourth_report_from_one_phone_within_the_hour_waits_for_a_volunteer(incident):
    phone = {"contact_email": "", "contact_phone": "+33 6 11 11 11 11"}
    for n in range(4):
        make_report(incident, full_name=f"Sara Haddad {n}", **phone)
    make_report(incident, contact_email="", contact_phone="+33 6 22 22 22 22")
    held = Report.objects.filter(visibility=Visibility.HELD, hold_reason=HoldReason.RISK)
    assert list(held.values_list("full_name", flat=True)) == ["Sara Haddad 3"]
