"""Public pages for following a person: ask, confirm, stop; and the family's switch."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from reunify.alerts.followers import (
    follower_confirm,
    follower_leave,
    follower_request,
    following_close,
    following_reopen,
)
from reunify.alerts.models import Follower
from reunify.board.models import Post, Report, Visibility
from reunify.moderation.guard import guarded, same_site_form


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=gettext_lazy(
            "Private. We write once to confirm, then once when there is news, then never again."
        ),
    )


def _public_record(kind: str, uid):
    if kind not in ("p", "r"):
        raise Http404
    model = Post if kind == "p" else Report
    return get_object_or_404(model, uid=uid, visibility=Visibility.PUBLIC)


# The form sits on person pages stored for every visitor: no CSRF token, an Origin check.
@same_site_form
@guarded("follow")
def follow(request, kind, uid):
    record = _public_record(kind, uid)
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follower_request(
                record=record, email=form.cleaned_data["email"], language=get_language()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same answer whether or not an e-mail went: nobody learns who follows whom.
            return render(request, "board/follow_sent.html", {"record": record})
    return render(request, "board/follow_form.html", {"record": record, "kind": kind, "form": form})


def _follower(uid, token: str, purpose: str) -> Follower:
    follower = get_object_or_404(Follower.objects.select_related("post", "report"), uid=uid)
    if not follower.check_token(token, purpose):
        raise Http404
    return follower


@never_cache
@guarded("manage", form=False)
def follow_confirm(request, uid, token):
    follower = _follower(uid, token, "confirm")
    context = {"follower": follower, "record": follower.record}
    if request.method == "POST":
        context["confirmed"] = follower_confirm(follower=follower)
        context["done"] = True
    return render(request, "board/follow_confirm.html", context)


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token; the secret
# token in the address is what authorises it.
@csrf_exempt
@never_cache
@guarded("manage", form=False)
def follow_leave(request, uid, token):
    follower = _follower(uid, token, "leave")
    record = follower.record
    if request.method == "POST":
        follower_leave(follower=follower)
        return render(request, "board/follow_left.html", {"record": record})
    return render(request, "board/follow_leave.html", {"record": record})


@never_cache
@require_POST
@guarded("manage", form=False)
def post_following(request, uid, token):
    """The family turns following of their post off (or on again)."""
    post = get_object_or_404(Post, uid=uid, purged_at__isnull=True)
    if not post.check_secret_token(token):
        raise Http404
    if request.POST.get("following") == "off":
        following_close(post=post)
        messages.success(request, _("Nobody can follow this search any more."))
    else:
        following_reopen(post=post)
        messages.success(request, _("People can follow this search again."))
    return redirect("board:post-manage", post.uid, token)
