"""The public name search's one input, shared by the web page and the API."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reunify.board.cleaning import clean_text
from reunify.lib.people import LETTER, letter_count

# The API schema's form of the rule below: no NUL, and at least two letters.
SEARCH_PATTERN = rf"^[^\x00]*{LETTER}[^\x00]*{LETTER}[^\x00]*$"


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        min_length=2,
        max_length=200,
        # The limits apply to what was typed, as the API schema says; spaces are tidied after.
        strip=False,
        error_messages={"required": _("Search by name: a place alone is not enough.")},
    )

    def clean_q(self):
        q = " ".join(clean_text(self.cleaned_data["q"]).split())
        if letter_count(q) < 2:
            raise ValidationError(_("Search by name: a place alone is not enough."), code="name")
        return q
