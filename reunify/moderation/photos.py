"""Photos used on several records, and pictures known to circulate falsely."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from reunify.board.models import HoldReason, Photo
from reunify.board.photos import photo_set_fingerprint
from reunify.board.services import record_hold

from .audit import audit
from .fingerprints import NEAR_DISTANCE, Fingerprint, FingerprintTable, distance, fingerprint_bytes
from .models import KnownMisusedImage, PhotoReuse
from .roles import require


class MisusedPhoto(ValidationError):
    pass


def _known_near(print_: Fingerprint) -> KnownMisusedImage | None:
    for known in KnownMisusedImage.objects.all().only("pk", "phash", "phash_crops"):
        if distance(print_, Fingerprint.from_hex(known.phash, known.phash_crops)) <= NEAR_DISTANCE:
            return known
    return None


def photo_refuse_misused(data: bytes) -> None:
    """Raise when an upload is (a copy of) a picture moderators listed as misused."""
    if not KnownMisusedImage.objects.exists():
        return  # the usual case: no list, no decoding in the request
    print_ = fingerprint_bytes(data)
    if print_ is not None and _known_near(print_) is not None:
        raise MisusedPhoto(
            gettext(
                "This photo cannot be used: it is a known picture that has been shared falsely. "
                "If it really is the person you are looking for, please write to the volunteers."
            ),
            code="misused_photo",
        )


def photo_fingerprint(*, photo: Photo, data: bytes) -> None:
    print_ = fingerprint_bytes(data)
    if print_ is not None:
        photo_set_fingerprint(photo=photo, full_hex=print_.full_hex, windows_hex=print_.windows_hex)


def photo_check_reuse(*, photo: Photo) -> list[PhotoReuse]:
    """Compare a new photo with every other person's photos; hold the record if one is near."""
    if not photo.phash:
        return []
    mine = Fingerprint.from_hex(photo.phash, photo.phash_crops)
    record = photo.post or photo.report
    others = (
        Photo.objects.exclude(phash="")
        .exclude(pk=photo.pk)
        .exclude(**({"post": photo.post} if photo.post_id else {"report": photo.report}))
        .values_list("pk", "phash", "phash_crops")
    )
    # Every stored photo, compared at once in arrays (bench/photo_reuse.py measures it).
    found = []
    for other_pk, gap in FingerprintTable(list(others)).near(mine):
        reuse, _ = PhotoReuse.objects.get_or_create(
            photo=photo, other_photo_id=other_pk, defaults={"distance": gap}
        )
        found.append(reuse)
    if found:
        record_hold(record=record, reason=HoldReason.PHOTO)
    return found


@transaction.atomic
def known_misused_add(*, photo: Photo, note: str, by) -> KnownMisusedImage:
    require(by, "work_queues")
    if not photo.phash:
        raise ValidationError(gettext("This photo has no fingerprint yet."), code="no_hash")
    known = KnownMisusedImage.objects.create(
        phash=photo.phash, phash_crops=photo.phash_crops, note=note.strip(), added_by=by
    )
    audit(actor=by, action="misused_photo_add", target=f"photo:{photo.uid}", reason=note)
    return known
