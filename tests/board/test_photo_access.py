"""A photo is served only while its record is public: after a delete, a moderator's hide or
a purge its address answers 404, however it was copied (issue 12, item 2)."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reunify.board.models import Post, Report
from reunify.moderation.retention import RESTORE_DAYS, retention_sweep
from tests.conftest import FAMILY, jpeg_bytes, make_report

from ..moderation.conftest import jpeg, photo_image


def _post_with_photo(client, on_commit) -> Post:
    photo = SimpleUploadedFile("photo.jpg", jpeg(photo_image(seed=7)), "image/jpeg")
    data = {"full_name": "Leila Haddad", "age": "31", "photos": photo, **FAMILY}
    response = on_commit(client.post, reverse("board:post-create", args=["paris"]), data)
    assert response.status_code == 302, response.content
    post = Post.objects.get()
    assert post.is_public and post.photos.get().image
    return post


def _photo_urls(client, post) -> list[str]:
    """Every photo address the public sees: the page's links and images, and the API's."""
    page = client.get(reverse("board:post-detail", args=[post.uid])).content.decode()
    urls = set(re.findall(r'(?:src|href)="(/media/[^"]+)"', page))
    api = client.get(f"/api/v1/posts/{post.uid}/").json()
    urls |= {url.removeprefix("http://testserver") for url in api["photos"]}
    assert len(urls) == 2  # the photo and its thumbnail
    return sorted(urls)


def _statuses(urls) -> set[int]:
    stranger = Client()
    return {stranger.get(url).status_code for url in urls}


def test_a_public_photo_is_served_as_a_clean_jpeg(client, incident, on_commit):
    post = _post_with_photo(client, on_commit)
    for url in _photo_urls(client, post):
        response = Client().get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_a_deleted_posts_photos_answer_404_until_it_is_restored(client, incident, on_commit):
    post = _post_with_photo(client, on_commit)
    urls, token = _photo_urls(client, post), post.secret_token()

    client.post(reverse("board:post-delete", args=[post.uid, token]))
    assert _statuses(urls) == {404}

    client.post(reverse("board:record-undelete", args=["p", post.uid, token]))
    assert _statuses(urls) == {200}


def test_a_post_hidden_by_a_moderator_has_no_public_photo(client, incident, on_commit):
    from django.contrib.auth.models import Group, User

    moderator = User.objects.create_user("mona", "mona@volunteers.invalid", "correct horse 42")
    moderator.groups.add(Group.objects.get(name="moderators"))
    moderator_client = Client()
    moderator_client.force_login(moderator)
    post = _post_with_photo(Client(), on_commit)
    urls = _photo_urls(client, post)
    decide = reverse("moderation:flag-decide", args=["p", post.uid])
    moderator_client.post(decide, {"action": "hide", "reason": "hoax photo"})

    assert _statuses(urls) == {404}
    # The moderator who may restore it still sees it.
    assert {moderator_client.get(url).status_code for url in urls} == {200}


def test_a_purged_posts_photos_are_gone_from_the_address_and_the_disk(
    client, incident, on_commit, settings
):
    post = _post_with_photo(client, on_commit)
    urls = _photo_urls(client, post)
    files = list((settings.MEDIA_ROOT / "photos").iterdir())
    client.post(reverse("board:post-delete", args=[post.uid, post.secret_token()]))

    retention_sweep(now=timezone.now() + timedelta(days=RESTORE_DAYS + 1))

    assert _statuses(urls) == {404}
    assert files and not any(f.exists() for f in files)


def test_a_reports_photo_follows_the_report(client, incident, on_commit):
    report = on_commit(make_report, incident, photos=[jpeg_bytes()])
    photo = report.photos.get()
    urls = [photo.image_url, photo.thumbnail_url]
    assert _statuses(urls) == {200}
    Report.objects.filter(pk=report.pk).update(visibility="withdrawn")
    assert _statuses(urls) == {404}


def test_behind_nginx_the_check_still_runs_and_nginx_sends_the_file(
    client, incident, on_commit, settings
):
    settings.SERVE_MEDIA = False
    post = _post_with_photo(client, on_commit)
    url = _photo_urls(client, post)[0]

    response = Client().get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/" + url.removeprefix("/media/")
    assert response.content == b""

    client.post(reverse("board:post-delete", args=[post.uid, post.secret_token()]))
    assert "X-Accel-Redirect" not in Client().get(url)
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("name", ["../uploads/x.upload", "x.upload", "nope.jpg"])
def test_nothing_else_is_reachable_under_media(client, incident, name):
    assert client.get(f"/media/photos/{name}").status_code == 404
