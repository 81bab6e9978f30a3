"""The person cards of the incident page and of search results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reunify.board.models import Photo, Post, Report
from reunify.board.selectors import public_posts, with_thumbnails
from tests.conftest import jpeg_bytes, make_post, make_report

pytestmark = pytest.mark.django_db


def _cards(client, url: str, **params) -> str:
    page = client.get(url, params).content.decode()
    return page[page.index('<ul class="cards">') :]


def test_a_card_shows_the_first_ready_photo_the_name_escaped_and_the_status(
    client, incident, on_commit
):
    post = on_commit(
        make_post, incident, full_name="Karim <b>Haddad</b>", age=34, photos=[jpeg_bytes()]
    )
    report = make_report(incident, full_name="Leila Haddad", age=None, origin="Lyon")
    cards = _cards(client, reverse("board:incident", args=["paris"]))

    thumbnail = Photo.objects.get(post=post).thumbnail_url
    assert f'<img src="{thumbnail}" alt="" loading="lazy" width="80">' in cards
    assert "Karim &lt;b&gt;Haddad&lt;/b&gt;" in cards and "<b>" not in cards
    assert f'href="{reverse("board:post-detail", args=[post.uid])}"' in cards
    assert f"age 34 · {Post.Status.OPEN.label}" in cards
    assert f'href="{reverse("board:report-detail", args=[report.uid])}"' in cards
    assert f"{Report.Condition.HOSPITAL.label} · from Lyon" in cards


def test_a_card_speaks_the_visitor_s_language(client, incident):
    make_post(incident, full_name="Karim Haddad", age=34)
    client.post(reverse("set_language"), {"language": "fr"})
    cards = _cards(client, reverse("board:incident", args=["paris"]))
    assert "34 ans · Disparu(e)" in cards


def test_search_results_are_cards_too(client, incident):
    post = make_post(incident, full_name="Karim Haddad")
    cards = _cards(client, reverse("board:search", args=["paris"]), q="Karim Haddad")
    assert f'href="{reverse("board:post-detail", args=[post.uid])}"' in cards


def test_thumbnails_of_a_listing_cost_one_query_per_kind(incident, on_commit):
    for n in range(5):
        photo = jpeg_bytes(color=(40 * n, 90, 200 - 30 * n))  # not one photo reused
        # each from another family: a fourth post from one contact in an hour is held
        on_commit(
            make_post,
            incident,
            full_name=f"Person {n} Haddad",
            contact_email=f"family{n}@example.org",
            contact_phone=f"+33 6 12 34 56 0{n}",
            photos=[photo],
        )
    make_post(incident, full_name="No Photo")
    posts = list(public_posts(incident))
    with CaptureQueriesContext(connection) as queries:
        with_thumbnails(posts)
    assert len(queries.captured_queries) == 1
    assert sum(1 for post in posts if post.card_thumbnail) == 5
