"""Bad input gets a clear error and leaves nothing half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reunify.board.models import Photo, Post, Report
from tests.conftest import FAMILY, bomb_png_bytes, gps_png_bytes, jpeg_bytes

pytestmark = pytest.mark.django_db


def _post(client, on_commit, files=None, **overrides):
    data = {"full_name": "Marie Martin", "age": "41", **FAMILY, **overrides}
    if files:
        data["photos"] = files
    return on_commit(client.post, reverse("board:post-create", args=["paris"]), data)


def _nothing_saved(settings):
    assert not Post.objects.exists()
    assert not Photo.objects.exists()
    uploads = settings.PRIVATE_UPLOAD_ROOT
    assert not uploads.exists() or not any(uploads.iterdir())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "This field is required."),
        ("full_name", "   ", "This field is required."),
        ("full_name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("age", "forty", "Write an age like 34, or a range like 30-35."),
        ("age", "250", "That age is not possible."),
        ("contact_email", "not-an-email", "Enter a valid email address."),
        ("contact_phone", "call me maybe", "Enter a phone number with digits only."),
    ],
)
def test_bad_fields_get_a_clear_error(client, incident, on_commit, settings, field, value, message):
    response = _post(client, on_commit, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    _nothing_saved(settings)


def test_no_way_to_reach_the_family_is_refused(client, incident, on_commit, settings):
    response = _post(client, on_commit, contact_email="", contact_phone="")
    assert "Give an e-mail address or a phone number" in response.content.decode()
    _nothing_saved(settings)


def test_typed_fields_are_kept_when_a_photo_is_refused(client, incident, on_commit, settings):
    bad = SimpleUploadedFile("photo.jpg", b"this is not an image", content_type="image/jpeg")
    response = _post(client, on_commit, files=[bad], description="Red scarf")
    body = response.content.decode()
    assert "photo.jpg" in body and "Red scarf" in body and "Marie Martin" in body
    _nothing_saved(settings)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(jpeg_bytes(size=(400, 300))[:600], id="truncated"),
        pytest.param(bomb_png_bytes(), id="decompression-bomb"),
        pytest.param(b"GIF89a" + b"\0" * 100, id="gif-named-jpg"),
        pytest.param(b"", id="empty"),
    ],
)
def test_bad_images_get_a_clear_error_and_nothing_is_saved(
    client, incident, on_commit, settings, content
):
    upload = SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")
    response = _post(client, on_commit, files=[upload])
    assert response.status_code == 200
    assert "photo.jpg" in response.content.decode()
    _nothing_saved(settings)


def test_more_than_three_photos_are_refused(client, incident, on_commit, settings):
    files = [SimpleUploadedFile(f"p{i}.jpg", jpeg_bytes(), "image/jpeg") for i in range(4)]
    response = _post(client, on_commit, files=files)
    assert "at most 3 photos" in response.content.decode()
    _nothing_saved(settings)


def test_gps_is_stripped_from_photos_before_anyone_sees_them(client, incident, on_commit, settings):
    upload = SimpleUploadedFile("beach.png", gps_png_bytes(), content_type="image/png")
    _post(client, on_commit, files=[upload])

    photo = Photo.objects.get()
    assert photo.state == Photo.State.READY
    for name in (photo.image, photo.thumbnail):
        data = (settings.MEDIA_ROOT / name).read_bytes()
        assert b"Exif" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert image.format == "JPEG"
    # The raw upload with its GPS is gone once processed.
    assert not any(settings.PRIVATE_UPLOAD_ROOT.iterdir())
    served = client.get(photo.image_url)
    assert served.status_code == 200
    assert b"Exif" not in b"".join(served.streaming_content)


def test_processing_a_photo_twice_is_harmless(incident, on_commit, settings):
    from reunify.board.photos import photo_process
    from tests.conftest import make_post

    on_commit(make_post, incident, photos=[jpeg_bytes()])
    photo = Photo.objects.get()
    assert photo_process(photo_id=photo.pk) == "not-pending"
    assert len(list((settings.MEDIA_ROOT / "photos").iterdir())) == 2


def test_raw_uploads_are_never_served(client, incident, on_commit, settings):
    from reunify.board.photos import _write_private

    name = _write_private(jpeg_bytes())
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/../uploads/{name}").status_code == 404


def test_a_closed_incident_takes_no_new_reports(client, incident, on_commit):
    incident.status = "closed"
    incident.save()
    data = {"full_name": "Sarah Cohen", "contact_phone": "+33 6 11 22 33 44"}
    response = on_commit(client.post, reverse("board:safe-create", args=["paris"]), data)
    assert "not accepting reports" in response.content.decode()
    assert not Report.objects.exists()
