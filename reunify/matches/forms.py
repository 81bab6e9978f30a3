"""The public name search's one input, shared by the web page and the API."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        min_length=2,
        max_length=200,
        error_messages={"required": _("Search by name: a place alone is not enough.")},
    )

    def clean_q(self):
        q = " ".join(self.cleaned_data["q"].split())
        if sum(ch.isalpha() for ch in q) < 2:
            raise ValidationError(_("Search by name: a place alone is not enough."), code="name")
        return q
