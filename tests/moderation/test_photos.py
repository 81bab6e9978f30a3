"""Reused photos: a hoax picture is caught again, resized, re-compressed or cropped."""

import pytest
from django.urls import reverse

from reunify.board.models import HoldReason, Visibility
from reunify.moderation.fingerprints import (
    NEAR_DISTANCE,
    WINDOW_COUNT,
    Fingerprint,
    FingerprintTable,
    distance,
    fingerprint_bytes,
)
from reunify.moderation.models import KnownMisusedImage, PhotoReuse
from reunify.moderation.photos import known_misused_add
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


def _random_print(rng, windows: int = WINDOW_COUNT) -> Fingerprint:
    return Fingerprint(rng.getrandbits(64), tuple(rng.getrandbits(64) for _ in range(windows)))


def _near_copy(rng, print_: Fingerprint, flips: int) -> Fingerprint:
    """The same picture re-compressed: a few bits of each hash flipped."""

    def flip(value: int) -> int:
        for bit in rng.sample(range(64), flips):
            value ^= 1 << bit
        return value

    return Fingerprint(flip(print_.full), tuple(flip(w) for w in print_.windows))


def test_the_table_finds_exactly_what_comparing_one_by_one_finds():
    import random

    rng = random.Random(3)
    stored = [
        _random_print(rng, windows=rng.choice([WINDOW_COUNT, WINDOW_COUNT, 7, 0]))
        for _ in range(300)
    ]
    queries = [_near_copy(rng, stored[i], flips) for i, flips in ((5, 3), (40, 8), (90, 12))]
    # a crop of a stored photo: its whole picture is close to one of the stored windows
    queries.append(
        Fingerprint(stored[7].windows[4] ^ 0b101, ()) if stored[7].windows else queries[0]
    )
    # the uncropped original of a stored crop: one of its windows is close to that photo
    queries.append(Fingerprint(rng.getrandbits(64), (rng.getrandbits(64), stored[9].full ^ 0b11)))
    queries += [_random_print(rng) for _ in range(5)]
    rows = [(i, p.full_hex, p.windows_hex) for i, p in enumerate(stored)]
    table = FingerprintTable(rows)
    for query in queries:
        expected = {
            (i, distance(query, p))
            for i, p in enumerate(stored)
            if distance(query, p) <= NEAR_DISTANCE
        }
        assert set(table.near(query)) == expected
    assert {i for i, _ in table.near(queries[0])} >= {5}
    assert {i for i, _ in table.near(queries[-6])} >= {9}
