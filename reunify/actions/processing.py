"""What the photo task does: clean the upload, then the reused-photo check on the clean
picture, then let the record's matching go ahead.

The check used to run in the request, where fingerprinting a 6300×6300 PNG took seconds.
Here it runs before matching does: a record's matching waits while its photos are being
processed (matching.py), so a reused photo holds the record before any alert can be made.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from reunify.board.models import Photo, Post, Report
from reunify.board.photos import photo_process
from reunify.moderation.photos import photo_check_reuse, photo_fingerprint

# Matching waits this long at most for a record's photos: a photo task lost with the
# broker's queue must not keep a record from ever being matched.
PHOTO_WAIT = timedelta(minutes=10)


def photos_processing(record: Post | Report) -> bool:
    since = timezone.now() - PHOTO_WAIT
    return record.photos.filter(state=Photo.State.PENDING, created_at__gt=since).exists()


def processing_photos_of(model: type[Post] | type[Report], pks: list[int]) -> set[int]:
    """photos_processing for a batch of records, in one query: the ids still waiting."""
    since = timezone.now() - PHOTO_WAIT
    field = "post_id" if model is Post else "report_id"
    photos = Photo.objects.filter(
        **{f"{field}__in": pks}, state=Photo.State.PENDING, created_at__gt=since
    )
    return set(photos.values_list(field, flat=True))


def photo_finish(*, photo_id: int) -> tuple[str, Post | Report | None]:
    """Clean the photo, then hold its record if another person's record has the same
    picture. Returns the outcome and the record (None when the photo is gone)."""
    outcome = photo_process(photo_id=photo_id)
    photo = Photo.objects.filter(pk=photo_id).select_related("post", "report").first()
    if photo is None:
        return outcome, None
    if outcome == "ready" and not photo.phash:
        try:
            cleaned = (settings.MEDIA_ROOT / photo.image).read_bytes()
        except OSError:
            cleaned = b""
        if cleaned:
            photo_fingerprint(photo=photo, data=cleaned)
            photo_check_reuse(photo=photo)  # holds the record when another person has it
    return outcome, photo.post or photo.report
