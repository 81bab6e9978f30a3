"""Open doors: an offer, a request, the host's answer, and the e-mails each one causes.

The exact address and both contacts travel only by e-mail, once the host accepts; every
e-mail is a Message row delivered, retried and swept like the others.
"""

from django.db import transaction

from reunify.alerts.models import Message
from reunify.alerts.services import message_create
from reunify.board.models import Incident
from reunify.moderation.audit import audit
from reunify.moderation.roles import require
from reunify.shelter import services as shelter
from reunify.shelter.models import DoorRequest, DoorsSettings, Offer


def _to_host(kind: str, offer: Offer, door_request: DoorRequest | None = None) -> None:
    message_create(
        kind=kind,
        offer=offer,
        door_request=door_request,
        to_email=offer.contact_email,
        language=offer.language,
    )


def _to_guest(kind: str, door_request: DoorRequest) -> None:
    message_create(
        kind=kind,
        offer=door_request.offer,
        door_request=door_request,
        to_email=door_request.contact_email,
        language=door_request.language,
    )


@transaction.atomic
def offer_create(
    *, incident: Incident, from_partner: bool = False, language: str = "en", **fields
) -> Offer:
    """A host offers places; their private link (answer requests, close) goes by e-mail."""
    offer = shelter.offer_insert(
        incident=incident, from_partner=from_partner, language=language, **fields
    )
    _to_host(Message.Kind.DOOR_OFFER_LINK, offer)
    return offer


@transaction.atomic
def door_request_create(*, offer: Offer, language: str = "en", **fields) -> DoorRequest:
    """Someone asks for places: the host gets the request (not yet the guest's contact)."""
    door_request = shelter.door_request_insert(offer=offer, language=language, **fields)
    _to_host(Message.Kind.DOOR_REQUEST, offer, door_request)
    return door_request


def _decline_unanswerable(offer: Offer) -> None:
    for stale in shelter.door_requests_unanswerable(offer=offer):
        _to_guest(Message.Kind.DOOR_DECLINED, stale)


@transaction.atomic
def door_request_accept(*, door_request: DoorRequest) -> bool:
    """The host says yes: the places are taken, and each side gets the other's details."""
    if not shelter.door_request_accept(door_request=door_request):
        return False
    _to_guest(Message.Kind.DOOR_ACCEPTED_GUEST, door_request)
    _to_host(Message.Kind.DOOR_ACCEPTED_HOST, door_request.offer, door_request)
    _decline_unanswerable(door_request.offer)
    return True


@transaction.atomic
def door_request_decline(*, door_request: DoorRequest) -> bool:
    if not shelter.door_request_decline(door_request=door_request):
        return False
    _to_guest(Message.Kind.DOOR_DECLINED, door_request)
    return True


@transaction.atomic
def offer_close(*, offer: Offer) -> bool:
    """The host closes the offer: whoever is still waiting is told it is no longer there."""
    closed = shelter.offer_close(offer=offer)
    if closed:
        _decline_unanswerable(offer)
    return closed


# --- Volunteers -----------------------------------------------------------------------


@transaction.atomic
def doors_settings_set(
    *, incident: Incident, by, districts: str, offer_hours: int, moderate_private_offers: bool
) -> DoorsSettings:
    require(by, "manage_incidents")
    doors = shelter.doors_settings_set(
        incident=incident,
        districts=districts,
        offer_hours=offer_hours,
        moderate_private_offers=moderate_private_offers,
    )
    moderation = "on" if moderate_private_offers else "off"
    audit(actor=by, action="doors_settings", target=incident, reason=f"moderation {moderation}")
    return doors


@transaction.atomic
def offer_publish(*, offer: Offer, by) -> bool:
    require(by, "work_queues")
    shelter.offer_flags_dismiss(offer=offer)
    audit(actor=by, action="offer_publish", target=f"offer:{offer.uid}")
    return True


@transaction.atomic
def offer_hide(*, offer: Offer, by, reason: str = "") -> bool:
    require(by, "work_queues")
    hidden = shelter.offer_hide(offer=offer)
    if hidden:
        _decline_unanswerable(offer)
    audit(actor=by, action="offer_hide", target=f"offer:{offer.uid}", reason=reason)
    return hidden


@transaction.atomic
def organisation_verify(*, offer: Offer, by) -> None:
    require(by, "manage_incidents")
    shelter.organisation_verify(offer=offer)
    audit(actor=by, action="organisation_verify", target=f"offer:{offer.uid}")
