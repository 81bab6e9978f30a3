"""Photos: kept privately until a task has cleaned them, then served without metadata."""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from reunify.lib.images import ImageRejected, check_upload, process_upload, random_name

from .models import Photo, Post, Report
from .pages import record_pages_touch

logger = logging.getLogger(__name__)


class PhotoError(ValidationError):
    pass


def photo_validate(data: bytes) -> None:
    """Raise a ValidationError whose message a person can act on."""
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise PhotoError(
            gettext("This photo is too large (maximum %(mb)d MB).")
            % {"mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)},
            code="too_large_bytes",
        )
    try:
        check_upload(data)
    except ImageRejected as exc:
        raise PhotoError(gettext(exc.message), code=exc.code) from exc


def photos_allowed(record: Post | Report | None, new: int) -> None:
    """`record`: None for one not saved yet."""
    existing = 0
    if record is not None and record.pk:
        existing = record.photos.exclude(state=Photo.State.REJECTED).count()
    if existing + new > settings.PHOTOS_PER_RECORD:
        raise PhotoError(
            gettext("A record can have at most %(n)d photos.") % {"n": settings.PHOTOS_PER_RECORD},
            code="too_many_photos",
        )


def _write_private(data: bytes) -> str:
    settings.PRIVATE_UPLOAD_ROOT.mkdir(parents=True, exist_ok=True)
    name = random_name(suffix=".upload")
    (settings.PRIVATE_UPLOAD_ROOT / name).write_bytes(data)
    return name


def photo_store(*, data: bytes, post: Post | None = None, report: Report | None = None) -> Photo:
    """Keep the raw upload privately; the caller enqueues the task that cleans it before
    anyone sees it (reunify.actions.photos)."""
    upload_name = _write_private(data)
    try:
        photo = Photo.objects.create(post=post, report=report, upload_name=upload_name)
    except Exception:
        _remove_quietly(settings.PRIVATE_UPLOAD_ROOT / upload_name)
        raise
    return photo


def photo_set_fingerprint(*, photo: Photo, full_hex: str, windows_hex: str) -> None:
    photo.phash, photo.phash_crops = full_hex, windows_hex
    Photo.objects.filter(pk=photo.pk).update(phash=full_hex, phash_crops=windows_hex)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        logger.warning("could not remove %s", path.name)


def photo_process(*, photo_id: int) -> str:
    """Strip metadata, fix orientation, re-encode; safe to run twice."""
    photo = Photo.objects.filter(pk=photo_id, state=Photo.State.PENDING).first()
    if photo is None:
        return "not-pending"
    raw_path = settings.PRIVATE_UPLOAD_ROOT / photo.upload_name
    try:
        processed = process_upload(raw_path.read_bytes())
    except (ImageRejected, OSError) as exc:
        code = getattr(exc, "code", "unreadable")
        Photo.objects.filter(pk=photo.pk, state=Photo.State.PENDING).update(
            state=Photo.State.REJECTED, error_code=code
        )
        _remove_quietly(raw_path)
        return "rejected"
    image_name, thumb_name = _write_public(processed.display), _write_public(processed.thumbnail)
    done = Photo.objects.filter(pk=photo.pk, state=Photo.State.PENDING).update(
        state=Photo.State.READY,
        image=image_name,
        thumbnail=thumb_name,
        width=processed.width,
        height=processed.height,
    )
    if not done:  # another run got there first: keep its files, drop ours
        _remove_quietly(settings.MEDIA_ROOT / image_name)
        _remove_quietly(settings.MEDIA_ROOT / thumb_name)
        return "not-pending"
    _remove_quietly(raw_path)
    record_pages_touch(record=photo.post or photo.report)
    return "ready"


def _write_public(data: bytes) -> str:
    folder = settings.MEDIA_ROOT / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"photos/{random_name(suffix='.jpg')}"
    (settings.MEDIA_ROOT / name).write_bytes(data)
    return name


def photo_delete_files(photo: Photo) -> None:
    for name in (photo.image, photo.thumbnail):
        if name:
            _remove_quietly(settings.MEDIA_ROOT / name)
    if photo.upload_name:
        _remove_quietly(settings.PRIVATE_UPLOAD_ROOT / photo.upload_name)


def photos_delete(*, record: Post | Report) -> int:
    """Remove a record's photos, rows and files (a wiped or deleted record keeps none)."""
    photos = list(record.photos.all())
    record.photos.all().delete()
    for photo in photos:
        photo_delete_files(photo)
    record_pages_touch(record=record)
    return len(photos)
