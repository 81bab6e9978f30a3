"""PFIF over HTTP: export and Atom feed (public, or with contact for a read_contact key), import."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from rest_framework.exceptions import AuthenticationFailed

from reunify.api.auth import key_from_header
from reunify.api.errors import error_body
from reunify.api.models import Scope
from reunify.api.services import write_log_create
from reunify.board.models import Incident

from . import format as pfif
from . import writer
from .export import FEED_MAX_RESULTS, export_persons
from .federation import peer_create, peer_set_enabled
from .models import Peer
from .services import pfif_import

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status)


def _incident(slug):
    return get_object_or_404(Incident.objects.exclude(status=Incident.Status.STAGING), slug=slug)


def _key(request):
    return key_from_header(request.META.get("HTTP_AUTHORIZATION", ""))


def _int(value, default: int, *, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value)))
    except (TypeError, ValueError):
        return default


def _export(request, slug, *, atom: bool):
    incident = _incident(slug)
    try:
        key = _key(request)
    except AuthenticationFailed as error:
        return _error(401, "not_authenticated", str(error.detail))
    version = request.GET.get("version", "1.4")
    if version not in ("1.3", "1.4"):
        return _error(400, "invalid", "version must be 1.3 or 1.4")
    min_entry_date = None
    if request.GET.get("min_entry_date"):
        min_entry_date = pfif.parse_date(request.GET["min_entry_date"])
        if min_entry_date is None:
            return _error(400, "invalid", "min_entry_date must look like 2015-11-13T21:00:00Z")
    with_contact = key is not None and key.has_scope(Scope.READ_CONTACT)
    if not atom:
        persons = export_persons(incident=incident, with_contact=with_contact)
        body = writer.write(persons, version=version)
        return HttpResponse(body, content_type="application/xml; charset=utf-8")
    skip = _int(request.GET.get("skip"), 0, low=0, high=10**9)
    max_results = _int(
        request.GET.get("max_results"), FEED_MAX_RESULTS, low=1, high=FEED_MAX_RESULTS
    )
    persons = export_persons(
        incident=incident,
        with_contact=with_contact,
        min_entry_date=min_entry_date,
        skip=skip,
        max_results=max_results,
    )
    body = writer.write_atom(
        persons,
        feed_id=request.build_absolute_uri(request.path),
        title=incident.name,
        self_url=request.build_absolute_uri(),
        updated=timezone.now(),
        version=version,
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
def export(request, slug):
    return _export(request, slug, atom=False)


@require_GET
def feed(request, slug):
    return _export(request, slug, atom=True)


@csrf_exempt
@require_POST
def import_(request, slug):
    """POST a PFIF document with a `write` key; the answer lists what was written and skipped."""
    incident = _incident(slug)
    try:
        key = _key(request)
    except AuthenticationFailed as error:
        return _error(401, "not_authenticated", str(error.detail))
    if key is None or not key.has_scope(Scope.WRITE):
        return _error(403, "permission_denied", "This needs an API key with the write scope.")
    if len(request.body) > MAX_IMPORT_BYTES:
        return _error(400, "too_large", "PFIF documents are limited to 20 MB.")
    try:
        result = pfif_import(
            incident=incident, data=request.body, trusted=key.has_scope(Scope.MARK_DECEASED)
        )
    except pfif.PfifError as error:
        write_log_create(
            key=key, action="pfif.import", status_code=400, records=[], written=0, skipped=0
        )
        return _error(400, "invalid", str(error))
    write_log_create(
        key=key,
        action="pfif.import",
        status_code=200,
        records=[row["uid"] for row in result.written if row["uid"]],
        written=len(result.written),
        skipped=len(result.skipped),
    )
    return HttpResponse(json.dumps(result.as_dict()), content_type="application/json")


# --- Peers: the boards this one follows (coordinators) -----------------------------

coordinator = permission_required("moderation.manage_incidents", raise_exception=True)


class PeerForm(forms.ModelForm):
    class Meta:
        model = Peer
        fields = ["incident", "name", "feed_url", "api_key"]
        help_texts = {
            "feed_url": gettext_lazy(
                "The PFIF 1.4 Atom feed of another board or repository, e.g. "
                "https://other.example.org/pfif/its-incident/feed.atom"
            ),
            "incident": gettext_lazy("Its records are added to this incident."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident"].queryset = Incident.objects.filter(status=Incident.Status.ACTIVE)
        self.fields["api_key"].widget = forms.PasswordInput(render_value=False)


@never_cache
@login_required
@coordinator
def peers(request):
    form = PeerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        peer_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("This board now follows that feed."))
        return redirect("pfif:peers")
    rows = Peer.objects.select_related("incident").order_by("incident__name", "name")
    return render(request, "pfif/peers.html", {"form": form, "peers": rows})


@require_POST
@login_required
@coordinator
def peer_toggle(request, pk):
    peer = get_object_or_404(Peer, pk=pk)
    peer_set_enabled(peer=peer, enabled=not peer.enabled, by=request.user)
    return redirect("pfif:peers")
