"""Volunteers and open doors: per-incident settings, offers waiting or flagged, verified
organisations. Addresses and contacts are not shown here either."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reunify.actions import doors as actions
from reunify.board.models import Incident
from reunify.moderation.roles import is_coordinator
from reunify.shelter.models import DoorsSettings, Offer, OfferFlag

queue_worker = permission_required("moderation.work_queues", raise_exception=True)
coordinator = permission_required("moderation.manage_incidents", raise_exception=True)


class DoorsSettingsForm(forms.ModelForm):
    class Meta:
        model = DoorsSettings
        fields = ["districts", "offer_hours", "moderate_private_offers"]
        widgets = {"districts": forms.Textarea(attrs={"rows": 5})}


def _queue():
    open_flags = Count("flags", filter=Q(flags__state=OfferFlag.State.OPEN))
    return (
        Offer.objects.annotate(open_flags=open_flags)
        .filter(Q(state=Offer.State.HELD) | Q(open_flags__gt=0))
        .select_related("incident")
        .order_by("created_at")
    )


@never_cache
@login_required
@queue_worker
def doors(request):
    settings_forms = []
    if is_coordinator(request.user):
        for incident in Incident.objects.exclude(status=Incident.Status.CLOSED):
            instance = DoorsSettings.objects.filter(incident=incident).first()
            form = DoorsSettingsForm(instance=instance, prefix=str(incident.pk))
            settings_forms.append((incident, form))
    context = {"offers": _queue(), "settings_forms": settings_forms}
    return render(request, "moderation/doors.html", context)


@require_POST
@login_required
@coordinator
def doors_settings(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = DoorsSettingsForm(request.POST, prefix=str(pk))
    if form.is_valid():
        actions.doors_settings_set(incident=incident, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Please check the values."))
    return redirect("moderation:doors")


@require_POST
@login_required
@queue_worker
def offer_decide(request, uid):
    offer = get_object_or_404(Offer, uid=uid)
    action = request.POST.get("action")
    if action == "publish":
        actions.offer_publish(offer=offer, by=request.user)
    elif action == "hide":
        actions.offer_hide(offer=offer, by=request.user, reason=request.POST.get("reason", ""))
    elif action == "verify":
        actions.organisation_verify(offer=offer, by=request.user)
    else:
        raise Http404
    messages.success(request, _("Saved."))
    return redirect("moderation:doors")
