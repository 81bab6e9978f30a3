from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from reunify.board.cleaning import FLAG_NOTE_MAX, clean_flag_note
from reunify.board.models import Incident
from reunify.moderation.models import Flag, Role


class FlagForm(forms.ModelForm):
    # Over the limit is an error the reporter sees, never a note silently cut.
    note = forms.CharField(
        label=_("anything a volunteer should know (optional)"),
        required=False,
        max_length=FLAG_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Flag
        fields = ["reason", "note"]
        widgets = {"reason": forms.RadioSelect}

    def clean_note(self):
        return clean_flag_note(self.cleaned_data["note"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No "---------" radio, and none chosen for the person: they pick what is wrong.
        self.fields["reason"].choices = [c for c in self.fields["reason"].choices if c[0]]


class IncidentOpenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name for the address"),
        max_length=50,
        help_text=_("Letters, digits and hyphens: beirut-2020."),
    )
    area = forms.CharField(label=_("Area"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Incident.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("An incident already has this short name."))
        return slug


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class IncidentControlsForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["status", "retention_days", "proof_of_work", "active_danger"]


class VolunteerForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.MODERATORS, _("Moderator")), (Role.COORDINATORS, _("Coordinator"))],
    )
    password = forms.CharField(label=_("Temporary password"), widget=forms.PasswordInput)

    def clean_username(self):
        name = self.cleaned_data["username"]
        if get_user_model().objects.filter(username=name).exists():
            raise forms.ValidationError(_("This user name is taken."))
        return name

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password
