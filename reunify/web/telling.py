"""Tell my people I'm safe, from the private page of a safe report (right after "I'm safe")."""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reunify.alerts.telling import people_tell, tell_addresses_clean
from reunify.board.models import Report
from reunify.moderation.guard import guarded


def _tell_help_text() -> str:
    return gettext(
        "Up to %(n)d e-mail addresses, one per line. Each gets one message saying you "
        "are safe, with a link to your report; we erase the addresses once it is sent."
    ) % {"n": settings.TELL_MAX_ADDRESSES}


class TellField(forms.CharField):
    """Up to TELL_MAX_ADDRESSES e-mail addresses, one per line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "inputmode": "email"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 3000)
        # Translated when the form is shown, not when this module is imported.
        kwargs.setdefault("help_text", lazy(_tell_help_text, str)())
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        addresses = [part for part in re.split(r"[\s,;]+", text) if part]
        emails, _phones = tell_addresses_clean(emails=addresses)
        return emails


class TellForm(forms.Form):
    tell_emails = TellField(label=_("Their e-mail addresses"))


@never_cache
@require_POST
@guarded("tell", form=False)
def report_tell(request, uid, token):
    report = get_object_or_404(Report, uid=uid, kind=Report.Kind.SAFE, purged_at__isnull=True)
    if not report.check_secret_token(token):
        raise Http404
    form = TellForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["tell_emails"])
        queued = people_tell(report=report, emails=form.cleaned_data["tell_emails"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)d message is on its way.", "%(n)d messages are on their way.", queued)
            % {"n": queued},
        )
    return redirect("board:report-manage", report.uid, token)
