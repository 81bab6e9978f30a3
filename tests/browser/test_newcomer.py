"""A newcomer's first loop in a real browser: post a search with a photo, someone else says
they are safe under another spelling, the family follows the e-mailed review link."""

import os
import re
import shutil

import pytest

from tests.conftest import jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the ORM calls in the test are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_newcomer_posts_a_search_and_follows_the_alert_to_the_review(
    browser, live_server, settings, tmp_path, incident, mailoutbox
):
    settings.SITE_URL = live_server.url
    photo = tmp_path / "youssef.jpg"
    photo.write_bytes(jpeg_bytes(size=(600, 400)))

    family = browser.new_context(locale="fr-FR").new_page()
    family.goto(f"{live_server.url}/i/{incident.slug}/")
    family.get_by_role("link", name="Je cherche quelqu’un").click()
    family.locator("#id_full_name").fill("Youssef El Amrani")  # name first: nothing like it yet
    family.get_by_role("button", name="Suivant").click()
    family.wait_for_selector("#id_contact_email")
    family.locator("#id_alternate_names").fill("يوسف العمراني")
    family.locator("#id_age").fill("19")
    family.locator("#id_photos").set_input_files(str(photo))
    family.locator("#id_contact_email").fill("mere.elamrani@example.org")
    family.locator("button[type=submit].primary").click()
    family.wait_for_url(re.compile(r"/manage/p/"))
    assert family.locator(".secret-link").is_visible()
    assert family.locator(".photos img").count() == 1

    stranger = browser.new_context(locale="en-GB").new_page()
    stranger.goto(f"{live_server.url}/i/{incident.slug}/safe/")
    stranger.locator("#id_full_name").fill("Youssef Elamrani")
    stranger.get_by_text("Add details (optional)").click()
    stranger.locator("#id_age").fill("19")
    stranger.locator("#id_contact_phone").fill("+33 6 11 22 33 44")
    stranger.get_by_role("button", name="Say I'm safe").click()
    stranger.wait_for_url(re.compile(r"/manage/r/"))

    [alert] = [m for m in mailoutbox if "/review/" in m.body]
    assert alert.to == ["mere.elamrani@example.org"]
    assert alert.subject.startswith("Correspondance possible")  # in the family's language
    review_url = re.search(r"(http://\S+/review/\S+/)", alert.body).group(1)

    family.goto(review_url)
    assert family.get_by_text("Youssef Elamrani").is_visible()
    family.get_by_role("button", name="Oui, c’est cette personne").click()
    family.wait_for_load_state()
    assert family.locator(".status-found").is_visible()
    family.screenshot(path=str(tmp_path / "review.png"), full_page=True)
