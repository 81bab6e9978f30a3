"""Issue 11: every family's journey, as the pages answer it (the browser suite checks layout)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from reunify.board.models import Post, Report
from reunify.board.services import incident_create
from tests.conftest import FAMILY, jpeg_bytes, make_post, make_report

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


# 2. The photo is not lost silently after a form error.


# (the kept photo: see the tests at the end of this file)


# 4. "No one with a name like this" leads somewhere.


def test_a_search_without_hits_offers_to_post_a_search_for_that_name(client, incident):
    response = client.get(reverse("board:search", args=["paris"]), {"q": "Zaynab Qasim"})

    assert "No one with a name like this yet" in _text(response)
    create = reverse("board:post-create", args=["paris"])
    assert f'href="{create}?full_name=Zaynab%20Qasim"' in _text(response)


# 5. Friendly, translated 404 and 500 pages with a way back.


def test_a_dead_link_shows_a_friendly_page_with_a_way_back(client, settings, incident):
    settings.DEBUG = False
    response = client.get("/p/00000000-0000-0000-0000-000000000000/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404
    assert 'href="/"' in _text(response)
    assert "Cette page n’est pas ici" in _text(response)
    assert "Not Found" not in _text(response)


def test_a_server_error_shows_a_friendly_translated_page(rf, settings):
    from reunify.web.views import server_error as handler

    settings.DEBUG = False
    request = rf.get("/")
    with translation.override("ar"):
        response = handler(request)
        bare = server_error(request)
    assert response.status_code == 500
    assert 'dir="rtl"' in _text(response)
    assert 'href="/"' in _text(response)
    assert bare.status_code == 500  # the fallback renders too


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith(".svg")


# 6. Form fields say what is required before the error does.


def test_required_fields_and_the_contact_rule_are_marked_before_any_error(client, incident):
    page = _text(client.get(reverse("board:safe-create", args=["paris"])))

    assert re.search(r'for="id_full_name">[^<]*<span class="required">\(required\)', page)
    assert "(e-mail or phone required)" in page
    assert 'type="tel"' in page


def test_report_a_problem_offers_no_preselected_empty_choice(client, incident):
    post = make_post(incident)
    page = _text(client.get(reverse("moderation:flag", args=["p", post.uid])))

    assert "---------" not in page
    assert not re.search(r'type="radio"[^>]*checked', page)


# 7. The home page has actions.


def test_with_one_active_incident_the_home_page_offers_its_three_actions(client, incident):
    page = _text(client.get("/"))

    for name in ("board:safe-create", "board:post-create", "board:found-create", "board:search"):
        assert reverse(name, args=["paris"]) in page


def test_with_several_incidents_the_home_page_lists_them(client, incident):
    incident_create(name="Beirut", slug="beirut", area="Beirut")
    page = _text(client.get("/"))
    assert reverse("board:incident", args=["beirut"]) in page
    assert reverse("board:safe-create", args=["paris"]) not in page


# 8. Self-reports read naturally.


def test_a_person_who_says_they_are_safe_is_not_told_about_their_own_name(
    incident, on_commit, mailoutbox, client
):
    report = on_commit(
        make_report,
        incident,
        kind=Report.Kind.SAFE,
        source=Report.Source.SELF,
        full_name="Karim Haddad",
        condition=Report.Condition.SAFE,
    )
    [link] = [m for m in mailoutbox if "/manage/r/" in m.body]
    assert "Your report about Karim Haddad" not in link.body
    assert "you are safe" in link.body
    page = _text(
        client.get(reverse("board:report-manage", args=[report.uid, report.secret_token()]))
    )
    assert "You said you are safe" in page


def test_a_family_reads_that_the_safe_person_wrote_to_them_themself(
    incident, on_commit, mailoutbox
):
    from reunify.actions.decisions import match_confirm
    from reunify.alerts.services import match_message_create

    post = on_commit(make_post, incident, full_name="Karim Haddad")
    report = on_commit(
        make_report,
        incident,
        kind=Report.Kind.SAFE,
        source=Report.Source.SELF,
        full_name="Karim Haddad",
        condition=Report.Condition.SAFE,
    )
    match = post.matches.get(report=report)
    on_commit(match_confirm, match=match, decided_by="family")
    on_commit(match_message_create, match=match, from_family=False, body="I am at my aunt's.")

    [mail] = [m for m in mailoutbox if "I am at my aunt's." in m.body]
    assert "The person who reported" not in mail.body
    assert "Karim Haddad, who said they are safe, wrote to you" in mail.body


# 9. The page after "Delete".


def test_after_delete_the_private_page_offers_only_the_undo(client, incident):
    post = make_post(incident)
    manage = reverse("board:post-manage", args=[post.uid, post.secret_token()])
    client.post(reverse("board:post-delete", args=[post.uid, post.secret_token()]))
    page = _text(client.get(manage))

    assert "Undo: put it back" in page
    assert f'href="{reverse("board:post-detail", args=[post.uid])}"' not in page
    assert 'name="full_name"' not in page
    assert "Delete this post" not in page


# 11–12. RTL and accessibility details the HTML carries.


def test_back_links_carry_no_fixed_arrow_so_rtl_can_mirror_it(client, incident):
    page = _text(client.get(reverse("board:search", args=["paris"])))
    assert 'class="back"' in page
    assert "←" not in page


def test_the_private_link_is_shown_whole_in_a_wrapping_field(client, incident, on_commit):
    data = {"full_name": "Karim Haddad", **FAMILY}
    response = on_commit(client.post, reverse("board:post-create", args=["paris"]), data)
    page = _text(client.get(response.url))
    assert re.search(r'<textarea[^>]*class="private-url"[^>]*readonly', page)


def test_the_photo_link_on_a_person_page_has_a_name(client, incident, on_commit):
    post = on_commit(make_post, incident, full_name="Karim Haddad", photos=[jpeg_bytes()])
    page = _text(client.get(reverse("board:post-detail", args=[post.uid])))
    assert 'alt="Photo of Karim Haddad, full size"' in page


# Look before you post.


def test_posting_a_search_asks_for_the_name_first_and_writes_nothing(client, incident):
    page = _text(client.get(reverse("board:post-create", args=["paris"])))
    assert 'method="get"' in page
    assert 'name="contact_email"' not in page


def test_people_already_on_the_board_are_shown_before_anything_is_posted(client, incident):
    make_post(incident, full_name="Karim Haddad", contact_email="secret@example.org")
    url = reverse("board:post-create", args=["paris"])
    page = _text(client.get(url, {"full_name": "Kareem Hadad"}))

    assert "Karim Haddad" in page
    assert "This is them: follow or answer" in page
    assert "None of these: go on" in page
    assert "secret@example.org" not in page
    assert Post.objects.count() == 1
    form = _text(client.get(url, {"full_name": "Kareem Hadad", "go": "1"}))
    assert 'value="Kareem Hadad"' in form and 'name="contact_email"' in form


def test_a_new_name_goes_straight_to_the_form(client, incident):
    url = reverse("board:post-create", args=["paris"])
    page = _text(client.get(url, {"full_name": "Zaynab Qasim"}))
    assert 'value="Zaynab Qasim"' in page and 'name="contact_email"' in page


def test_a_found_report_learns_only_that_someone_is_looking(client, incident):
    make_post(incident, full_name="Karim Haddad", **FAMILY)
    url = reverse("board:found-create", args=["paris"])
    page = _text(client.get(url, {"full_name": "Kareem Hadad"}))

    assert "Someone on this board is looking for a person with this name" in page
    for private in ("Amina", FAMILY["contact_email"], "/p/"):
        assert private not in page


def test_a_safe_person_learns_only_that_someone_is_looking_for_them(client, incident, on_commit):
    make_post(incident, full_name="Karim Haddad", **FAMILY)
    data = {"full_name": "Kareem Hadad", "contact_phone": "+33 6 11 22 33 44"}
    response = on_commit(client.post, reverse("board:safe-create", args=["paris"]), data)
    page = _text(client.get(response.url))

    assert "Someone on this board may be looking for you" in page
    assert "Amina" not in page and FAMILY["contact_email"] not in page


# "I'm safe" in one short screen.


def test_im_safe_needs_at_most_three_inputs_and_hides_the_rest_behind_add_details(client, incident):
    page = _text(client.get(reverse("board:safe-create", args=["paris"])))
    before_details = page.split('<form method="post"', 1)[1].split("<details", 1)[0]
    inputs = re.findall(r"<(?:input|textarea|select)(?![^>]*type=\"hidden\")[^>]*>", before_details)
    visible = [i for i in inputs if 'name="website"' not in i and 'tabindex="-1"' not in i]
    assert len(visible) <= 3, visible
    assert "<summary>Add details (optional)</summary>" in page


# Shareable, printable person pages.


def test_a_shared_person_page_has_a_card_with_name_and_photo_never_contact(
    client, incident, on_commit
):
    post = on_commit(make_post, incident, full_name="Karim Haddad", photos=[jpeg_bytes()])
    page = _text(client.get(reverse("board:post-detail", args=[post.uid])))

    assert '<meta property="og:title" content="Karim Haddad">' in page
    assert re.search(r'<meta property="og:image" content="http://testserver/media/photos/', page)
    head = page.split("</head>", 1)[0]
    for private in (FAMILY["contact_email"], FAMILY["contact_phone"], FAMILY["contact_name"]):
        assert private not in head


def test_a_poster_carries_a_qr_code_to_the_page_and_no_contact(client, incident):
    post = make_post(incident, full_name="Karim Haddad")
    page = _text(client.get(reverse("board:post-poster", args=[post.uid])))

    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="segno"' in page
    assert f"http://testserver/p/{post.uid}/" in page
    assert FAMILY["contact_email"] not in page and FAMILY["contact_phone"] not in page


def test_from_a_search_im_safe_says_only_that_someone_is_looking(client, incident):
    make_post(incident, full_name="Karim Haddad", **FAMILY)
    search = _text(client.get(reverse("board:search", args=["paris"]), {"q": "Kareem Hadad"}))
    safe = reverse("board:safe-create", args=["paris"])
    assert f'href="{safe}?full_name=Kareem%20Hadad"' in search

    page = _text(client.get(safe, {"full_name": "Kareem Hadad"}))
    assert "Someone on this board may be looking for you" in page
    assert 'value="Kareem Hadad"' in page
    assert "Amina" not in page and FAMILY["contact_email"] not in page


def test_the_second_step_forms_have_no_english_left_in_arabic(client, incident):
    client.cookies["django_language"] = "ar"
    for name in ("board:post-create", "board:found-create"):
        url = reverse(name, args=[incident.slug])
        for body in (
            _text(client.get(url)),
            _text(client.get(url, {"full_name": "Zaynab Qasim", "go": "1"})),
        ):
            for english in ("Your e-mail", "Full name", "(required)", ">Next<", "Private."):
                assert english not in body, (name, english)


def _kept_token(response) -> str:
    found = re.search(r'name="kept_photos" value="([^"]+)"', _text(response))
    assert found, "the form carries no kept photo"
    return found.group(1)


def test_after_a_form_error_the_photo_is_kept_and_the_corrected_post_has_it(client, incident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("board:post-create", args=["paris"])
    photo = SimpleUploadedFile("karim.jpg", jpeg_bytes(), content_type="image/jpeg")
    data = {"full_name": "Karim Haddad", "age": "250", "photos": photo, **FAMILY}
    response = client.post(url, data)

    assert response.status_code == 200
    assert "That age is not possible." in _text(response)
    assert "Your photo is kept: no need to choose it again" in _text(response)
    token = _kept_token(response)

    # a second mistake keeps it again, under the same token
    again = client.post(url, {**data, "photos": "", "age": "-3", "kept_photos": token})
    assert _kept_token(again) == token

    corrected = {**data, "photos": "", "age": "25", "kept_photos": token}
    response = client.post(url, corrected)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.photos.count() == 1

    # used once: the token no longer brings the photo
    response = client.post(url, {**corrected, "full_name": "Sara Haddad"})
    assert "was not kept" in _text(response)
    assert Post.objects.count() == 1


def test_a_made_up_kept_photo_token_is_a_clear_error_and_the_rest_is_kept(client, incident):
    url = reverse("board:post-create", args=["paris"])
    data = {"full_name": "Karim Haddad", "age": "25", "kept_photos": "x" * 32, **FAMILY}
    response = client.post(url, data)

    assert response.status_code == 200
    assert "please choose it again" in _text(response)
    assert 'value="Karim Haddad"' in _text(response)
    assert not Post.objects.exists()
