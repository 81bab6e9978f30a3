"""Reused photos: a hoax picture is caught again, resized, re-compressed or cropped."""

import pytest
from django.urls import reverse

from reunify.board.models import HoldReason, Visibility
from reunify.moderation.fingerprints import NEAR_DISTANCE, distance, fingerprint_bytes
from reunify.moderation.models import KnownMisusedImage, PhotoReuse
from reunify.moderation.services import known_misused_add
from tests.conftest import FAMILY, make_post

from .conftest import cropped, jpeg, photo_image, resized_recompressed


def _post_form(name: str, photo: bytes, filename: str = "photo.jpg") -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "full_name": name,
        "age": "30",
        "photos": SimpleUploadedFile(filename, photo, content_type="image/jpeg"),
        **FAMILY,
    }


@pytest.mark.parametrize(
    "copy",
    [
        lambda im: resized_recompressed(im),
        lambda im: cropped(im, 0.10),
        lambda im: cropped(im, 0.25),
        lambda im: jpeg(im.convert("L").convert("RGB"), 50),
    ],
    ids=["resized-recompressed", "cropped-10", "cropped-25", "greyscale"],
)
def test_copies_of_a_photo_stay_near_and_other_photos_stay_far(copy):
    original = fingerprint_bytes(jpeg(photo_image(1)))
    assert distance(original, fingerprint_bytes(copy(photo_image(1)))) <= NEAR_DISTANCE
    assert distance(fingerprint_bytes(copy(photo_image(1))), original) <= NEAR_DISTANCE
    for seed in range(2, 30):
        assert distance(original, fingerprint_bytes(jpeg(photo_image(seed)))) > NEAR_DISTANCE


def test_a_reuploaded_hoax_photo_is_refused_with_a_clear_message(
    client, incident, on_commit, moderator
):
    hoax = photo_image(7)
    post = on_commit(make_post, incident, full_name="Jean Hoax", photos=[jpeg(hoax)])
    known_misused_add(
        photo=post.photos.get(), note="a living man, photo from Ireland", by=moderator
    )

    url = reverse("board:post-create", args=["paris"])
    response = on_commit(client.post, url, _post_form("Pierre Autre", resized_recompressed(hoax)))

    assert response.status_code == 200
    assert "known picture that has been shared falsely" in response.content.decode()
    assert not incident.posts.filter(full_name="Pierre Autre").exists()
    # A cropped copy is refused too.
    response = on_commit(client.post, url, _post_form("Paul Autre", cropped(hoax, 0.2)))
    assert "known picture that has been shared falsely" in response.content.decode()


def test_a_photo_already_on_another_persons_record_holds_the_new_one_side_by_side(
    client, incident, on_commit, moderator_client
):
    picture = photo_image(11)
    first = on_commit(make_post, incident, full_name="Marc Durand", photos=[jpeg(picture)])
    second = on_commit(
        make_post,
        incident,
        full_name="Luc Martin",
        contact_email="other@example.org",
        photos=[resized_recompressed(picture)],
    )
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.visibility, second.hold_reason) == (Visibility.HELD, HoldReason.PHOTO)
    assert first.visibility == Visibility.PUBLIC
    assert PhotoReuse.objects.filter(photo__post=second, other_photo__post=first).exists()

    page = moderator_client.get(reverse("moderation:held")).content.decode()
    assert "Marc Durand" in page and "Luc Martin" in page  # both records, side by side

    # The poster is told why, in words.
    manage = client.get(reverse("board:post-manage", args=[second.uid, second.secret_token()]))
    assert "also on another person" in manage.content.decode()


def test_a_different_photo_does_not_hold_anything(incident, on_commit):
    on_commit(make_post, incident, full_name="Marc Durand", photos=[jpeg(photo_image(21))])
    other = on_commit(make_post, incident, full_name="Luc Martin", photos=[jpeg(photo_image(22))])
    other.refresh_from_db()
    assert other.visibility == Visibility.PUBLIC
    assert not PhotoReuse.objects.exists()


def test_a_moderator_adds_a_held_photo_to_the_misused_list_from_the_queue(
    incident, on_commit, moderator_client
):
    picture = photo_image(31)
    on_commit(make_post, incident, full_name="Marc Durand", photos=[jpeg(picture)])
    second = on_commit(make_post, incident, full_name="Luc Martin", photos=[jpeg(picture, 70)])
    photo = second.photos.get()
    moderator_client.post(
        reverse("moderation:misused-add", args=[photo.uid]), {"reason": "taken in Brazil"}
    )
    assert KnownMisusedImage.objects.get().note == "taken in Brazil"
