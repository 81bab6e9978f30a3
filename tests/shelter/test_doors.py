"""Open doors: offer a place, find one by area, ask, accept; the address only by e-mail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reunify.actions import doors
from reunify.alerts.models import DeliveryState, Message
from reunify.shelter.models import DoorRequest, Offer
from reunify.shelter.services import doors_settings_set, offer_flag

pytestmark = pytest.mark.django_db

HOST = {
    "address": "12 rue Oberkampf, 3e étage, code 4512B",
    "contact_email": "claire.host@example.org",
    "contact_phone": "+33 6 98 76 54 32",
}
GUEST = {
    "contact_name": "Tom Walker",
    "contact_email": "tom.walker@example.com",
    "contact_phone": "+44 7700 900123",
}
DISTRICTS = ["11e arrondissement", "10e arrondissement", "Saint-Denis"]


@pytest.fixture
def doors_open(incident):
    return doors_settings_set(
        incident=incident,
        districts="\n".join(DISTRICTS),
        offer_hours=12,
        moderate_private_offers=False,
    )


def _soon(hours=6):
    return timezone.now() + timedelta(hours=hours)


def make_offer(incident, **overrides):
    fields = {
        "host_kind": Offer.HostKind.PERSON,
        "host_name": "Claire",
        "district": DISTRICTS[0],
        "capacity": 3,
        "available_until": _soon(),
        "languages": "French, English",
        "children": True,
        **HOST,
    }
    fields.update(overrides)
    return doors.offer_create(incident=incident, **fields)


def _ask(client, offer, on_commit, **overrides):
    data = {"people": 2, "message": "Stranded after the metro closed, two of us.", **GUEST}
    data.update(overrides)
    return on_commit(client.post, reverse("doors:offer", args=[offer.uid]), data)


def _mails_to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


def test_a_host_offers_a_place_and_gets_a_private_link(
    client, incident, doors_open, on_commit, mailoutbox
):
    data = {
        "host_kind": "person",
        "host_name": "  Claire ",
        "district": DISTRICTS[0],
        "capacity": 3,
        "available_until": _soon().strftime("%Y-%m-%dT%H:%M"),
        "languages": "Français",
        "pets": "on",
        **HOST,
    }
    response = on_commit(client.post, reverse("doors:offer-create", args=[incident.slug]), data)
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("doors:manage", args=[offer.uid, offer.secret_token()])
    assert offer.host_name == "Claire" and offer.places_left == 3 and offer.pets
    [link] = _mails_to(mailoutbox, HOST["contact_email"])
    assert response.url in link.body
    assert "Keep this private link" in client.get(response.url).content.decode()

    listing = client.get(reverse("doors:list", args=[incident.slug])).content.decode()
    assert "Claire" in listing and "Stay safe." in listing
    assert "rue Oberkampf" not in listing and HOST["contact_email"] not in listing


def test_offers_are_listed_by_area_soonest_ending_last_and_expire(client, incident, doors_open):
    make_offer(incident, host_name="Early", available_until=_soon(2), contact_email="a@example.org")
    make_offer(incident, host_name="Late", available_until=_soon(9), contact_email="b@example.org")
    make_offer(
        incident, host_name="Dionysien", district=DISTRICTS[2], contact_email="c@example.org"
    )
    gone = make_offer(incident, host_name="Gone", contact_email="d@example.org")
    Offer.objects.filter(pk=gone.pk).update(available_until=timezone.now() - timedelta(minutes=1))

    page = client.get(reverse("doors:list", args=[incident.slug])).content.decode()
    assert page.index("Late") < page.index("Early") < page.index("Dionysien")
    assert "Gone" not in page
    assert client.get(reverse("doors:offer", args=[gone.uid])).status_code == 404
    area = client.get(reverse("doors:list", args=[incident.slug]), {"area": DISTRICTS[2]})
    assert "Dionysien" in area.content.decode() and "Early" not in area.content.decode()


def test_an_offer_is_never_listed_longer_than_the_incident_allows(incident, doors_open):
    offer = make_offer(incident, available_until=_soon(48))
    assert offer.available_until <= timezone.now() + timedelta(hours=12)


def test_ask_then_accept_and_both_sides_get_the_email(
    client, incident, doors_open, on_commit, mailoutbox
):
    offer = on_commit(make_offer, incident)
    mailoutbox.clear()
    response = _ask(client, offer, on_commit)
    assert "Request sent" in response.content.decode()
    [request_mail] = _mails_to(mailoutbox, HOST["contact_email"])
    assert "Stranded after the metro closed" in request_mail.body
    assert GUEST["contact_email"] not in request_mail.body  # not before the host accepts

    door_request = DoorRequest.objects.get()
    manage = reverse("doors:manage", args=[offer.uid, offer.secret_token()])
    page = client.get(manage).content.decode()
    assert "Stranded after the metro closed" in page and GUEST["contact_email"] not in page
    answer = reverse("doors:answer", args=[offer.uid, offer.secret_token()])
    on_commit(client.post, answer, {"request": door_request.uid, "answer": "accept"})

    [to_guest] = _mails_to(mailoutbox, GUEST["contact_email"])
    assert HOST["address"] in to_guest.body and HOST["contact_phone"] in to_guest.body
    to_host = _mails_to(mailoutbox, HOST["contact_email"])[-1]
    assert GUEST["contact_email"] in to_host.body and GUEST["contact_phone"] in to_host.body
    offer.refresh_from_db()
    assert offer.places_left == 1 and offer.state == Offer.State.OPEN
    # No page shows the exchanged details, not even the host's own.
    for url in (manage, reverse("doors:offer", args=[offer.uid])):
        body = client.get(url).content.decode()
        assert HOST["address"] not in body and GUEST["contact_phone"] not in body
    # Each address served its one delivery.
    assert not Message.objects.exclude(to_email="").exists()


def test_the_offer_closes_when_full_and_waiting_requests_are_told(
    client, incident, doors_open, on_commit, mailoutbox
):
    offer = on_commit(make_offer, incident, capacity=2)
    first = on_commit(doors.door_request_create, offer=offer, people=2, message="Two", **GUEST)
    other = {**GUEST, "contact_email": "ana@example.org"}
    second = on_commit(doors.door_request_create, offer=offer, people=1, message="One", **other)

    assert on_commit(doors.door_request_accept, door_request=first)
    offer.refresh_from_db()
    assert (offer.state, offer.places_left) == (Offer.State.FULL, 0)
    second.refresh_from_db()
    assert second.state == DoorRequest.State.DECLINED
    assert len(_mails_to(mailoutbox, "ana@example.org")) == 1
    assert not on_commit(doors.door_request_accept, door_request=second)
    assert client.get(reverse("doors:offer", args=[offer.uid])).status_code == 404


def test_two_acceptances_never_overbook(incident, doors_open, on_commit):
    offer = on_commit(make_offer, incident, capacity=3)
    a = doors.door_request_create(offer=offer, people=2, message="A", **GUEST)
    b = doors.door_request_create(
        offer=offer, people=2, message="B", **{**GUEST, "contact_email": "b@example.org"}
    )
    assert doors.door_request_accept(door_request=a)
    assert not doors.door_request_accept(door_request=b)
    offer.refresh_from_db()
    assert offer.places_left == 1


def test_bad_requests_are_refused(client, incident, doors_open, on_commit):
    offer = on_commit(make_offer, incident, capacity=2)
    assert "places left" in _ask(client, offer, on_commit, people=5).content.decode()
    assert "Enter a whole number" in _ask(client, offer, on_commit, people="many").content.decode()
    response = _ask(client, offer, on_commit, contact_email="")
    assert response.status_code == 200 and not DoorRequest.objects.exists()
    _ask(client, offer, on_commit)
    assert "already asked" in _ask(client, offer, on_commit).content.decode()
    assert DoorRequest.objects.count() == 1


def test_a_host_spamming_offers_is_stopped(client, incident, doors_open, on_commit, settings):
    for n in range(3):
        make_offer(incident, host_name=f"Claire {n}")
    with pytest.raises(Exception, match="several times today"):
        make_offer(incident)
    # And per address: a fourth offer form from one IP within the hour gets a 429.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "offer": (3, 3600)}
    url = reverse("doors:offer-create", args=[incident.slug])
    codes = [client.post(url, {"host_name": "x"}).status_code for _ in range(4)]
    assert codes[-1] == 429


def test_the_honeypot_refuses_a_robot(client, incident, doors_open):
    url = reverse("doors:offer-create", args=[incident.slug])
    assert client.post(url, {"website": "http://spam.example"}).status_code == 400


def test_a_district_outside_the_list_is_refused(incident, doors_open):
    with pytest.raises(Exception, match="Choose an area"):
        make_offer(incident, district="12 rue Oberkampf")


def test_private_offers_wait_for_a_volunteer_when_the_coordinator_says_so(
    client,
    incident,
    on_commit,
    coordinator,
    moderator,
):
    doors.doors_settings_set(
        incident=incident,
        by=coordinator,
        districts="\n".join(DISTRICTS),
        offer_hours=12,
        moderate_private_offers=True,
    )
    offer = make_offer(incident)
    assert offer.state == Offer.State.HELD
    assert "Claire" not in client.get(reverse("doors:list", args=[incident.slug])).content.decode()

    org = make_offer(
        incident,
        host_kind=Offer.HostKind.ORGANISATION,
        host_name="Secours Populaire",
        contact_email="paris@secours.example.org",
    )
    assert org.state == Offer.State.HELD
    client.force_login(coordinator)
    queue = client.get(reverse("moderation:doors")).content.decode()
    assert "Secours Populaire" in queue and HOST["address"] not in queue
    decide = reverse("moderation:offer-decide", args=[org.uid])
    client.post(decide, {"action": "verify"})
    client.post(decide, {"action": "publish"})
    org.refresh_from_db()
    assert org.verified and org.state == Offer.State.OPEN
    # The organisation's next offer is verified, so listed at once.
    again = make_offer(
        incident,
        host_kind=Offer.HostKind.ORGANISATION,
        host_name="Secours Populaire",
        contact_email="paris@secours.example.org",
    )
    assert again.verified and again.state == Offer.State.OPEN
    page = client.get(reverse("doors:list", args=[incident.slug])).content.decode()
    assert "Verified organisation" in page

    client.force_login(moderator)
    client.post(reverse("moderation:offer-decide", args=[offer.uid]), {"action": "publish"})
    offer.refresh_from_db()
    assert offer.state == Offer.State.OPEN
    assert client.post(reverse("moderation:doors-settings", args=[incident.pk])).status_code == 403


def test_several_people_flagging_an_offer_take_it_off_the_list(client, incident, doors_open):
    offer = make_offer(incident)
    response = client.post(reverse("doors:flag", args=[offer.uid]), {"reason": "hoax"})
    assert response.status_code == 302
    assert offer_flag(offer=offer, reason="hoax", source="x") is not None
    assert offer_flag(offer=offer, reason="hoax", source="x") is None  # once per person
    offer_flag(offer=offer, reason="safety", source="y")
    offer.refresh_from_db()
    assert offer.state == Offer.State.HELD


def test_a_hidden_offer_does_not_pass_on_waiting_requests(incident, doors_open, moderator):
    offer = make_offer(incident)
    door_request = doors.door_request_create(offer=offer, people=1, message="Hello", **GUEST)
    doors.offer_hide(offer=offer, by=moderator, reason="scam")
    message = Message.objects.get(door_request=door_request, kind=Message.Kind.DOOR_REQUEST)
    from reunify.alerts.sending import message_deliver

    assert message_deliver(message_id=message.pk) == "cancelled"
    message.refresh_from_db()
    assert (message.state, message.to_email) == (DeliveryState.CANCELLED, "")


def test_offers_in_the_partner_api(client, incident, doors_open, make_key):
    make_offer(incident)
    listed = client.get("/api/v1/offers/", {"incident": incident.slug}).json()
    [item] = listed["results"]
    assert item["host_name"] == "Claire" and item["places_left"] == 3
    text = str(listed)
    assert HOST["address"] not in text and HOST["contact_email"] not in text

    body = {
        "incident": incident.slug,
        "host_kind": "organisation",
        "host_name": "Gymnase Japy",
        "district": DISTRICTS[0],
        "capacity": 40,
        "available_until": _soon().isoformat(),
        "address": "2 rue Japy",
        "contact_email": "japy@mairie.example.org",
    }
    assert client.post("/api/v1/offers/", body, content_type="application/json").status_code in (
        401,
        403,
    )
    _, headers = make_key(scopes=["read", "write"], org="Mairie du 11e")
    response = client.post("/api/v1/offers/", body, content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    assert "address" not in response.json() and "contact_email" not in response.json()
    bad = client.post(
        "/api/v1/offers/", {**body, "district": "Lyon"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400
    # Offers are not about a person: they are not PFIF.
    pfif = client.get(f"/pfif/{incident.slug}/export.xml").content.decode()
    assert "Gymnase Japy" not in pfif and "Claire" not in pfif


@pytest.mark.parametrize(
    ("language", "phrase"),
    [("en", "Stay safe."), ("fr", "Restez prudent·e."), ("ar", "ابقَ آمنًا.")],
)
def test_open_doors_speak_each_language(client, incident, doors_open, language, phrase):
    offer = make_offer(incident)
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in (
        reverse("doors:list", args=[incident.slug]),
        reverse("doors:offer", args=[offer.uid]),
    ):
        body = client.get(url, **headers).content.decode()
        assert phrase in body
        if language == "ar":
            assert 'dir="rtl"' in body and "Ask for a place" not in body and "place" not in body


def test_an_ended_offers_address_and_contacts_are_erased(incident, doors_open):
    from reunify.shelter.tasks import erase_ended_offers

    offer = make_offer(incident)
    door_request = doors.door_request_create(offer=offer, people=1, message="Hello", **GUEST)
    assert erase_ended_offers() == 0  # still running
    Offer.objects.filter(pk=offer.pk).update(available_until=timezone.now() - timedelta(days=3))
    assert erase_ended_offers() == 1
    assert erase_ended_offers() == 0  # safe to run twice
    offer.refresh_from_db()
    door_request.refresh_from_db()
    assert (offer.address, offer.contact_email, offer.contact_phone) == ("", "", "")
    assert (door_request.contact_email, door_request.message) == ("", "")


def test_the_offer_form_offers_no_preselected_empty_choice_for_who_offers():
    from reunify.web.doors import OfferForm

    field = OfferForm(districts=["Belleville"]).fields["host_kind"]
    assert "" not in [value for value, _ in field.choices]
    assert field.initial is None
