"""Tell my people I'm safe: one message per address given, exactly once, then the address goes.

E-mail addresses get an e-mail; phone numbers go to a partner's webhook (who sends the SMS).
Both are Message rows, delivered, retried and swept like every other message.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from reunify.board.models import Report

from .addresses import address_digest, normal_address
from .models import DeliveryState, Message, WebhookSubscription
from .services import message_create

PHONE_DIGITS = (6, 16)


def _clean_email(address: str) -> str:
    try:
        validate_email(address)
    except ValidationError as error:
        message = gettext("“%(address)s” is not an e-mail address.") % {"address": address}
        raise ValidationError(message, code="email") from error
    return address


def _clean_phone(number: str) -> str:
    normal = normal_address(number)
    digits = len(normal.lstrip("+"))
    if not (PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]):
        message = gettext("“%(number)s” is not a phone number.") % {"number": number}
        raise ValidationError(message, code="phone")
    return normal


def tell_addresses_clean(*, emails=(), phones=()) -> tuple[list[str], list[str]]:
    """Validate, drop repeats, and keep to the limit (TELL_MAX_ADDRESSES in all)."""
    emails = list(dict.fromkeys(_clean_email(e.strip()) for e in emails if e.strip()))
    phones = list(dict.fromkeys(_clean_phone(p) for p in phones if p.strip()))
    limit = settings.TELL_MAX_ADDRESSES
    if len(emails) + len(phones) > limit:
        raise ValidationError(
            ngettext(
                "You can tell at most %(n)d person.", "You can tell at most %(n)d people.", limit
            )
            % {"n": limit},
            code="too_many",
        )
    return emails, phones


def _told_today():
    since = timezone.now() - timedelta(days=1)
    return Message.objects.filter(kind=Message.Kind.TOLD_SAFE, created_at__gte=since)


def _sender_room(report: Report) -> int:
    """How many more people this sender may tell today (they may send several reports)."""
    sender = Q()
    if report.contact_email:
        sender |= Q(report__contact_email__iexact=report.contact_email)
    if report.contact_phone:
        sender |= Q(report__contact_phone=report.contact_phone)
    told = _told_today().filter(sender or Q(report=report)).count()
    return max(0, settings.TELL_PER_SENDER_PER_DAY - told)


def _address_told_enough(digest: str) -> bool:
    # One address named by many senders (or one sender many times): a few a day, no more.
    return _told_today().filter(to_digest=digest).count() >= settings.TELL_PER_ADDRESS_PER_DAY


def _sms_partner(report: Report) -> WebhookSubscription | None:
    return (
        WebhookSubscription.objects.filter(active=True, sends_sms=True)
        .filter(Q(incident__isnull=True) | Q(incident_id=report.incident_id))
        .order_by("pk")
        .first()
    )


@transaction.atomic
def people_tell(*, report: Report, emails=(), phones=()) -> int:
    """Queue "<name> marked themselves safe" for each address; returns how many were queued.

    Addresses over the per-sender or per-address limits are skipped without a word: the
    sender sees how many were told, a stranger learns nothing about an address.
    """
    if report.kind != Report.Kind.SAFE:
        raise ValidationError(gettext("Only someone saying they are safe can tell their people."))
    emails, phones = tell_addresses_clean(emails=emails, phones=phones)
    partner = _sms_partner(report) if phones else None
    if phones and partner is None:
        raise ValidationError(
            gettext("Text messages cannot be sent for this incident; give e-mail addresses."),
            code="no_sms",
        )
    already = Message.objects.filter(kind=Message.Kind.TOLD_SAFE, report=report).count()
    room = min(_sender_room(report), settings.TELL_MAX_ADDRESSES - already)
    queued = 0
    for address in [*emails, *phones]:
        digest = address_digest(address)
        if queued >= room or _address_told_enough(digest):
            continue
        recipient = (
            {"to_email": address}
            if "@" in address
            else {"to_phone": address, "subscription": partner}
        )
        try:
            with transaction.atomic():
                message_create(
                    kind=Message.Kind.TOLD_SAFE,
                    report=report,
                    to_digest=digest,
                    language=report.language,
                    **recipient,
                )
        except IntegrityError:
            continue  # this address was already told about this report
        queued += 1
    return queued


def told_summary(*, report: Report) -> dict[str, int]:
    """How many people were told (sent) and how many are still on their way."""
    counts = dict(
        Message.objects.filter(kind=Message.Kind.TOLD_SAFE, report=report)
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    waiting = counts.get(DeliveryState.PENDING, 0) + counts.get(DeliveryState.SENDING, 0)
    return {"told": counts.get(DeliveryState.SENT, 0), "waiting": waiting}
