"""Every write to open doors goes through these functions.

They change shelter rows only. The e-mails an offer or a request causes (the host's link,
a request, the exchange on acceptance) are composed in reunify.actions.doors.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from reunify.board.models import Incident
from reunify.board.pages import incident_scope, pages_touch
from reunify.lib.addresses import address_digest

from .models import DoorRequest, DoorsSettings, Offer, OfferFlag, VerifiedOrganisation

logger = logging.getLogger(__name__)

FLAGS_TO_HOLD = 3


def contact_digest(address: str) -> str:
    return address_digest(address, key=settings.SECRET_KEY)


# --- Settings (a coordinator's) -----------------------------------------------------


def doors_settings_set(
    *, incident: Incident, districts: str, offer_hours: int, moderate_private_offers: bool
) -> DoorsSettings:
    doors, _ = DoorsSettings.objects.get_or_create(
        incident=incident, defaults={"districts": districts}
    )
    doors.districts = "\n".join(line.strip() for line in districts.splitlines() if line.strip())
    doors.offer_hours, doors.moderate_private_offers = offer_hours, moderate_private_offers
    doors.full_clean()
    doors.save()
    # The incident's page links to its open doors.
    pages_touch(scopes=[incident_scope(incident.slug)])
    return doors


def doors_for(incident: Incident) -> DoorsSettings | None:
    return DoorsSettings.objects.filter(incident=incident).first()


# --- Offers -----------------------------------------------------------------------------


def _offers_today_from(digest: str) -> int:
    since = timezone.now() - timedelta(days=1)
    return Offer.objects.filter(contact_digest=digest, created_at__gte=since).count()


def offer_insert(
    *,
    incident: Incident,
    available_until: datetime,
    language: str = "en",
    from_partner: bool = False,
    **fields,
) -> Offer:
    """A host offers places. Fields: host_kind, host_name, district, capacity, languages,
    children, pets, step_free, address, contact_email, contact_phone."""
    doors = doors_for(incident)
    if doors is None or not incident.is_open_for_posts:
        raise ValidationError(gettext("This incident has no open doors."), code="closed")
    if fields.get("district") not in doors.district_list:
        raise ValidationError({"district": [gettext("Choose an area from the list.")]})
    now = timezone.now()
    if available_until <= now:
        raise ValidationError({"available_until": [gettext("Choose a time in the future.")]})
    # Offers go quickly out of date in a crisis: never listed longer than the incident allows.
    available_until = min(available_until, now + timedelta(hours=doors.offer_hours))
    digest = contact_digest(fields.get("contact_email", ""))
    if _offers_today_from(digest) >= settings.DOOR_OFFERS_PER_HOST_PER_DAY:
        raise ValidationError(
            gettext("You already offered places several times today. Thank you!"), code="limit"
        )
    offer = Offer(
        incident=incident,
        available_until=available_until,
        language=language,
        contact_digest=digest,
        places_left=fields.get("capacity") or 0,
        **fields,
    )
    offer.verified = (
        offer.host_kind == Offer.HostKind.ORGANISATION
        and VerifiedOrganisation.objects.filter(email_digest=digest).exists()
    )
    private = not offer.verified and not from_partner
    if doors.moderate_private_offers and private:
        offer.state = Offer.State.HELD
    offer.full_clean()
    offer.save()
    return offer


def offer_publish(*, offer: Offer) -> bool:
    return bool(
        Offer.objects.filter(pk=offer.pk, state=Offer.State.HELD).update(state=Offer.State.OPEN)
    )


def offer_hide(*, offer: Offer) -> bool:
    hidden = Offer.objects.filter(pk=offer.pk).exclude(state=Offer.State.HIDDEN)
    done = hidden.update(state=Offer.State.HIDDEN)
    OfferFlag.objects.filter(offer=offer, state=OfferFlag.State.OPEN).update(
        state=OfferFlag.State.ACTED
    )
    return bool(done)


def offer_close(*, offer: Offer) -> bool:
    """The host closes the offer (no more requests)."""
    open_ = Offer.objects.filter(pk=offer.pk, state__in=[Offer.State.OPEN, Offer.State.HELD])
    return bool(open_.update(state=Offer.State.CLOSED))


def organisation_verify(*, offer: Offer) -> VerifiedOrganisation:
    """A coordinator vouches for the organisation behind an offer, and its other offers."""
    organisation, _ = VerifiedOrganisation.objects.get_or_create(
        email_digest=offer.contact_digest, defaults={"name": offer.host_name}
    )
    Offer.objects.filter(
        contact_digest=offer.contact_digest, host_kind=Offer.HostKind.ORGANISATION
    ).update(verified=True)
    return organisation


def offer_flag(*, offer: Offer, reason: str, note: str = "", source: str = "") -> OfferFlag | None:
    flag = OfferFlag(offer=offer, reason=reason, note=note.strip()[:2000], source=source)
    flag.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:
        return None  # one flag per person and offer
    open_flags = OfferFlag.objects.filter(offer=offer, state=OfferFlag.State.OPEN)
    if open_flags.values("source").distinct().count() >= FLAGS_TO_HOLD:
        Offer.objects.filter(pk=offer.pk, state=Offer.State.OPEN).update(state=Offer.State.HELD)
    return flag


def offer_flags_dismiss(*, offer: Offer) -> None:
    OfferFlag.objects.filter(offer=offer, state=OfferFlag.State.OPEN).update(
        state=OfferFlag.State.DISMISSED
    )
    offer_publish(offer=offer)


def offers_erase_ended(*, now: datetime | None = None, after_hours: int = 48) -> int:
    """The exact address and contacts of offers long over are erased, with their requests'."""
    cutoff = (now or timezone.now()) - timedelta(hours=after_hours)
    ended = Offer.objects.filter(available_until__lt=cutoff, erased_at__isnull=True)
    ids = list(ended.values_list("pk", flat=True))
    DoorRequest.objects.filter(offer_id__in=ids).update(
        contact_name="", contact_email="", contact_phone="", message=""
    )
    return Offer.objects.filter(pk__in=ids).update(
        address="", contact_email="", contact_phone="", erased_at=timezone.now()
    )


# --- Requests -------------------------------------------------------------------------


def door_request_insert(
    *, offer: Offer, people: int, message: str, contact_name: str, contact_email: str, **fields
) -> DoorRequest:
    if not offer.is_listed:
        raise ValidationError(gettext("This offer is no longer available."), code="closed")
    if people > offer.places_left:
        raise ValidationError(
            {
                "people": [
                    ngettext(
                        "This offer has %(n)d place left.",
                        "This offer has %(n)d places left.",
                        offer.places_left,
                    )
                    % {"n": offer.places_left}
                ]
            }
        )
    digest = contact_digest(contact_email)
    waiting = DoorRequest.objects.filter(contact_digest=digest, state=DoorRequest.State.PENDING)
    if waiting.count() >= settings.DOOR_REQUESTS_PENDING_PER_GUEST:
        raise ValidationError(
            gettext("You have several requests waiting for an answer already."), code="limit"
        )
    if waiting.filter(offer=offer).exists():
        raise ValidationError(gettext("You already asked this host."), code="repeat")
    request = DoorRequest(
        offer=offer,
        people=people,
        message=message.strip(),
        contact_name=contact_name.strip(),
        contact_email=contact_email,
        contact_digest=digest,
        **fields,
    )
    request.full_clean()
    request.save()
    return request


def door_request_accept(*, door_request: DoorRequest) -> bool:
    """Take the places (a conditional UPDATE: two acceptances never overbook) and accept.

    False when the request was already answered, or the offer has no room left for it.
    """
    offer = door_request.offer
    with transaction.atomic():
        pending = DoorRequest.objects.filter(
            pk=door_request.pk, state=DoorRequest.State.PENDING
        ).update(state=DoorRequest.State.ACCEPTED, decided_at=timezone.now())
        if not pending:
            return False
        taken = Offer.objects.filter(
            pk=offer.pk, state=Offer.State.OPEN, places_left__gte=door_request.people
        ).update(places_left=F("places_left") - door_request.people)
        if not taken:
            transaction.set_rollback(True)
            return False
        Offer.objects.filter(pk=offer.pk, places_left=0, state=Offer.State.OPEN).update(
            state=Offer.State.FULL
        )
    door_request.refresh_from_db()
    offer.refresh_from_db()
    return True


def door_request_decline(*, door_request: DoorRequest) -> bool:
    return bool(
        DoorRequest.objects.filter(pk=door_request.pk, state=DoorRequest.State.PENDING).update(
            state=DoorRequest.State.DECLINED, decided_at=timezone.now()
        )
    )


def door_requests_unanswerable(*, offer: Offer) -> list[DoorRequest]:
    """Waiting requests the offer can no longer meet (full or closed): declined now."""
    offer.refresh_from_db()
    waiting = DoorRequest.objects.filter(offer=offer, state=DoorRequest.State.PENDING)
    if offer.state == Offer.State.OPEN:
        waiting = waiting.filter(people__gt=offer.places_left)
    stale = list(waiting)
    for request in stale:
        door_request_decline(door_request=request)
    return stale


def offers_listed(*, incident: Incident, district: str = ""):
    """Listed offers: by area (the incident's order), soonest-ending last."""
    offers = Offer.objects.filter(
        incident=incident, state=Offer.State.OPEN, available_until__gt=timezone.now()
    )
    if district:
        offers = offers.filter(district=district)
    return offers.order_by("district", "-available_until")
