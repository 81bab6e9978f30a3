"""Following a person: double opt-in by e-mail, told once, one-click unfollow.

Every write to Follower and FollowingClosed goes through these functions. Which records a
change concerns (a post and the posts a volunteer linked to it) is decided in
reunify.actions.following, which calls followers_notify.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from reunify.board.models import Post, Report
from reunify.board.pages import pages_touch, record_scope

from .addresses import address_digest
from .models import DeliveryState, Follower, FollowingClosed, Message
from .services import message_create

Record = Post | Report

# What a follower can be told: the person's public news, once.
EVENTS = ("found", "safe", "reunited", "deceased")


def _record_field(record: Record) -> str:
    return "post" if isinstance(record, Post) else "report"


def _page_changed(*records: Record) -> None:
    # The person's page shows how many follow, and whether one may: a cached copy is stale.
    pages_touch(scopes=[record_scope(record.uid) for record in records])


def following_open(record: Record) -> bool:
    if isinstance(record, Post):
        return not FollowingClosed.objects.filter(post=record).exists()
    return True


def _confirmations_sent_to(digest: str) -> int:
    since = timezone.now() - timedelta(days=1)
    return Message.objects.filter(
        kind=Message.Kind.FOLLOW_CONFIRM, to_digest=digest, created_at__gte=since
    ).count()


@transaction.atomic
def follower_request(*, record: Record, email: str, language: str = "en") -> Follower | None:
    """Ask to follow: one confirmation e-mail, nothing more until its link is followed.

    Returns None when nothing was sent (already asked, or the address had its share of
    confirmations today). The page says the same either way, so nobody learns whether an
    address follows someone.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(gettext("Enter a valid e-mail address."), code="email") from error
    if not record.is_public or not following_open(record):
        raise ValidationError(gettext("This person cannot be followed."), code="closed")
    digest = address_digest(email)
    # Someone typing another person's address: at most a few confirmations a day reach it,
    # and without a click on one of them nothing else ever will.
    if _confirmations_sent_to(digest) >= settings.FOLLOW_CONFIRMS_PER_ADDRESS_PER_DAY:
        return None
    try:
        with transaction.atomic():
            follower = Follower.objects.create(
                **{_record_field(record): record},
                email=email,
                email_digest=digest,
                language=language,
            )
    except IntegrityError:
        return None  # this address already follows (or was asked to follow) this person
    message_create(
        kind=Message.Kind.FOLLOW_CONFIRM,
        **{_record_field(record): record},
        follower=follower,
        to_email=email,
        to_digest=digest,
        language=language,
    )
    return follower


def follower_confirm(*, follower: Follower) -> bool:
    """The address's owner clicked the link: they follow from now on."""
    if not following_open(follower.record):
        return False
    confirmed = Follower.objects.filter(pk=follower.pk, state=Follower.State.PENDING).update(
        state=Follower.State.ACTIVE, confirmed_at=timezone.now()
    )
    if confirmed:
        _page_changed(follower.record)
    return bool(confirmed)


def _cancel_messages(followers, reason: str) -> None:
    Message.objects.filter(
        follower__in=followers, state__in=[DeliveryState.PENDING, DeliveryState.SENDING]
    ).update(state=DeliveryState.CANCELLED, lease_until=None, cancel_reason=reason, to_email="")


@transaction.atomic
def follower_leave(*, follower: Follower) -> None:
    """One-click unfollow: the row and its address go; what was sent stays on record."""
    followers = Follower.objects.filter(pk=follower.pk)
    _cancel_messages(followers, "unfollowed")
    followers.delete()
    _page_changed(follower.record)


@transaction.atomic
def following_close(*, post: Post) -> None:
    """The family turns following off: nobody new may follow, present followers are let go."""
    FollowingClosed.objects.get_or_create(post=post)
    followers = Follower.objects.filter(post=post, state__in=_not_told())
    _cancel_messages(followers, "following turned off by the family")
    followers.delete()
    _page_changed(post)


def following_reopen(*, post: Post) -> None:
    FollowingClosed.objects.filter(post=post).delete()
    _page_changed(post)


def _not_told():
    return [Follower.State.PENDING, Follower.State.ACTIVE]


def _of(posts, reports) -> Q:
    return Q(post__in=posts) | Q(report__in=reports)


def followers_count(*, posts: list[Post] = (), reports: list[Report] = ()) -> int:
    """People following (confirmed), each address once across linked records."""
    active = Follower.objects.filter(_of(posts, reports), state=Follower.State.ACTIVE)
    return active.values("email_digest").distinct().count()


@transaction.atomic
def followers_notify(*, posts: list[Post] = (), reports: list[Report] = (), event: str) -> int:
    """Tell each confirmed follower of these records (one person) the news, once ever.

    The address moves from the follower row to the one message that carries the news, and
    is erased from there when that delivery is over.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    posts = [p for p in posts if p.is_public and following_open(p)]
    reports = [r for r in reports if r.is_public]
    told, seen = 0, set()
    followers = Follower.objects.filter(_of(posts, reports), state=Follower.State.ACTIVE)
    for follower in followers.order_by("pk"):
        now = timezone.now()
        # A conditional UPDATE: a follower told by a concurrent call is not told again.
        taken = Follower.objects.filter(pk=follower.pk, state=Follower.State.ACTIVE).update(
            state=Follower.State.TOLD, told_at=now, email=""
        )
        if not taken or follower.email_digest in seen:
            continue
        seen.add(follower.email_digest)
        message_create(
            kind=Message.Kind.FOLLOWER_NOTICE,
            post=follower.post,
            report=follower.report,
            follower=follower,
            body=event,
            to_email=follower.email,
            to_digest=follower.email_digest,
            language=follower.language,
        )
        told += 1
    _page_changed(*posts, *reports)
    return told


def followers_forget(*, record: Record) -> int:
    """A record wiped by retention: its followers' addresses go with it."""
    followers = Follower.objects.filter(**{_record_field(record): record})
    _cancel_messages(followers, "record wiped")
    return followers.delete()[0]
