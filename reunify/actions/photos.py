"""Photos attached to posts and reports: checked, kept privately, cleaned by a task."""

from django.db import transaction

from reunify.board.models import Photo, Post, Report
from reunify.board.photos import photo_store, photo_validate, photos_allowed
from reunify.moderation.photos import photo_refuse_misused
from reunify.queue import enqueue_on_commit

from .tasks import process_photo


def photo_check(data: bytes) -> None:
    """Everything that can refuse one upload, with a message a person can act on."""
    photo_validate(data)
    photo_refuse_misused(data)  # a picture moderators listed as circulating falsely


def photos_check(record: Post | Report | None, photos: list[bytes]) -> None:
    # Every photo is checked before anything is written, so a bad one leaves nothing behind.
    photos_allowed(record, len(photos))
    for data in photos:
        photo_check(data)


def photos_attach(*, record: Post | Report, photos: list[bytes]) -> list[Photo]:
    field = "post" if isinstance(record, Post) else "report"
    stored = []
    for data in photos:
        photo = photo_store(data=data, **{field: record})
        # The reused-photo check runs in the task, on the cleaned picture (processing.py):
        # fingerprinting a large upload here cost seconds of request time.
        enqueue_on_commit(process_photo, photo.pk)
        stored.append(photo)
    return stored


@transaction.atomic
def post_add_photo(*, post: Post, data: bytes) -> Photo:
    photos_check(post, [data])
    return photos_attach(record=post, photos=[data])[0]
