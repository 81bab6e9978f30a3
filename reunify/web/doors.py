"""Public pages of open doors: the list by area, an offer and its request form, the host's
private page, and flagging an offer. No page ever shows an address or a contact."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reunify.actions import doors as actions
from reunify.board.models import Incident
from reunify.moderation.guard import client_key, guarded
from reunify.shelter.models import MAX_PLACES, DoorRequest, Offer, OfferFlag
from reunify.shelter.services import doors_for, offer_flag, offers_listed

from .created import just_created, just_created_redirect, shown_once
from .forms import ContactFieldsMixin


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = [
            "host_kind",
            "host_name",
            "district",
            "capacity",
            "available_until",
            "languages",
            "children",
            "pets",
            "step_free",
            "address",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "host_kind": forms.RadioSelect,
            "available_until": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "address": forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "host_name": gettext_lazy("Shown publicly: a first name only, or the organisation."),
            "address": gettext_lazy(
                "Private. Sent by e-mail only to people you accept, never shown on the board."
            ),
            "contact_email": gettext_lazy("Private. Requests and your private link come here."),
            "languages": gettext_lazy("For example: French, English, Arabic."),
        }

    def __init__(self, *args, districts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons with no "---------" choice, and none picked for the host (issue 11).
        self.fields["host_kind"].choices = Offer.HostKind.choices
        self.fields["district"] = forms.ChoiceField(
            label=_("Area"),
            choices=[("", "—"), *[(d, d) for d in districts]],
            help_text=_("Only the area is shown, never your address."),
        )
        self.fields["capacity"].widget.attrs.update({"min": 1, "max": MAX_PLACES})
        self.fields["contact_phone"].help_text = _("Private.")

    def clean_host_name(self):
        return " ".join(self.cleaned_data["host_name"].split())


class DoorRequestForm(ContactFieldsMixin, forms.Form):
    people = forms.IntegerField(
        label=gettext_lazy("How many people"), min_value=1, max_value=MAX_PLACES
    )
    message = forms.CharField(
        label=gettext_lazy("A message for the host"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Who you are, when you can arrive, anything they should know."),
    )
    field_order = ["people", "message", "contact_name", "contact_email", "contact_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        self.fields["contact_email"].help_text = _(
            "Private. The host's answer, and their address if they accept, come here."
        )


class OfferFlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong?"), choices=OfferFlag.Reason.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Anything a volunteer should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _incident_doors(slug: str):
    incident = get_object_or_404(
        Incident.objects.exclude(status=Incident.Status.STAGING), slug=slug
    )
    doors = doors_for(incident)
    if doors is None:
        raise Http404
    return incident, doors


def _listed(uid) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("incident"), uid=uid)
    if not offer.is_listed:
        raise Http404
    return offer


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


@guarded("search", form=False, methods=("GET",))
def doors_list(request, slug):
    incident, doors = _incident_doors(slug)
    area = request.GET.get("area", "")
    area = area if area in doors.district_list else ""
    offers = list(offers_listed(incident=incident, district=area))
    by_area = [
        (district, [o for o in offers if o.district == district])
        for district in doors.district_list
    ]
    context = {
        "incident": incident,
        "districts": doors.district_list,
        "area": area,
        "by_area": [(district, items) for district, items in by_area if items],
        "count": len(offers),
    }
    return render(request, "shelter/list.html", context)


@guarded("offer")
def offer_create(request, slug):
    incident, doors = _incident_doors(slug)
    form = OfferForm(request.POST or None, districts=doors.district_list)
    if request.method == "POST" and form.is_valid():
        try:
            offer = actions.offer_create(
                incident=incident, language=get_language(), **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            manage = redirect("doors:manage", offer.uid, offer.secret_token())
            return just_created_redirect(manage, offer.uid)
    context = {"incident": incident, "form": form, "hours": doors.offer_hours}
    return render(request, "shelter/offer_form.html", context)


@guarded("door")
def offer_detail(request, uid):
    offer = _listed(uid)
    form = DoorRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.door_request_create(offer=offer, language=get_language(), **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return render(request, "shelter/request_sent.html", {"offer": offer})
    return render(request, "shelter/offer_detail.html", {"offer": offer, "form": form})


def _hosted(uid, token) -> Offer:
    offer = get_object_or_404(Offer.objects.select_related("incident"), uid=uid)
    if not offer.check_secret_token(token) or offer.erased_at:
        raise Http404
    return offer


@never_cache
@guarded("manage", form=False)
def offer_manage(request, uid, token):
    offer = _hosted(uid, token)
    context = {
        "offer": offer,
        "token": token,
        "requests": offer.requests.all(),
        "just_created": just_created(request, offer.uid),
    }
    return shown_once(request, render(request, "shelter/offer_manage.html", context))


@never_cache
@require_POST
@guarded("manage", form=False)
def offer_answer(request, uid, token):
    """The host accepts or declines one request, or closes the offer."""
    offer = _hosted(uid, token)
    answer = request.POST.get("answer")
    if answer == "close":
        actions.offer_close(offer=offer)
        messages.success(request, _("Your offer is closed. Thank you."))
        return redirect("doors:manage", offer.uid, token)
    door_request = get_object_or_404(DoorRequest, offer=offer, uid=request.POST.get("request"))
    if answer == "accept":
        if actions.door_request_accept(door_request=door_request):
            messages.success(
                request, _("Accepted. We sent each of you the other's details by e-mail.")
            )
        else:
            messages.error(
                request, _("This request could not be accepted: not enough places left.")
            )
    elif answer == "decline":
        actions.door_request_decline(door_request=door_request)
        messages.success(request, _("Declined. We told them kindly."))
    else:
        raise Http404
    return redirect("doors:manage", offer.uid, token)


@guarded("flag")
def offer_flag_create(request, uid):
    offer = _listed(uid)
    form = OfferFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        offer_flag(offer=offer, source=client_key(request), **form.cleaned_data)
        messages.success(request, _("Thank you. A volunteer will look at this offer."))
        return redirect("doors:list", offer.incident.slug)
    return render(request, "shelter/flag_form.html", {"offer": offer, "form": form})
