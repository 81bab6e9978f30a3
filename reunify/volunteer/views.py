from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reunify.actions import volunteers as decisions
from reunify.api.models import ApiKey
from reunify.api.services import api_key_revoke, api_key_rotate
from reunify.board.models import Incident, Photo, Post, Report, Visibility
from reunify.matches.models import Match
from reunify.moderation import duplicates as pairs
from reunify.moderation import holds, photos, roles, selectors
from reunify.moderation.guard import client_key, guarded
from reunify.moderation.models import AuditLog, DuplicatePair, Role

from .forms import FlagForm, IncidentControlsForm, IncidentOpenForm, ReasonForm, VolunteerForm

queue_worker = permission_required("moderation.work_queues", raise_exception=True)
coordinator = permission_required("moderation.manage_incidents", raise_exception=True)


def _record(kind: str, uid):
    model = {"p": Post, "r": Report}.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, uid=uid, purged_at__isnull=True)


def _safe_next(request, *, default: str) -> str:
    """The `next` a form sent, if it stays on this site; else the default (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else default


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


# --- Public: flag a record ----------------------------------------------------


@guarded("flag")
def flag_create(request, kind, uid):
    record = _record(kind, uid)
    if record.visibility != Visibility.PUBLIC:
        raise Http404
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            holds.flag_create(record=record, source=client_key(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. A volunteer will look at this record."))
            name = "board:post-detail" if kind == "p" else "board:report-detail"
            return redirect(name, record.uid)
    context = {"form": form, "record": record, "kind": kind, "incident": record.incident}
    return render(request, "moderation/flag_form.html", context)


# --- Accounts -----------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "moderation/login.html"
    redirect_authenticated_user = True


@require_POST
def logout(request):
    return auth_views.LogoutView.as_view(next_page="moderation:login")(request)


# --- Dashboard ----------------------------------------------------------------


def _chart(incident) -> dict:
    chart = selectors.status_chart(incident)
    for line in chart["series"]:
        # One day of data is one point, and a polyline needs two: draw it as a dot.
        if line["points"] and " " not in line["points"]:
            line["dot"] = line["points"].split(",")
    return chart


@never_cache
@login_required
@queue_worker
def dashboard(request):
    incidents = Incident.objects.exclude(status=Incident.Status.STAGING)
    context = {
        "stats": selectors.queue_stats(),
        "charts": [(i, _chart(i)) for i in incidents],
        "is_coordinator": roles.is_coordinator(request.user),
    }
    return render(request, "moderation/dashboard.html", context)


# --- Queues -------------------------------------------------------------------


@never_cache
@login_required
@queue_worker
def flags(request):
    return render(request, "moderation/flags.html", {"items": selectors.flag_queue()})


@require_POST
@login_required
@queue_worker
def flag_decide(request, kind, uid):
    record, action, reason = _record(kind, uid), request.POST.get("action"), _reason(request)
    try:
        if action == "hide":
            decisions.record_hide(record=record, by=request.user, reason=reason)
        elif action == "restore":
            decisions.record_publish(record=record, by=request.user, reason=reason)
        elif action == "dismiss":
            decisions.flags_dismiss(record=record, by=request.user, reason=reason)
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_safe_next(request, default="moderation:flags"))


@never_cache
@login_required
@queue_worker
def held(request):
    return render(request, "moderation/held.html", {"items": selectors.held_queue()})


@require_POST
@login_required
@queue_worker
def misused_add(request, photo_uid):
    photo = get_object_or_404(Photo, uid=photo_uid)
    photos.known_misused_add(photo=photo, note=_reason(request) or "-", by=request.user)
    messages.success(request, _("The photo is on the misused list: copies will be refused."))
    return redirect("moderation:held")


@never_cache
@login_required
@queue_worker
def matches(request):
    return render(request, "moderation/matches.html", {"matches": selectors.match_queue()})


@require_POST
@login_required
@queue_worker
def match_decide(request, uid):
    match = get_object_or_404(Match, uid=uid, level=Match.Level.REVIEW, state=Match.State.OPEN)
    answer = request.POST.get("answer")
    if answer not in ("confirm", "reject"):
        raise Http404
    decisions.match_review_decide(match=match, confirm=answer == "confirm", by=request.user)
    return redirect("moderation:matches")


@never_cache
@login_required
@queue_worker
def duplicates(request):
    return render(request, "moderation/duplicates.html", {"pairs": selectors.duplicate_queue()})


@require_POST
@login_required
@queue_worker
def duplicates_scan(request):
    found = sum(
        pairs.duplicates_scan(incident=i)
        for i in Incident.objects.filter(status=Incident.Status.ACTIVE)
    )
    messages.success(request, _("%(n)d new possible duplicates.") % {"n": found})
    return redirect("moderation:duplicates")


@require_POST
@login_required
@queue_worker
def duplicate_decide(request, pk):
    pair = get_object_or_404(DuplicatePair, pk=pk, state=DuplicatePair.State.OPEN)
    answer = request.POST.get("answer")
    if answer == "link":
        decisions.duplicate_link(pair=pair, by=request.user)
    elif answer == "dismiss":
        pairs.duplicate_dismiss(pair=pair, by=request.user)
    else:
        raise Http404
    return redirect("moderation:duplicates")


@never_cache
@login_required
@queue_worker
def deceased(request):
    context = {
        "reports": selectors.deceased_queue(),
        "can_approve": request.user.has_perm("moderation.approve_deceased"),
    }
    return render(request, "moderation/deceased.html", context)


@require_POST
@login_required
@permission_required("moderation.approve_deceased", raise_exception=True)
def deceased_decide(request, uid):
    report = _record("r", uid)
    if request.POST.get("answer") == "publish":
        decisions.deceased_approve(report=report, by=request.user, reason=_reason(request))
    else:
        holds.record_hide(record=report, by=request.user, reason=_reason(request) or "-")
    return redirect("moderation:deceased")


# --- Coordinators -------------------------------------------------------------


@never_cache
@login_required
@coordinator
def incidents(request):
    form = IncidentOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident = decisions.incident_open(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The incident is open: %(name)s.") % {"name": incident})
            return redirect("moderation:incidents")
    forms = [
        (i, IncidentControlsForm(instance=i, prefix=str(i.pk))) for i in Incident.objects.all()
    ]
    return render(request, "moderation/incidents.html", {"forms": forms, "open_form": form})


@require_POST
@login_required
@coordinator
def incident_update(request, pk):
    incident = get_object_or_404(Incident, pk=pk)
    form = IncidentControlsForm(request.POST, instance=Incident.objects.get(pk=pk), prefix=str(pk))
    if form.is_valid():
        roles.incident_set_controls(incident=incident, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Please check the values."))
    return redirect("moderation:incidents")


@never_cache
@login_required
@permission_required("moderation.manage_volunteers", raise_exception=True)
def volunteers(request):
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        roles.volunteer_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("The volunteer can now sign in."))
        return redirect("moderation:volunteers")
    people = (
        get_user_model()
        .objects.filter(Q(groups__name__in=[Role.MODERATORS, Role.COORDINATORS]))
        .prefetch_related("groups")
        .distinct()
        .order_by("username")
    )
    context = {"form": form, "people": people}
    return render(request, "moderation/volunteers.html", context)


@require_POST
@login_required
@permission_required("moderation.manage_volunteers", raise_exception=True)
def volunteer_deactivate(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    roles.volunteer_deactivate(user=user, by=request.user)
    return redirect("moderation:volunteers")


@never_cache
@login_required
@permission_required("moderation.view_audit", raise_exception=True)
def audit(request):
    return render(request, "moderation/audit.html", {"entries": AuditLog.objects.all()[:500]})


# --- Partner API keys ---------------------------------------------------------------

key_manager = permission_required("moderation.manage_volunteers", raise_exception=True)


@never_cache
@login_required
@key_manager
def api_keys(request):
    keys = ApiKey.objects.select_related("organisation").order_by("organisation__name", "-pk")
    return render(request, "moderation/api_keys.html", {"keys": keys})


@require_POST
@login_required
@key_manager
def api_key_revoke_view(request, pk):
    key = get_object_or_404(ApiKey, pk=pk)
    api_key_revoke(key=key, by=request.user)
    messages.success(request, _("The key %(prefix)s no longer works.") % {"prefix": key.prefix})
    return redirect("moderation:api-keys")


@never_cache
@require_POST
@login_required
@key_manager
def api_key_rotate_view(request, pk):
    key = get_object_or_404(ApiKey, pk=pk, revoked_at__isnull=True)
    # Shown on this response only, never stored: no redirect, no message in the session.
    rotated = [api_key_rotate(key=key, by=request.user)]
    return render(request, "moderation/api_keys_new.html", {"rotated": rotated})
