"""Every family's journey in English, French and Arabic, on a phone (390×844), in Chromium.

Each page visited is checked by axe-core (0 serious or critical violations) and for
sideways scrolling, and photographed into var/screenshots/<language>/ (CI keeps the folder).
"""

import re
import time
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from reunify.board.models import Report
from reunify.matches.models import Match
from tests.browser.test_newcomer import browser  # noqa: F401 (the fixture)
from tests.browser.test_volunteer import _coordinator, _queues
from tests.conftest import jpeg_bytes, make_post, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
LANGUAGES = ["en", "fr", "ar"]
LOCALES = {"en": "en-GB", "fr": "fr-FR", "ar": "ar"}
# What a person types on a phone: the "I'm safe" form is timed with this typing speed.
KEY_DELAY_MS = 100
SAFE_FILL_TARGET_SECONDS = 10.0


@pytest.fixture(scope="session", autouse=True)
def _say_where_the_screenshots_are():
    yield
    print(f"\nscreenshots: {SCREENSHOTS}")


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class Walk:
    """One person's phone: every page is checked and photographed on the way."""

    def __init__(self, browser, axe, base_url: str, language: str, who: str):  # noqa: F811
        context = browser.new_context(locale=LOCALES[language], viewport=PHONE)
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        self.page = context.new_page()
        self.axe, self.base, self.language = axe, base_url, language
        self.folder = SCREENSHOTS / language
        self.folder.mkdir(parents=True, exist_ok=True)
        self.who = who
        self.count = 0

    def goto(self, path: str, name: str):
        self.page.goto(path if path.startswith("http") else f"{self.base}{path}")
        return self.check(name)

    def check(self, name: str):
        page = self.page
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == self.language, name
        expected_dir = "rtl" if self.language == "ar" else "ltr"
        assert page.locator("html").get_attribute("dir") == expected_dir, name
        results = self.axe.run(page)
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not bad, (self.language, name, bad)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (self.language, name, f"{width} px wide")
        self.count += 1
        path = self.folder / f"{self.who}-{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return page


def _board(incident):
    """People already on the board: a family's search with a photo, a hospital's report."""
    karim = make_post(
        incident, full_name="Karim Haddad", age=34, sex="male", photos=[jpeg_bytes((300, 200))]
    )
    leila = make_post(incident, full_name="Leila Mansour", age=28, sex="female")
    found = make_report(incident, full_name="Layla Mansur", age=29, sex="female")
    return karim, leila, found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_family_journey_on_a_phone(
    browser,  # noqa: F811
    axe,
    live_server,
    settings,
    incident,
    mailoutbox,
    language,
    tmp_path,
):
    settings.SITE_URL = live_server.url
    karim, leila, leila_found = _board(incident)
    walk = Walk(browser, axe, live_server.url, language, "family")
    page = walk.page

    # Home: one active incident, so its three actions are right there.
    walk.goto("/", "home")
    assert page.locator("nav.actions a").count() == 3

    # Search: hits, a typo, Arabic script, and no hits leading to posting a search.
    search = reverse("board:search", args=[incident.slug])
    for name, query in [
        ("search-hits", "Karim Haddad"),
        ("search-typo", "Kareem Hadad"),
        ("search-arabic", "كريم حداد"),
    ]:
        walk.goto(f"{search}?q={query}", name)
        assert page.locator(".cards .card").count() >= 1, (name, query)
        assert page.locator("#id_q").bounding_box()["height"] < 60  # was 192 px
    arrow = page.evaluate("getComputedStyle(document.querySelector('a.back'), '::before').content")
    assert arrow == ('"→ "' if language == "ar" else '"← "')  # points back in reading order
    walk.goto(f"{search}?q=Zbigniew Wozniak", "search-none")
    assert page.locator(".cards .card").count() == 0
    page.locator(".actions a.primary").click()
    walk.check("search-none-to-post")
    assert page.locator("#id_full_name").input_value() == "Zbigniew Wozniak"

    # Post with a photo: name first, look at who is already there, then the form.
    walk.goto(reverse("board:post-create", args=[incident.slug]), "post-name-first")
    page.locator("#id_full_name").fill("Kareem Hadad")
    page.locator("button[type=submit]").click()
    walk.check("post-look-first")
    assert page.get_by_text("Karim Haddad").first.is_visible()
    page.locator("main a.button.primary").last.click()  # none of these: go on
    walk.check("post-form")
    photo = tmp_path / "kareem.jpg"
    photo.write_bytes(jpeg_bytes((600, 400)))
    page.locator("#id_age").fill("250")
    page.locator("#id_photos").set_input_files(str(photo))
    page.locator("#id_contact_email").fill("famille.hadad@example.org")
    page.locator("button[type=submit].primary").click()
    walk.check("post-form-error")
    assert page.locator(".field.has-error #id_photos").count() == 0  # kept, not lost
    assert page.locator("input[name=kept_photos]").input_value()
    page.locator("#id_age").fill("34")
    page.locator("button[type=submit].primary").click()  # without choosing the photo again
    page.wait_for_url(re.compile(r"/manage/p/"))
    walk.check("post-manage")
    assert page.locator(".photos img, .photos span").count() == 1  # the kept photo came along
    link = page.locator("textarea.private-url")
    assert link.input_value().startswith(live_server.url)
    assert link.bounding_box()["height"] > 40  # the whole URL, wrapped
    manage_url = page.url

    # The person page: a named photo link, the relay, the poster.
    walk.goto(reverse("board:post-detail", args=[karim.uid]), "person-page")
    assert page.locator(".photos a img").get_attribute("alt")
    page.locator("#id_body").fill("Je l’ai vu à l’hôpital Lariboisière ce matin.")
    page.locator(".relay button[type=submit]").click()
    walk.check("relay-sent")
    assert page.locator(".messages li").count() == 1
    walk.goto(reverse("board:post-poster", args=[karim.uid]), "poster")
    assert page.locator(".qr svg").count() == 1

    # "I'm safe": one short screen, timed as a person types on a phone.
    walk.goto(reverse("board:safe-create", args=[incident.slug]), "safe-form")
    required = page.locator("form[method=post] > .field input:visible")
    assert required.count() <= 3
    started = time.monotonic()
    page.locator("#id_full_name").type("Youssef Elamrani", delay=KEY_DELAY_MS)
    page.locator("#id_contact_email").type("youssef@example.org", delay=KEY_DELAY_MS)
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(re.compile(r"/manage/r/"))
    fill_seconds = time.monotonic() - started
    walk.check("safe-manage")
    print(f"\n[{language}] I'm safe filled and sent in {fill_seconds:.1f} s")
    with (SCREENSHOTS / "measurements.txt").open("a") as out:
        out.write(f"{language}: I'm safe filled and sent in {fill_seconds:.1f} s\n")
    assert fill_seconds <= SAFE_FILL_TARGET_SECONDS

    # A found report: name first; only that someone is looking, never who.
    walk.goto(reverse("board:found-create", args=[incident.slug]), "found-name-first")
    page.locator("#id_full_name").fill("Karim Hadad")
    page.locator("button[type=submit]").click()
    walk.check("found-form")
    assert page.locator(".notice").count() == 1
    assert "karim" not in (page.locator(".notice").text_content() or "").lower()
    page.locator("#id_contact_email").fill("accueil@hopital.example.org")
    page.locator("button[type=submit].primary").click()
    page.wait_for_url(re.compile(r"/manage/r/"))
    walk.check("found-manage")

    # Review: "this is them" from the e-mailed link, then "not them" on another match.
    alert = next(m for m in mailoutbox if "/review/" in m.body and karim.full_name in m.body)
    review_url = re.search(r"(http://\S+/review/\S+/)", alert.body).group(1)
    walk.goto(review_url, "review")
    # The ✓ marks are drawn before the text, so they sit at the line's start in Arabic too.
    mark = "getComputedStyle(document.querySelector('.reasons li.agree'), '::before').content"
    assert page.evaluate(mark) == '"✓"'
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.reasons')).listStyleType")
        == "none"
    )
    page.locator("button[name=answer][value=yes]").click()
    walk.check("review-confirmed")
    assert page.locator(".relay textarea").count() == 1
    match = Match.objects.get(post=leila, report=leila_found)
    walk.goto(reverse("board:match-review", args=[match.uid, match.review_token()]), "review-2")
    page.locator("button[name=answer][value=no]").click()
    walk.check("review-rejected")

    # The management link, then "Delete": only the undo is left.
    walk.goto(manage_url, "manage")
    page.locator("a.danger").click()
    walk.check("delete-confirm")
    page.locator("button.danger").click()
    walk.check("deleted")
    assert page.locator("#id_full_name").count() == 0
    post_uid = re.search(r"/manage/p/([^/]+)/", manage_url).group(1)
    assert page.locator(f"a[href='/p/{post_uid}/']").count() == 0  # the public page is gone

    # An old shared link: a friendly page with a way back.
    walk.goto(f"/p/{uuid.uuid4()}/", "not-found")
    assert page.locator("main a[href='/']").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coordinator_queues_on_a_phone(browser, axe, live_server, incident, language):  # noqa: F811
    _coordinator()
    _queues(incident)
    make_report(incident, full_name="Sami Nasser", kind=Report.Kind.SAFE, condition="safe")
    walk = Walk(browser, axe, live_server.url, language, "coordinator")
    page = walk.page
    page.goto(f"{live_server.url}/volunteer/")
    page.locator("input[name=username]").fill("colette")
    page.locator("input[name=password]").fill("battery staple 42")
    page.locator("button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/volunteer/$"))
    walk.check("dashboard")
    assert page.locator("svg.chart circle").count() >= 1  # one day of data is drawn
    for name in ("flags", "held", "matches", "duplicates", "deceased", "incidents", "audit"):
        walk.goto(reverse(f"moderation:{name}"), name)
    walk.goto(reverse("moderation:volunteers"), "volunteers")

    walk.goto(reverse("moderation:incidents"), "incident-open")
    page.locator("#id_name").fill("Derna")
    page.locator("#id_slug").fill("derna")
    page.locator("#id_area").fill("Derna, Libya")
    page.locator("#open-incident button[type=submit]").click()
    walk.check("incident-opened")
    walk.goto(reverse("moderation:audit"), "audit-after")
    assert "incident_open" not in page.content()
