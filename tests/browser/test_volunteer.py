"""A coordinator signs in and clears every moderation queue in a real browser."""

import importlib
import re

import pytest
from django.contrib.auth.models import Group, Permission, User

from reunify.board.models import HoldReason, Post, Report, Visibility
from reunify.board.services import record_hold
from reunify.matches.models import Match
from reunify.moderation.holds import flag_create
from reunify.moderation.models import DuplicatePair
from tests.browser.test_newcomer import browser  # noqa: F401 (the fixture)
from tests.conftest import make_post, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _queues(incident) -> dict:
    """One waiting item in each queue, made through the services the public pages use."""
    hoax = make_post(incident, full_name="Hoax Person", age=50, contact_email="h@example.org")
    flag_create(record=hoax, reason="hoax", note="this photo is from 2014")
    held = make_post(incident, full_name="Held Person", age=40, contact_email="x@example.org")
    record_hold(record=held, reason=HoldReason.RISK)
    post = make_post(incident, full_name="Claire Dubois", age=30, contact_email="c@example.org")
    report = make_report(incident, full_name="Someone Else", age=60)
    Match.objects.filter(post=post, report=report).delete()
    review = Match.objects.create(post=post, report=report, score=0.3, level=Match.Level.REVIEW)
    twins = [
        make_post(incident, full_name="Léa Petit", age=8, contact_email=f"{n}@example.org")
        for n in ("mother", "aunt")
    ]
    death = make_report(
        incident, full_name="Jean Martin", age=70, condition=Report.Condition.DECEASED
    )
    return {"hoax": hoax, "held": held, "review": review, "twins": twins, "death": death}


def _coordinator() -> User:
    # The group comes from a data migration; a browser test's database flush (this test
    # serves pages from another thread, so it cannot run in a rolled-back transaction)
    # may have erased it. Rebuild it from the migration's own list of permissions.
    groups = importlib.import_module("reunify.moderation.migrations.0002_volunteer_groups")
    group, _ = Group.objects.get_or_create(name="coordinators")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="moderation", codename__in=groups.COORDINATOR_PERMS
        )
    )
    user = User.objects.create_user("colette", "colette@volunteers.invalid", "battery staple 42")
    user.groups.add(group)
    return user


def test_a_coordinator_clears_every_queue_in_the_browser(browser, live_server, incident):  # noqa: F811
    _coordinator()
    items = _queues(incident)
    page = browser.new_context(locale="en-GB").new_page()

    page.goto(f"{live_server.url}/volunteer/")
    page.wait_for_url(re.compile(r"/volunteer/login/"))
    page.locator("input[name=username]").fill("colette")
    page.locator("input[name=password]").fill("battery staple 42")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/volunteer/$"))

    page.goto(f"{live_server.url}/volunteer/flags/")
    page.locator("input[name=reason]").first.fill("a hoax photo")
    page.get_by_role("button", name="Hide").first.click()
    assert page.get_by_text("No flags are waiting").is_visible()

    page.goto(f"{live_server.url}/volunteer/held/")
    assert page.get_by_text("Held Person").first.is_visible()
    # (two searches posted within seconds are held too, by the posting-rate screen)
    while page.get_by_role("button", name="Publish").count():
        page.get_by_role("button", name="Publish").first.click()
        page.wait_for_load_state()
    assert page.get_by_text("Nothing is held").is_visible()

    page.goto(f"{live_server.url}/volunteer/matches/")
    page.get_by_role("button", name="Same person: tell the family").first.click()
    assert page.get_by_text("No matches are waiting").is_visible()

    page.goto(f"{live_server.url}/volunteer/duplicates/")
    page.get_by_role("button", name="Look for duplicates now").click()
    page.get_by_role("button", name="Link them: one person").first.click()
    assert page.get_by_text("No possible duplicates are waiting").is_visible()

    page.goto(f"{live_server.url}/volunteer/deceased/")
    page.locator("input[name=reason]").first.fill("on the hospital's official list")
    page.get_by_role("button", name="Confirmed: publish").first.click()
    assert page.get_by_text("No reports of death are waiting").is_visible()

    for record in (items["hoax"], items["held"], items["death"]):
        record.refresh_from_db()
    assert items["hoax"].visibility == Visibility.HIDDEN
    assert items["held"].visibility == Visibility.PUBLIC
    assert items["death"].visibility == Visibility.PUBLIC
    items["review"].refresh_from_db()
    assert items["review"].state == Match.State.CONFIRMED
    assert Post.objects.get(pk=items["review"].post_id).status == Post.Status.FOUND
    assert DuplicatePair.objects.get().state == DuplicatePair.State.LINKED
