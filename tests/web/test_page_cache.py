"""Anonymous public pages come from the shared cache, fresh after every write, and a stored
page holds nothing that belongs to one visitor."""

import pytest
from django.urls import reverse

from tests.conftest import FAMILY, REPORTER, make_post, make_report

PRIVATE = [
    "csrfmiddlewaretoken",
    FAMILY["contact_email"],
    FAMILY["contact_phone"],
    FAMILY["contact_name"],
    REPORTER["contact_email"],
    REPORTER["contact_phone"],
]


@pytest.fixture
def records(incident, on_commit):
    post = on_commit(make_post, incident)
    report = on_commit(make_report, incident)
    return post, report


def _public_pages(post, report):
    return [
        reverse("board:incident", args=["paris"]),
        reverse("board:search", args=["paris"]) + "?q=Benali",
        reverse("board:post-detail", args=[post.uid]),
        reverse("board:report-detail", args=[report.uid]),
    ]


def test_public_pages_say_a_shared_proxy_may_keep_them(client, records):
    for url in _public_pages(*records):
        response = client.get(url)
        assert response.status_code == 200, url
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=" in control, url
        assert response["ETag"] and response["Last-Modified"]
        assert "Accept-Language" in response["Vary"]


def test_a_stored_page_holds_no_token_no_contact_detail_and_sets_no_cookie(client, records):
    for url in _public_pages(*records):
        for _ in range(2):  # rendered and stored, then served from the cache
            response = client.get(url)
            page = response.content.decode()
            assert not [secret for secret in PRIVATE if secret in page], url
            assert not response.cookies, url


def test_the_second_visitor_is_served_without_the_database(
    client, records, django_assert_num_queries
):
    url = reverse("board:post-detail", args=[records[0].uid])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content and second["ETag"] == first["ETag"]


def test_a_browser_that_has_the_page_gets_304(client, records):
    url = reverse("board:incident", args=["paris"])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_new_report_shows_on_the_incident_page_and_in_search_at_once(
    client, incident, records, on_commit
):
    page = reverse("board:incident", args=["paris"])
    search = reverse("board:search", args=["paris"])
    assert "Samira Haddad" not in client.get(page).content.decode()
    assert "Samira Haddad" not in client.get(search, {"q": "Haddad"}).content.decode()
    on_commit(make_report, incident, full_name="Samira Haddad")
    assert "Samira Haddad" in client.get(page).content.decode()
    assert "Samira Haddad" in client.get(search, {"q": "Haddad"}).content.decode()


def test_a_family_edit_shows_on_the_person_page_at_once(client, records, on_commit):
    from reunify.actions.records import post_update

    post = records[0]
    url = reverse("board:post-detail", args=[post.uid])
    client.get(url)
    on_commit(post_update, post=post, description="Blue coat, red scarf")
    assert "Blue coat, red scarf" in client.get(url).content.decode()


def test_a_hidden_post_leaves_every_cached_page_at_once(client, records, on_commit):
    from reunify.board.models import Visibility
    from reunify.board.services import record_set_visibility

    post = records[0]
    detail = reverse("board:post-detail", args=[post.uid])
    incident_page = reverse("board:incident", args=["paris"])
    assert post.full_name in client.get(incident_page).content.decode()
    client.get(detail)
    on_commit(record_set_visibility, record=post, visibility=Visibility.HIDDEN)
    assert client.get(detail).status_code == 404
    assert detail not in client.get(incident_page).content.decode()


def test_pages_are_stored_per_language(client, records):
    url = reverse("board:incident", args=["paris"])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    arabic = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'lang="en"' in english and 'lang="fr"' in french and 'dir="rtl"' in arabic


def test_a_visitor_with_a_session_gets_a_fresh_private_page(client, records):
    post = records[0]
    url = reverse("board:post-detail", args=[post.uid])
    client.get(url)  # stored for anonymous visitors
    sent = client.post(url, {"body": "I saw him at the Gare du Nord"}, follow=True)
    assert "Your message was passed on" in sent.content.decode()
    assert "private" in sent["Cache-Control"] and "public" not in sent["Cache-Control"]
    # The thank-you message was for that visitor only.
    client.cookies.clear()
    assert "Your message was passed on" not in client.get(url).content.decode()


def test_a_form_error_is_neither_stored_nor_public(client, records):
    url = reverse("board:post-detail", args=[records[0].uid])
    refused = client.post(url, {"body": ""})
    assert refused.status_code == 200
    assert "public" not in refused.get("Cache-Control", "")
    assert 'class="errorlist' not in client.get(url).content.decode()


def test_a_signed_in_volunteer_never_gets_a_stored_page(client, records, django_user_model):
    url = reverse("board:incident", args=["paris"])
    client.get(url)
    volunteer = django_user_model.objects.create_user("nadia", password="x" * 12)
    client.force_login(volunteer)
    response = client.get(url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_secret_link_pages_are_never_public(client, records):
    post, report = records
    for url in (
        reverse("board:post-manage", args=[post.uid, post.secret_token()]),
        reverse("board:report-manage", args=[report.uid, report.secret_token()]),
        reverse("board:post-stop-alerts", args=[post.uid, post.secret_token("stop")]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "public" not in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_a_page_with_a_proof_of_work_challenge_is_not_stored(client, records):
    incident = records[0].incident
    incident.proof_of_work = True
    incident.save()
    url = reverse("board:post-detail", args=[records[0].uid])
    first, second = client.get(url), client.get(url)
    assert "public" not in first["Cache-Control"]
    challenge = 'name="pow_challenge" value="'
    assert first.content.decode().split(challenge)[1] != second.content.decode().split(challenge)[1]


def test_a_relay_sent_from_another_site_is_refused(client, records):
    url = reverse("board:post-detail", args=[records[0].uid])
    evil = client.post(url, {"body": "hello"}, HTTP_ORIGIN="https://evil.example")
    assert evil.status_code == 403
    ours = client.post(url, {"body": "hello"}, HTTP_ORIGIN="http://testserver")
    assert ours.status_code == 302


def test_the_language_switch_needs_no_token(client, records):
    url = reverse("board:incident", args=["paris"])
    response = client.post(reverse("set_language"), {"language": "fr", "next": url})
    assert response.status_code == 302
    assert 'lang="fr"' in client.get(url).content.decode()


def test_pages_are_served_without_the_shared_cache_when_it_is_down(
    client, records, settings, monkeypatch
):
    from reunify import cache

    monkeypatch.setattr(cache, "_paused_until", 0.0)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "reunify.cache.SharedRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    url = reverse("board:post-detail", args=[records[0].uid])
    assert client.get(url).status_code == 200
    assert cache.shared_cache_paused()
    assert client.get(url).status_code == 200


def test_a_stored_page_is_answered_before_sessions_auth_and_the_view(client, records):
    url = reverse("board:incident", args=["paris"])
    first = client.get(url)
    assert hasattr(first.wsgi_request, "user")  # rendered by the view
    second = client.get(url)
    # Answered by CachedPageMiddleware: the auth middleware never ran for it.
    assert not hasattr(second.wsgi_request, "user")
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["X-Frame-Options"] == "DENY"
    assert "public" in second["Cache-Control"] and "Accept-Language" in second["Vary"]


def test_a_stored_search_still_counts_against_the_search_limit(client, records, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (2, 60)}
    url = reverse("board:search", args=["paris"]) + "?q=Benali"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # from the cache, counted
    assert client.get(url).status_code == 429


def test_a_host_not_allowed_is_refused_even_for_a_stored_page(client, records):
    url = reverse("board:incident", args=["paris"])
    client.get(url)
    assert client.get(url, HTTP_HOST="evil.example").status_code == 400


def test_a_new_record_drops_the_searches_once_the_worker_has_keyed_it_not_before(
    client, incident, records, on_commit, django_assert_num_queries
):
    from reunify.actions.tasks import match_reports
    from reunify.board.models import Report
    from reunify.board.services import report_insert

    search = reverse("board:search", args=["paris"])
    page = reverse("board:incident", args=["paris"])
    client.get(search, {"q": "Haddad"})
    client.get(page)
    # The row saved and committed, its task not run yet (the queue was deep): no search keys.
    fields = {"kind": Report.Kind.SAFE, "full_name": "Samira Haddad", **REPORTER}
    report = on_commit(report_insert, incident=incident, **fields)
    assert "Samira Haddad" in client.get(page).content.decode()  # the incident page: at once
    with django_assert_num_queries(0):  # it cannot be in a search yet: the stored one answers
        assert "Samira Haddad" not in client.get(search, {"q": "Haddad"}).content.decode()
    on_commit(match_reports, [report.pk])  # the worker keys it, and the searches go
    assert "Samira Haddad" in client.get(search, {"q": "Haddad"}).content.decode()


def _rendering_elsewhere(url: str, language: str = "en") -> str:
    """Claim the render of a page as another worker rendering it right now would."""
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils import translation

    from reunify.web.pagecache import RENDER_CLAIM_SECONDS, _page_key

    with translation.override(language):
        claim = f"{_page_key(RequestFactory().get(url))}:rendering"
    assert cache.add(claim, 1, timeout=RENDER_CLAIM_SECONDS)
    return claim


def test_while_another_request_renders_a_changed_page_readers_get_the_copy_from_before(
    client, incident, records, on_commit, django_assert_num_queries
):
    from django.core.cache import cache

    page = reverse("board:incident", args=["paris"])
    before = client.get(page)
    on_commit(make_report, incident, full_name="Samira Haddad")
    claim = _rendering_elsewhere(page)
    # One render for the new version, not one per reader: the others have the page as it
    # was a moment ago, straight from the cache.
    with django_assert_num_queries(0):
        meanwhile = client.get(page)
    assert meanwhile.content == before.content and meanwhile["ETag"] == before["ETag"]
    assert "Samira Haddad" not in meanwhile.content.decode()
    cache.delete(claim)  # that render is done
    assert "Samira Haddad" in client.get(page).content.decode()


def test_the_request_that_renders_lets_go_so_the_next_change_shows_at_once(
    client, incident, records, on_commit
):
    from django.core.cache import cache

    page = reverse("board:incident", args=["paris"])
    client.get(page)
    on_commit(make_report, incident, full_name="Samira Haddad")
    assert "Samira Haddad" in client.get(page).content.decode()  # rendered, and let go
    claim = _rendering_elsewhere(page)  # fails if the claim were still held
    cache.delete(claim)
    on_commit(make_report, incident, full_name="Karim Mansour")
    assert "Karim Mansour" in client.get(page).content.decode()


def test_a_page_never_stored_is_rendered_even_while_another_request_renders_it(client, records):
    page = reverse("board:incident", args=["paris"])
    _rendering_elsewhere(page)
    response = client.get(page)
    assert response.status_code == 200 and records[0].full_name in response.content.decode()
