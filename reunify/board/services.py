"""Every change to incidents, posts, reports and photos goes through these functions."""

import logging
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from reunify.lib.images import ImageRejected, check_upload, process_upload, random_name
from reunify.queue import enqueue_on_commit

from .models import HoldReason, Incident, Photo, Post, Report, Visibility

logger = logging.getLogger(__name__)


class PhotoError(ValidationError):
    pass


# --- Incidents --------------------------------------------------------------


def incident_create(
    *, name: str, slug: str, area: str, status: str = Incident.Status.ACTIVE, description: str = ""
) -> Incident:
    incident = Incident(name=name, slug=slug, area=area, status=status, description=description)
    incident.full_clean()
    incident.save()
    return incident


# --- Photos -----------------------------------------------------------------


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
    from reunify.moderation.services import photo_refuse_misused

    photo_refuse_misused(data)  # a picture moderators listed as circulating falsely


def _write_private(data: bytes) -> str:
    settings.PRIVATE_UPLOAD_ROOT.mkdir(parents=True, exist_ok=True)
    name = random_name(suffix=".upload")
    (settings.PRIVATE_UPLOAD_ROOT / name).write_bytes(data)
    return name


def photo_add(*, data: bytes, post: Post | None = None, report: Report | None = None) -> Photo:
    photo_validate(data)
    return _photo_store(data=data, post=post, report=report)


def _photo_store(*, data: bytes, post: Post | None = None, report: Report | None = None) -> Photo:
    """Keep the raw upload privately; the photo task cleans it before anyone sees it."""
    from .tasks import process_photo

    upload_name = _write_private(data)
    try:
        photo = Photo.objects.create(post=post, report=report, upload_name=upload_name)
    except Exception:
        _remove_quietly(settings.PRIVATE_UPLOAD_ROOT / upload_name)
        raise
    from reunify.moderation.services import photo_check_reuse, photo_fingerprint

    # Hashed at upload, so a photo already on another person's record holds this one now.
    photo_fingerprint(photo=photo, data=data)
    photo_check_reuse(photo=photo)
    enqueue_on_commit(process_photo, photo.pk)
    return photo


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


# --- Posts ------------------------------------------------------------------


def _photos_allowed(record: Post | Report, new: int) -> None:
    existing = record.photos.exclude(state=Photo.State.REJECTED).count() if record.pk else 0
    if existing + new > settings.PHOTOS_PER_RECORD:
        raise PhotoError(
            gettext("A record can have at most %(n)d photos.") % {"n": settings.PHOTOS_PER_RECORD},
            code="too_many_photos",
        )


def _photos_validate_all(record: Post | Report, photos: list[bytes]) -> None:
    # Check every photo before writing anything, so a bad one leaves nothing behind.
    _photos_allowed(record, len(photos))
    for data in photos:
        photo_validate(data)


def _expiry(incident: Incident, source_expiry: datetime | None) -> datetime:
    """The incident's retention, or sooner when the record's source says so (a PFIF
    expiry_date): a copy must never outlive the original."""
    from reunify.moderation.services import expiry_for

    ours = expiry_for(incident)
    return min(ours, source_expiry) if source_expiry is not None else ours


@transaction.atomic
def post_create(
    *,
    incident: Incident,
    full_name: str,
    alternate_names: str = "",
    age: int | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    sex: str = "",
    description: str = "",
    last_seen_place: str = "",
    last_seen_at: datetime | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "en",
    photos: list[bytes] = (),
    from_partner: bool = False,
    expires_at: datetime | None = None,
) -> Post:
    """A family's search. `from_partner`: sent by a vetted organisation (API key, PFIF feed,
    coordinator's list), so no risk hold and no secret-link e-mail to a contact who never
    used the board."""
    from reunify.alerts.models import Message
    from reunify.alerts.services import message_create
    from reunify.matches.services import record_changed
    from reunify.moderation.services import record_screen

    if not incident.is_open_for_posts:
        raise ValidationError(gettext("This incident is not accepting posts."), code="closed")
    post = Post(
        expires_at=_expiry(incident, expires_at),
        incident=incident,
        full_name=full_name,
        alternate_names=alternate_names,
        age=age,
        age_min=age_min,
        age_max=age_max,
        sex=sex,
        description=description,
        last_seen_place=last_seen_place,
        last_seen_at=last_seen_at,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        language=language,
    )
    post.full_clean()
    _photos_validate_all(post, photos)
    post.save()
    for data in photos:
        _photo_store(data=data, post=post)
    if not from_partner:
        record_screen(record=post)
    record_changed(post=post)
    if post.contact_email and not from_partner:
        message_create(kind=Message.Kind.POST_LINK, post=post)
    return post


POST_EDITABLE_FIELDS = (
    "full_name",
    "alternate_names",
    "age",
    "age_min",
    "age_max",
    "sex",
    "description",
    "last_seen_place",
    "last_seen_at",
    "contact_name",
    "contact_email",
    "contact_phone",
)


@transaction.atomic
def post_update(*, post: Post, **changes) -> Post:
    from reunify.matches.services import record_changed

    unknown = set(changes) - set(POST_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(post, field, value)
    post.full_clean()
    post.save(update_fields=[*changes, "updated_at"])
    record_changed(post=post)
    return post


@transaction.atomic
def post_add_photo(*, post: Post, data: bytes) -> Photo:
    _photos_allowed(post, 1)
    return photo_add(data=data, post=post)


@transaction.atomic
def post_set_status(*, post: Post, status: str) -> Post:
    from reunify.alerts.services import alerts_cancel_for_post
    from reunify.matches.services import record_changed

    was_open = post.is_open
    post.status = status
    post.save(update_fields=["status", "updated_at"])
    if status == Post.Status.OPEN and not was_open:
        record_changed(post=post)  # reopened: look for matches again
    if status != Post.Status.OPEN:
        alerts_cancel_for_post(post=post, reason=f"post {status}")
    from reunify.moderation.services import linked_status_follow

    linked_status_follow(post=post, status=status)  # linked duplicates share the news
    return post


@transaction.atomic
def post_stop_alerts(*, post: Post) -> Post:
    from reunify.alerts.services import alerts_cancel_for_post

    post.alerts_enabled = False
    post.save(update_fields=["alerts_enabled", "updated_at"])
    alerts_cancel_for_post(post=post, reason="family stopped alerts")
    return post


# --- Reports ----------------------------------------------------------------


def pfif_status_for(*, kind: str, condition: str) -> str:
    if kind == Report.Kind.SAFE:
        return Report.PfifStatus.IS_NOTE_AUTHOR
    if condition == Report.Condition.DECEASED:
        return Report.PfifStatus.BELIEVED_DEAD
    return Report.PfifStatus.BELIEVED_ALIVE


@transaction.atomic
def report_create(
    *,
    incident: Incident,
    kind: str,
    full_name: str,
    alternate_names: str = "",
    age: int | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
    sex: str = "",
    condition: str = Report.Condition.SAFE,
    source: str = "",
    message: str = "",
    current_location: str = "",
    location_withheld: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "en",
    photos: list[bytes] = (),
    trusted: bool = False,
    from_partner: bool = False,
    expires_at: datetime | None = None,
) -> Report:
    """Someone found or safe. `trusted`: the source may publish a death (coordinator, or a
    key with the mark_deceased scope). `from_partner`: as for post_create."""
    from reunify.alerts.models import Message
    from reunify.alerts.services import message_create
    from reunify.matches.services import record_changed
    from reunify.moderation.services import record_screen

    if not incident.is_open_for_posts:
        raise ValidationError(gettext("This incident is not accepting reports."), code="closed")
    if kind == Report.Kind.SAFE:
        source, condition = Report.Source.SELF, Report.Condition.SAFE
    report = Report(
        incident=incident,
        kind=kind,
        full_name=full_name,
        alternate_names=alternate_names,
        age=age,
        age_min=age_min,
        age_max=age_max,
        sex=sex,
        condition=condition,
        source=source,
        pfif_status=pfif_status_for(kind=kind, condition=condition),
        message=message,
        current_location=current_location,
        location_withheld=location_withheld,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        language=language,
        expires_at=_expiry(incident, expires_at),
    )
    # A death reported by a member of the public is never published on its own word.
    if condition == Report.Condition.DECEASED and not trusted:
        report.visibility = Visibility.HELD
        report.hold_reason = HoldReason.DECEASED
    report.full_clean()
    _photos_validate_all(report, photos)
    report.save()
    for data in photos:
        _photo_store(data=data, report=report)
    if not from_partner:
        record_screen(record=report)
    record_changed(report=report)
    if report.contact_email and not from_partner:
        message_create(kind=Message.Kind.REPORT_LINK, report=report)
    return report


# --- Relayed messages -------------------------------------------------------


@transaction.atomic
def info_relay_create(*, post: Post, body: str, reply_email: str = ""):
    """Someone has information for a family: the board forwards it, the family's address stays private."""
    from reunify.alerts.models import Message
    from reunify.alerts.services import message_create

    body = body.strip()
    if not body:
        raise ValidationError(gettext("Please write a message."), code="empty")
    return message_create(
        kind=Message.Kind.INFO_FOR_FAMILY, post=post, body=body, reply_email=reply_email
    )


@transaction.atomic
def match_message_create(*, match, from_family: bool, body: str, reply_email: str = ""):
    """After a confirmed match, the two parties write to each other through the board."""
    from reunify.alerts.models import Message
    from reunify.alerts.services import message_create

    body = body.strip()
    if not body:
        raise ValidationError(gettext("Please write a message."), code="empty")
    kind = Message.Kind.FAMILY_TO_REPORTER if from_family else Message.Kind.REPORTER_TO_FAMILY
    return message_create(
        kind=kind,
        post=match.post,
        report=match.report,
        match=match,
        body=body,
        reply_email=reply_email,
    )


# --- Partner status updates (API) --------------------------------------------


@transaction.atomic
def report_set_condition(*, report: Report, condition: str, trusted: bool = False) -> Report:
    """A hospital or shelter updates what it reported (e.g. injured -> safe)."""
    if condition not in Report.Condition.values:
        raise ValidationError({"condition": [gettext("Unknown condition.")]}, code="invalid")
    report.condition = condition
    report.pfif_status = pfif_status_for(kind=report.kind, condition=condition)
    fields = ["condition", "pfif_status", "updated_at"]
    # The same rule as report_create: a death is published only on a trusted word.
    if condition == Report.Condition.DECEASED and not trusted and report.is_public:
        report.visibility = Visibility.HELD
        fields.append("visibility")
    report.save(update_fields=fields)
    return report
