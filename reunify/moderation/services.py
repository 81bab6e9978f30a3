"""Every moderator, coordinator and retention action goes through these functions.

Each volunteer action writes one AuditLog row: who, what, which record (its uid), why.
Contact details never go into the log, nor into application logs.
"""

import logging
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from reunify.board.models import HoldReason, Incident, Photo, Post, Report, Visibility

from .fingerprints import (
    NEAR_DISTANCE,
    Fingerprint,
    FingerprintTable,
    distance,
    fingerprint_bytes,
)
from .models import (
    AuditLog,
    DuplicatePair,
    Flag,
    IncidentDay,
    KnownMisusedImage,
    ModerationDecision,
    PhotoReuse,
    Role,
)
from .risk import HOLD_AT, risk_score

logger = logging.getLogger(__name__)

FLAGS_TO_HOLD = 3
RESTORE_DAYS = 3

Record = Post | Report


# --- Audit ------------------------------------------------------------------


def _target(record) -> tuple[str, str]:
    if record is None:
        return "", ""
    if isinstance(record, str):
        return "", record
    kind = {Post: "post", Report: "report", Incident: "incident"}.get(type(record), "")
    if kind == "" and hasattr(record, "username"):
        return "user", str(record.pk)
    ident = getattr(record, "uid", None) or getattr(record, "slug", None) or record.pk
    return kind or type(record).__name__.lower(), str(ident)


def audit(*, actor, action: str, target=None, reason: str = "") -> AuditLog:
    target_type, target_id = _target(target)
    return AuditLog.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "") or "system",
        action=action,
        target_type=target_type,
        target=target_id,
        reason=reason[:300],
    )


# --- Roles ------------------------------------------------------------------


def is_moderator(user) -> bool:
    return bool(user and user.is_active and user.has_perm("moderation.work_queues"))


def is_coordinator(user) -> bool:
    return bool(user and user.is_active and user.has_perm("moderation.manage_incidents"))


def _require(user, perm: str) -> None:
    if not (user and user.is_active and user.has_perm(f"moderation.{perm}")):
        raise PermissionDenied


@transaction.atomic
def volunteer_create(*, username: str, email: str, password: str, role: str, by) -> object:
    """Add a volunteer. `by` is the coordinator doing it, or None from the server's shell
    (whoever runs manage.py already holds the keys; the audit log records "system")."""
    if by is not None:
        _require(by, "manage_volunteers")
    if role not in (Role.MODERATORS, Role.COORDINATORS):
        raise ValidationError(gettext("Unknown role."), code="role")
    user = get_user_model()(username=username, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    audit(actor=by, action=f"volunteer_add:{role}", target=user)
    return user


@transaction.atomic
def volunteer_deactivate(*, user, by) -> None:
    _require(by, "manage_volunteers")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit(actor=by, action="volunteer_deactivate", target=user)


# --- Incidents (coordinators) -------------------------------------------------


@transaction.atomic
def incident_set_controls(
    *, incident: Incident, by, status: str, retention_days: int, proof_of_work: bool
) -> Incident:
    _require(by, "manage_incidents")
    changes = []
    if status != incident.status:
        changes.append(f"status {incident.status}->{status}")
    if retention_days != incident.retention_days:
        changes.append(f"retention {retention_days}d")
    if proof_of_work != incident.proof_of_work:
        changes.append(f"proof_of_work {'on' if proof_of_work else 'off'}")
    incident.status, incident.retention_days = status, retention_days
    incident.proof_of_work = proof_of_work
    incident.full_clean()
    incident.save(update_fields=["status", "retention_days", "proof_of_work"])
    if changes:
        audit(actor=by, action="incident_update", target=incident, reason="; ".join(changes))
    return incident


# --- Visibility -------------------------------------------------------------


def _set_visibility(record: Record, visibility: str, hold_reason: str = "") -> None:
    record.visibility, record.hold_reason = visibility, hold_reason
    record.save(update_fields=["visibility", "hold_reason", "updated_at"])


def record_hold(*, record: Record, reason: str) -> bool:
    """Take a public record off the board until a volunteer looks at it."""
    if record.visibility != Visibility.PUBLIC:
        return False
    _set_visibility(record, Visibility.HELD, reason)
    logger.info("held %s %s (%s)", type(record).__name__.lower(), record.uid, reason)
    return True


def record_screen(*, record: Record) -> bool:
    """Called by the board when a post or report is created: hold it if it looks risky."""
    score, _reasons = risk_score(record)
    return score >= HOLD_AT and record_hold(record=record, reason=HoldReason.RISK)


def _decide(record: Record, *, action: str, by, reason: str = "") -> None:
    field = "post" if isinstance(record, Post) else "report"
    ModerationDecision.objects.create(
        **{field: record}, action=action, decided_by=by, reason=reason
    )
    audit(actor=by, action=action, target=record, reason=reason)


def _close_flags(record: Record, state: str) -> int:
    field = "post" if isinstance(record, Post) else "report"
    return Flag.objects.filter(**{field: record}, state=Flag.State.OPEN).update(
        state=state, decided_at=timezone.now()
    )


@transaction.atomic
def record_hide(*, record: Record, by, reason: str) -> Record:
    _require(by, "work_queues")
    if not reason.strip():
        raise ValidationError(gettext("Say why the record is hidden."), code="reason")
    _set_visibility(record, Visibility.HIDDEN)
    _close_flags(record, Flag.State.ACTED)
    PhotoReuse.objects.filter(_photos_of(record), state=PhotoReuse.State.OPEN).update(
        state=PhotoReuse.State.HIDDEN
    )
    if isinstance(record, Post):
        from reunify.alerts.services import alerts_cancel_for_post

        alerts_cancel_for_post(post=record, reason="hidden by a moderator")
    _decide(record, action=ModerationDecision.Action.HIDE, by=by, reason=reason.strip())
    return record


@transaction.atomic
def record_restore(*, record: Record, by, reason: str = "") -> Record:
    """Publish a held or hidden record (flags dismissed). A death needs a coordinator."""
    from reunify.matches.services import record_changed

    _require(by, "work_queues")
    if _is_death(record):
        _require(by, "approve_deceased")
    _set_visibility(record, Visibility.PUBLIC)
    _close_flags(record, Flag.State.DISMISSED)
    PhotoReuse.objects.filter(_photos_of(record), state=PhotoReuse.State.OPEN).update(
        state=PhotoReuse.State.CLEARED
    )
    # Look for matches again: alerts held back while the record waited can now go.
    record_changed(**{"post" if isinstance(record, Post) else "report": record})
    _decide(record, action=ModerationDecision.Action.RESTORE, by=by, reason=reason)
    return record


@transaction.atomic
def flags_dismiss(*, record: Record, by, reason: str = "") -> int:
    _require(by, "work_queues")
    from reunify.matches.services import record_changed

    closed = _close_flags(record, Flag.State.DISMISSED)
    if record.visibility == Visibility.HELD and record.hold_reason == HoldReason.FLAGS:
        _set_visibility(record, Visibility.PUBLIC)
        record_changed(**{"post" if isinstance(record, Post) else "report": record})
    _decide(record, action=ModerationDecision.Action.DISMISS, by=by, reason=reason)
    return closed


def _is_death(record: Record) -> bool:
    return isinstance(record, Report) and record.condition == Report.Condition.DECEASED


# --- Flags ------------------------------------------------------------------


@transaction.atomic
def flag_create(*, record: Record, reason: str, note: str = "", source: str = "") -> Flag:
    field = "post" if isinstance(record, Post) else "report"
    flag = Flag(**{field: record}, reason=reason, note=note.strip()[:2000], source=source)
    flag.full_clean()
    flag.save()
    open_flags = Flag.objects.filter(**{field: record}, state=Flag.State.OPEN)
    # Several different people flagging the same record take it off the board at once.
    if open_flags.values("source").distinct().count() >= FLAGS_TO_HOLD:
        record_hold(record=record, reason=HoldReason.FLAGS)
    return flag


# --- Deceased ---------------------------------------------------------------


@transaction.atomic
def deceased_approve(*, report: Report, by, reason: str = "") -> Report:
    _require(by, "approve_deceased")
    return record_restore(record=report, by=by, reason=reason or "death confirmed")


# --- Match review -----------------------------------------------------------


@transaction.atomic
def match_review_decide(*, match, confirm: bool, by):
    from reunify.matches.services import match_confirm, match_reject

    _require(by, "work_queues")
    decide = match_confirm if confirm else match_reject
    decide(match=match, decided_by="volunteer")
    audit(
        actor=by,
        action="match_confirm" if confirm else "match_reject",
        target=f"match:{match.uid}",
    )
    return match


# --- Duplicates -------------------------------------------------------------


def duplicates_scan(*, incident: Incident) -> int:
    """Store the engine's proposed duplicate pairs; a decided pair is never proposed again."""
    from reunify.matches.services import post_duplicates

    created = 0
    for left, right, result in post_duplicates(incident=incident):
        low, high = sorted((left, right), key=lambda p: p.pk)
        try:
            with transaction.atomic():
                DuplicatePair.objects.create(
                    left=low, right=high, score=result["score"], reasons=result["reasons"]
                )
                created += 1
        except IntegrityError:
            continue
    return created


def linked_posts(post: Post) -> list[Post]:
    """Every post linked to this one, directly or through others (not including itself)."""
    seen, todo = {post.pk}, [post.pk]
    while todo:
        pairs = DuplicatePair.objects.filter(
            Q(left_id__in=todo) | Q(right_id__in=todo), state=DuplicatePair.State.LINKED
        ).values_list("left_id", "right_id")
        found = {pk for pair in pairs for pk in pair} - seen
        seen |= found
        todo = list(found)
    return list(Post.objects.filter(pk__in=seen - {post.pk}))


@transaction.atomic
def duplicate_link(*, pair: DuplicatePair, by) -> DuplicatePair:
    from reunify.board.services import post_set_status
    from reunify.matches.services import matches_share

    _require(by, "work_queues")
    pair.state, pair.decided_at = DuplicatePair.State.LINKED, timezone.now()
    pair.save(update_fields=["state", "decided_at"])
    # The family whose post is further along (found, reunited) brings the other with it.
    rank = [Post.Status.OPEN, Post.Status.FOUND, Post.Status.REUNITED]
    left, right = pair.left, pair.right
    if left.status in rank and right.status in rank:
        ahead, behind = sorted((left, right), key=lambda p: rank.index(p.status), reverse=True)
        if ahead.status != behind.status:
            post_set_status(post=behind, status=ahead.status)
    matches_share(posts=[left, right])
    audit(actor=by, action="duplicate_link", target=left, reason=f"linked to post {right.uid}")
    return pair


@transaction.atomic
def duplicate_dismiss(*, pair: DuplicatePair, by) -> DuplicatePair:
    _require(by, "work_queues")
    pair.state, pair.decided_at = DuplicatePair.State.DISMISSED, timezone.now()
    pair.save(update_fields=["state", "decided_at"])
    audit(actor=by, action="duplicate_dismiss", target=pair.left, reason=f"post {pair.right.uid}")
    return pair


def linked_status_follow(*, post: Post, status: str) -> None:
    """A linked search found or reunited: its linked posts follow (open/closed stay per family)."""
    from reunify.board.services import post_set_status

    if status not in (Post.Status.FOUND, Post.Status.REUNITED):
        return
    for other in linked_posts(post):
        if other.status != status and other.status != Post.Status.CLOSED:
            post_set_status(post=other, status=status)


# --- Photos -----------------------------------------------------------------


class MisusedPhoto(ValidationError):
    pass


def _known_near(print_: Fingerprint) -> KnownMisusedImage | None:
    for known in KnownMisusedImage.objects.all().only("pk", "phash", "phash_crops"):
        if distance(print_, Fingerprint.from_hex(known.phash, known.phash_crops)) <= NEAR_DISTANCE:
            return known
    return None


def photo_refuse_misused(data: bytes) -> None:
    """Raise when an upload is (a copy of) a picture moderators listed as misused."""
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
    if print_ is None:
        return
    photo.phash, photo.phash_crops = print_.full_hex, print_.windows_hex
    Photo.objects.filter(pk=photo.pk).update(phash=photo.phash, phash_crops=photo.phash_crops)


def _photos_of(record: Record) -> Q:
    field = "photo__post" if isinstance(record, Post) else "photo__report"
    return Q(**{field: record})


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
    _require(by, "work_queues")
    if not photo.phash:
        raise ValidationError(gettext("This photo has no fingerprint yet."), code="no_hash")
    known = KnownMisusedImage.objects.create(
        phash=photo.phash, phash_crops=photo.phash_crops, note=note.strip(), added_by=by
    )
    audit(actor=by, action="misused_photo_add", target=f"photo:{photo.uid}", reason=note)
    return known


# --- Retention --------------------------------------------------------------


def expiry_for(incident: Incident, now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(days=incident.retention_days)


@transaction.atomic
def record_extend(*, record: Record) -> Record:
    """The poster keeps the record for another retention period, counted from today."""
    record.expires_at = expiry_for(record.incident)
    record.save(update_fields=["expires_at", "updated_at"])
    return record


@transaction.atomic
def record_withdraw(*, record: Record) -> Record:
    """Delete from the management link: off the board now, data gone after RESTORE_DAYS."""
    if record.visibility == Visibility.WITHDRAWN:
        return record
    record.restore_visibility = record.visibility
    record.visibility, record.deleted_at = Visibility.WITHDRAWN, timezone.now()
    record.save(update_fields=["visibility", "restore_visibility", "deleted_at", "updated_at"])
    if isinstance(record, Post):
        from reunify.alerts.services import alerts_cancel_for_post

        alerts_cancel_for_post(post=record, reason="post deleted by the family")
    return record


@transaction.atomic
def record_unwithdraw(*, record: Record) -> Record:
    if record.visibility != Visibility.WITHDRAWN or record.purged_at:
        return record
    record.visibility = record.restore_visibility or Visibility.PUBLIC
    record.restore_visibility, record.deleted_at = "", None
    record.save(update_fields=["visibility", "restore_visibility", "deleted_at", "updated_at"])
    return record


PERSONAL_FIELDS = {
    "full_name": "",
    "alternate_names": "",
    "age": None,
    "age_min": None,
    "age_max": None,
    "sex": "",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
}
POST_FIELDS = {"description": "", "last_seen_place": "", "last_seen_at": None}
REPORT_FIELDS = {"message": "", "current_location": ""}


def record_purge(*, record: Record) -> Record:
    """Wipe personal data and photos; keep the uid, incident and dates a PFIF placeholder needs."""
    from reunify.alerts.models import Message
    from reunify.board.services import photo_delete_files
    from reunify.matches.models import Match, PostKey, ReportKey

    is_post = isinstance(record, Post)
    field = "post" if is_post else "report"
    photos = list(record.photos.all())
    with transaction.atomic():
        wipe = {**PERSONAL_FIELDS, **(POST_FIELDS if is_post else REPORT_FIELDS)}
        now = timezone.now()
        type(record).objects.filter(pk=record.pk).update(
            **wipe, visibility=Visibility.HIDDEN, hold_reason="", purged_at=now, updated_at=now
        )
        record.photos.all().delete()
        (PostKey if is_post else ReportKey).objects.filter(**{field: record}).delete()
        # Match reasons quote names; relayed messages quote people: both go.
        Match.objects.filter(**{field: record}).delete()
        Message.objects.filter(**{field: record}).update(body="", reply_email="")
        Flag.objects.filter(**{field: record}).update(note="")
        if is_post:
            DuplicatePair.objects.filter(Q(left=record) | Q(right=record)).delete()
    for photo in photos:
        photo_delete_files(photo)
    record.refresh_from_db()
    logger.info("purged %s %s", field, record.uid)
    return record


def retention_sweep(*, now: datetime | None = None) -> int:
    """Purge expired records and deletions past their restore window. Safe to run twice."""
    from .guard import counters_cleanup

    now = now or timezone.now()
    due = Q(expires_at__lt=now) | Q(deleted_at__lt=now - timedelta(days=RESTORE_DAYS))
    purged = 0
    for model in (Post, Report):
        for record in model.objects.filter(due, purged_at__isnull=True).iterator():
            record_purge(record=record)
            purged += 1
    counters_cleanup(now=now)
    return purged


# --- Dashboard snapshots ----------------------------------------------------


def snapshot_today(*, incident: Incident) -> IncidentDay:
    from .selectors import status_counts

    counts = status_counts(incident)
    day, _ = IncidentDay.objects.update_or_create(
        incident=incident,
        day=timezone.localdate(),
        defaults={
            "open": counts.get(Post.Status.OPEN, 0),
            "found": counts.get(Post.Status.FOUND, 0),
            "reunited": counts.get(Post.Status.REUNITED, 0),
        },
    )
    return day


def snapshots_take() -> int:
    incidents = Incident.objects.exclude(status=Incident.Status.STAGING)
    for incident in incidents:
        snapshot_today(incident=incident)
    return len(incidents)
