"""A family abroad searches the board in Latin letters for a name a hospital wrote in kanji."""

import pytest
from django.urls import reverse

from tests.browser.test_newcomer import browser  # noqa: F401 (the fixture)
from tests.conftest import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_search_in_latin_letters_finds_a_name_written_in_kanji(browser, live_server, incident):  # noqa: F811
    make_post(incident, full_name="佐藤 大翔", age=7, sex="male")
    make_post(incident, full_name="鈴木 一郎", age=60, sex="male")
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(live_server.url + reverse("board:search", args=[incident.slug]) + "?q=Haruto+Sato")
    assert page.get_by_text("佐藤 大翔").first.is_visible()
    assert page.get_by_text("鈴木 一郎").count() == 0
