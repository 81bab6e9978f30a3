"""Issue 14 in a real browser, in English, French and Arabic, on a phone (390×844):
open doors (offer, find by area, ask, accept), "tell my people I'm safe", follow a person.

Every page visited goes through the same Walk as the family journeys: axe-core (0 serious or
critical violations), no sideways scrolling, a screenshot in var/screenshots/<language>/.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reunify.shelter.services import doors_settings_set
from tests.browser.test_journeys import LANGUAGES, Walk, axe  # noqa: F401 (the fixture)
from tests.browser.test_newcomer import browser  # noqa: F401 (the fixture)
from tests.conftest import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DISTRICTS = ["11e arrondissement", "10e arrondissement", "Saint-Denis"]
HOST_EMAIL = "claire.host@example.org"
ADDRESS = "12 rue Oberkampf, 3e étage, code 4512B"
GUEST_EMAIL = "tom.walker@example.com"
MUM = "maman.haddad@example.org"
BROTHER = "omar.haddad@example.net"
FRIEND = "karim.friend@example.net"


def _mails_to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


def _link(mail, pattern: str) -> str:
    found = re.search(rf"(http://\S+{pattern}\S*/)", mail.body)
    assert found, mail.body
    return found.group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_host_offers_a_place_a_stranded_person_asks_and_both_get_the_email(
    browser,  # noqa: F811
    axe,  # noqa: F811
    live_server,
    settings,
    incident,
    mailoutbox,
    language,
):
    settings.SITE_URL = live_server.url
    doors_settings_set(
        incident=incident,
        districts="\n".join(DISTRICTS),
        offer_hours=12,
        moderate_private_offers=False,
    )

    host = Walk(browser, axe, live_server.url, language, "host")
    page = host.page
    host.goto(reverse("doors:offer-create", args=[incident.slug]), "offer-form")
    page.locator("input[name=host_kind][value=person]").check()
    page.locator("#id_host_name").fill("Claire")
    page.locator("#id_district").select_option(DISTRICTS[2])
    page.locator("#id_capacity").fill("3")
    until = timezone.localtime(timezone.now() + timedelta(hours=6))
    page.locator("#id_available_until").fill(until.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_address").fill(ADDRESS)
    page.locator("#id_contact_email").fill(HOST_EMAIL)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(re.compile(r"/doors/manage/"))
    host.check("offer-manage")
    manage_url = page.url

    # Someone stranded finds it by area, and only by its area.
    guest = Walk(browser, axe, live_server.url, language, "stranded")
    page = guest.page
    guest.goto(reverse("doors:list", args=[incident.slug]), "doors-list")
    page.locator("#id_area").select_option(DISTRICTS[0])
    page.locator("main form[method=get] button[type=submit]").click()
    guest.check("doors-empty-area")
    assert page.locator("article.offer").count() == 0
    page.locator("#id_area").select_option(DISTRICTS[2])
    page.locator("main form[method=get] button[type=submit]").click()
    guest.check("doors-area")
    assert page.locator("article.offer").count() == 1
    assert ADDRESS not in page.content() and HOST_EMAIL not in page.content()
    page.locator("article.offer h3 a").click()
    guest.check("offer-detail")
    page.locator("#id_people").fill("2")
    page.locator("#id_message").fill("Stranded after the metro closed, two of us.")
    page.locator("#id_contact_name").fill("Tom Walker")
    page.locator("#id_contact_email").fill(GUEST_EMAIL)
    page.locator("button[type=submit].primary").click()
    guest.check("request-sent")
    [request_mail] = [m for m in _mails_to(mailoutbox, HOST_EMAIL) if "Stranded" in m.body]
    assert GUEST_EMAIL not in request_mail.body  # not before the host accepts

    # The host accepts from the private page; the address goes by e-mail only.
    page = host.page
    host.goto(manage_url, "offer-manage-request")
    assert GUEST_EMAIL not in page.content()
    page.locator("button[name=answer][value=accept]").click()
    host.check("offer-accepted")
    assert ADDRESS not in page.content() and GUEST_EMAIL not in page.content()
    [to_guest] = _mails_to(mailoutbox, GUEST_EMAIL)
    assert ADDRESS in to_guest.body and HOST_EMAIL in to_guest.body
    to_host = _mails_to(mailoutbox, HOST_EMAIL)[-1]
    assert GUEST_EMAIL in to_host.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_im_safe_then_two_people_are_told_exactly_once(
    browser,  # noqa: F811
    axe,  # noqa: F811
    live_server,
    settings,
    incident,
    mailoutbox,
    language,
):
    settings.SITE_URL = live_server.url
    walk = Walk(browser, axe, live_server.url, language, "safe-tell")
    page = walk.page
    walk.goto(reverse("board:safe-create", args=[incident.slug]), "safe-form")
    page.locator("#id_full_name").fill("Youssef Haddad")
    page.locator("#id_contact_email").fill("youssef@example.org")
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(re.compile(r"/manage/r/"))
    walk.check("safe-manage")
    report_path = re.search(r"/manage/r/([^/]+)/", page.url).group(1)

    page.locator("#id_tell_emails").fill(f"{MUM}\n{BROTHER}")
    page.locator("section.tell button[type=submit]").click()
    walk.check("safe-told")
    assert page.locator("section.tell .told").count() == 1
    assert MUM not in page.content() and BROTHER not in page.content()
    for address in (MUM, BROTHER):
        [told] = _mails_to(mailoutbox, address)
        assert f"/r/{report_path}/" in told.body
        assert "youssef@example.org" not in told.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_someone_follows_a_person_confirms_and_is_told_when_they_are_reunited(
    browser,  # noqa: F811
    axe,  # noqa: F811
    live_server,
    settings,
    incident,
    mailoutbox,
    language,
):
    settings.SITE_URL = live_server.url
    post = make_post(incident)
    walk = Walk(browser, axe, live_server.url, language, "follower")
    page = walk.page
    walk.goto(reverse("board:post-detail", args=[post.uid]), "person-page")
    page.locator("#id_follow_email").fill(FRIEND)
    page.locator("form[action*='/follow/'] button[type=submit]").click()
    walk.check("follow-sent")
    [confirm_mail] = _mails_to(mailoutbox, FRIEND)
    walk.goto(_link(confirm_mail, "/follow/yes/"), "follow-confirm")
    page.locator("button[type=submit].primary").click()
    walk.check("follow-confirmed")

    family = Walk(browser, axe, live_server.url, language, "family-followed")
    family.goto(reverse("board:post-manage", args=[post.uid, post.secret_token()]), "manage")
    family.page.locator("button[name=status][value=reunited]").click()
    family.check("reunited")

    notices = _mails_to(mailoutbox, FRIEND)[1:]
    assert len(notices) == 1, [m.subject for m in notices]
    assert f"/p/{post.uid}/" in notices[0].body
    assert "/manage/" not in notices[0].body and "/review/" not in notices[0].body
    walk.goto(f"/p/{post.uid}/", "person-page-after")
