from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reunify.actions import records
from reunify.actions.decisions import match_confirm, match_reject
from reunify.actions.photos import post_add_photo as add_photo
from reunify.alerts.services import info_relay_create, match_message_create
from reunify.board.models import Incident, Photo, Post, Report, Visibility
from reunify.board.pages import BOARD_SCOPE, incident_scope, record_scope, search_scope
from reunify.board.selectors import (
    active_incidents,
    incident_at,
    public_posts,
    public_reports,
    with_thumbnails,
)
from reunify.board.services import record_extend, record_unwithdraw
from reunify.matches.forms import SearchForm
from reunify.matches.models import Match
from reunify.matches.params import params_described
from reunify.matches.selectors import search_people
from reunify.moderation.guard import guarded, same_site_form
from reunify.moderation.retention import RESTORE_DAYS

from .created import just_created, just_created_redirect, shown_once
from .forms import FoundForm, PhotoForm, PostEditForm, PostForm, RelayForm, SafeForm
from .pagecache import public_page

RECENT_COUNT = 24


def _incident_pages(slug):
    return [BOARD_SCOPE, incident_scope(slug)]


def _search_pages(slug):
    # Not the incident's scope: a record just saved has no search keys yet, so it changes no
    # search. Dropped when the worker has made them, or when a record changes.
    return [BOARD_SCOPE, search_scope(slug)]


def _person_page(uid):
    return [BOARD_SCOPE, record_scope(uid)]


# Secret links are rate-limited on GET too: guessing one costs a request per try.
SECRET_LINK_METHODS = ("GET", "POST")


def _render_public(request, template: str, context: dict, incident: Incident):
    response = render(request, template, {**context, "intake_only": incident.intake_only})
    # The page cache serves this page, even a little old, until the switch goes off.
    response.intake_only = incident.intake_only
    return response


def _incident(request, slug: str) -> Incident:
    # From the shared cache, once a request: a form's guard read it already (request.incident).
    incident = getattr(request, "incident", None)
    if incident is None or incident.slug != slug:
        incident = incident_at(slug)
    if incident is None or incident.status == Incident.Status.STAGING:
        raise Http404
    return incident


def _public(model, uid):
    # The incident comes with it: every person page shows it (one query, not two).
    queryset = model.objects.select_related("incident")
    return get_object_or_404(queryset, uid=uid, visibility=Visibility.PUBLIC)


def _with_secret(model, uid, token: str, purpose: str = "manage"):
    record = get_object_or_404(model, uid=uid, purged_at__isnull=True)
    if not record.check_secret_token(token, purpose):
        raise Http404
    return record


def _add_form_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - e.g. the database is down: the page without a request
        return defaults.server_error(request)


def home(request):
    incidents = list(active_incidents())
    # One active incident: its actions and search right on the home page.
    context = {"incidents": incidents, "only": incidents[0] if len(incidents) == 1 else None}
    return render(request, "board/home.html", context)


@public_page(_incident_pages)
def incident_detail(request, slug):
    incident = _incident(request, slug)
    context = {
        "incident": incident,
        "search_form": SearchForm(),
        "posts": with_thumbnails(list(public_posts(incident)[:RECENT_COUNT])),
        "reports": with_thumbnails(list(public_reports(incident)[:RECENT_COUNT])),
    }
    return _render_public(request, "board/incident.html", context, incident)


@guarded("search", form=False, methods=("GET",))
@public_page(_search_pages)
def search(request, slug):
    incident = _incident(request, slug)
    form = SearchForm(request.GET or None)
    hits = search_people(incident=incident, query=form.cleaned_data["q"]) if form.is_valid() else []
    with_thumbnails([hit.record for hit in hits])  # the cards' pictures, for these hits only
    context = {"incident": incident, "form": form, "hits": hits}
    return _render_public(request, "board/search.html", context, incident)


def _name_asked(request) -> str:
    """The name from step one ("name first"), tidied; empty when not given yet."""
    return " ".join(request.GET.get("full_name", "").split())[:200]


def _someone_looking(incident, name: str) -> bool:
    """Only that a search for a similar name exists: never who posted it."""
    if len(name) < 2:
        return False
    return any(hit.is_post for hit in search_people(incident=incident, query=name))


@guarded("post")
def post_create(request, slug):
    """Name first; then the people already on the board with a similar name ("this is
    them" or "none of these: go on"); then the rest of the form. Nothing is written before."""
    incident = _incident(request, slug)
    name = _name_asked(request)
    if request.method == "GET" and len(name) < 2:
        return render(request, "board/name_first.html", {"incident": incident, "kind": "post"})
    if request.method == "GET" and not request.GET.get("go"):
        hits = search_people(incident=incident, query=name)
        if hits:
            context = {"incident": incident, "name": name, "hits": hits}
            return render(request, "board/look_first.html", context)
    form = PostForm(request.POST or None, request.FILES or None, initial={"full_name": name})
    if request.method == "POST" and form.is_valid():
        try:
            post = records.post_create(
                incident=incident, language=get_language(), **form.service_kwargs()
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            manage = redirect("board:post-manage", post.uid, post.secret_token())
            return just_created_redirect(manage, post.uid)
    return render(request, "board/post_form.html", {"incident": incident, "form": form})


def _report_create(request, slug, *, kind: str, form_class, template: str):
    incident = _incident(request, slug)
    name = _name_asked(request)
    if kind == Report.Kind.FOUND and request.method == "GET" and len(name) < 2:
        return render(request, "board/name_first.html", {"incident": incident, "kind": "found"})
    form = form_class(request.POST or None, request.FILES or None, initial={"full_name": name})
    if request.method == "POST" and form.is_valid():
        try:
            report = records.report_create(
                incident=incident, kind=kind, language=get_language(), **form.service_kwargs()
            )
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            manage = redirect("board:report-manage", report.uid, report.secret_token())
            return just_created_redirect(manage, report.uid)
    looking = request.method == "GET" and _someone_looking(incident, name)
    return render(
        request, template, {"incident": incident, "form": form, "someone_looking": looking}
    )


@guarded("report")
def safe_create(request, slug):
    return _report_create(
        request, slug, kind=Report.Kind.SAFE, form_class=SafeForm, template="board/safe_form.html"
    )


@guarded("report")
def found_create(request, slug):
    return _report_create(
        request,
        slug,
        kind=Report.Kind.FOUND,
        form_class=FoundForm,
        template="board/found_form.html",
    )


@same_site_form
@guarded("relay")
@public_page(_person_page)
def post_detail(request, uid):
    post = _public(Post, uid)
    form = RelayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        info_relay_create(post=post, **form.cleaned_data)
        messages.success(request, _("Thank you. Your message was passed on to the family."))
        return redirect("board:post-detail", post.uid)
    context = {"post": post, "form": form, "photos": _ready(post)}
    return _render_public(request, "board/post_detail.html", context, post.incident)


def post_poster(request, uid):
    """An A4 poster to print: name, photo, public facts, and a QR code to the page."""
    post = _public(Post, uid)
    url = f"{settings.SITE_URL}{reverse('board:post-detail', args=[post.uid])}"  # as in e-mails
    context = {"post": post, "photos": _ready(post)[:1], "page_url": url}
    return render(request, "board/poster.html", context)


@public_page(_person_page)
def report_detail(request, uid):
    report = _public(Report, uid)
    context = {"report": report, "photos": _ready(report)}
    return _render_public(request, "board/report_detail.html", context, report.incident)


def _ready(record) -> list[Photo]:
    # A list: the page reads it twice (its preview image, its photos), with one query.
    return list(record.photos.filter(state=Photo.State.READY))


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def post_manage(request, uid, token):
    post = _with_secret(Post, uid, token)
    created = just_created(request, post.uid)
    form = PostEditForm.for_post(post, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.post_update(post=post, **form.service_kwargs())
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("board:post-manage", post.uid, token)
    context = {
        "post": post,
        "token": token,
        "form": form,
        "photo_form": PhotoForm(),
        "just_created": created,
        "restore_days": RESTORE_DAYS,
        "photos": post.photos.all(),
        "matches": post.matches.select_related("report").exclude(level=Match.Level.REVIEW),
    }
    return shown_once(request, render(request, "board/post_manage.html", context))


@never_cache
@require_POST
@guarded("manage", form=False)
def post_add_photo(request, uid, token):
    post = _with_secret(Post, uid, token)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            add_photo(post=post, data=form.cleaned_data["photos"][0])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Photo added. It appears once it has been processed."))
    else:
        messages.error(request, " ".join(form.errors["photos"]))
    return redirect("board:post-manage", post.uid, token)


@never_cache
@require_POST
@guarded("manage", form=False)
def post_status(request, uid, token):
    post = _with_secret(Post, uid, token)
    status = request.POST.get("status")
    if status not in (Post.Status.REUNITED, Post.Status.CLOSED, Post.Status.OPEN):
        raise Http404
    records.post_set_status(post=post, status=status)
    messages.success(
        request, _("The post is now marked “%(status)s”.") % {"status": post.get_status_display()}
    )
    return redirect("board:post-manage", post.uid, token)


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def post_delete(request, uid, token):
    post = _with_secret(Post, uid, token)
    done = _("The post is deleted. You can still undo this for %(days)d days.")
    return _withdraw(request, post, token, done_message=done, manage_url="board:post-manage")


def _withdraw(request, record, token: str, *, done_message: str, manage_url: str):
    """Delete from a secret link: withdrawn now, erased after the restore window."""
    if request.method == "POST":
        records.record_withdraw(record=record)
        messages.success(request, done_message % {"days": RESTORE_DAYS})
        return redirect(manage_url, record.uid, token)
    context = {"record": record, "restore_days": RESTORE_DAYS}
    return render(request, "board/confirm_delete.html", context)


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def post_stop_alerts(request, uid, token):
    post = _with_secret(Post, uid, token, purpose="stop")
    if request.method == "POST":
        records.post_stop_alerts(post=post)
        return render(request, "board/alerts_stopped.html", {"post": post})
    return render(request, "board/alerts_stop_confirm.html", {"post": post})


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def report_manage(request, uid, token):
    report = _with_secret(Report, uid, token)
    created = just_created(request, report.uid)
    confirmed = report.matches.filter(state=Match.State.CONFIRMED).select_related("post")
    form = RelayForm(request.POST or None)
    match = confirmed.filter(uid=request.POST.get("match")).first() if request.POST else None
    if match is not None and form.is_valid():
        match_message_create(match=match, from_family=False, **form.cleaned_data)
        messages.success(request, _("Your message was passed on to the family."))
        return redirect("board:report-manage", report.uid, token)
    context = {
        "report": report,
        "token": token,
        "just_created": created,
        "restore_days": RESTORE_DAYS,
        "confirmed": confirmed,
        "form": form,
        "someone_looking": created and report.matches.exclude(state=Match.State.REJECTED).exists(),
    }
    return shown_once(request, render(request, "board/report_manage.html", context))


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def report_delete(request, uid, token):
    report = _with_secret(Report, uid, token)
    done = _("The report is deleted. You can still undo this for %(days)d days.")
    return _withdraw(request, report, token, done_message=done, manage_url="board:report-manage")


@never_cache
@guarded("manage", form=False, methods=SECRET_LINK_METHODS)
def match_review(request, uid, token):
    match = get_object_or_404(Match.objects.select_related("post", "report"), uid=uid)
    if not match.check_review_token(token):
        raise Http404
    if request.method == "POST" and match.state == Match.State.OPEN:
        decide = {"yes": match_confirm, "no": match_reject}.get(request.POST.get("answer"))
        if decide is None:
            raise Http404
        decide(match=match, decided_by="family")
        return redirect("board:match-review", match.uid, token)
    form = RelayForm(request.POST or None)
    if request.method == "POST" and match.state == Match.State.CONFIRMED and form.is_valid():
        match_message_create(match=match, from_family=True, **form.cleaned_data)
        messages.success(request, _("Your message was passed on."))
        return redirect("board:match-review", match.uid, token)
    fit = params_described(incident=match.post.incident, version=match.params_version)
    context = {
        "match": match,
        "post": match.post,
        "report": match.report,
        "form": form,
        "family_location": match.report.location_for_family(match),
        "fit": fit,
    }
    return render(request, "board/match_review.html", context)


def _manage_redirect(record, token):
    name = "board:post-manage" if isinstance(record, Post) else "board:report-manage"
    return redirect(name, record.uid, token)


@never_cache
@require_POST
@guarded("manage", form=False)
def record_keep(request, kind, uid, token):
    """The poster keeps their record for another retention period."""
    if kind not in ("p", "r"):
        raise Http404
    record = _with_secret(Post if kind == "p" else Report, uid, token)
    record_extend(record=record)
    messages.success(
        request,
        _("Thank you. This record is now kept until %(date)s.")
        % {"date": date_format(record.expires_at, "DATE_FORMAT")},
    )
    return _manage_redirect(record, token)


@never_cache
@require_POST
@guarded("manage", form=False)
def record_undelete(request, kind, uid, token):
    """Undo a deletion while the restore window is open."""
    if kind not in ("p", "r"):
        raise Http404
    record = _with_secret(Post if kind == "p" else Report, uid, token)
    record_unwithdraw(record=record)
    messages.success(request, _("Restored: the record is back."))
    return _manage_redirect(record, token)
