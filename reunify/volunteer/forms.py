from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from reunify.board.models import Incident
from reunify.moderation.models import Flag, Role


class FlagForm(forms.ModelForm):
    class Meta:
        model = Flag
        fields = ["reason", "note"]
        widgets = {"reason": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class IncidentControlsForm(forms.ModelForm):
    class Meta:
        model = Incident
        fields = ["status", "retention_days", "proof_of_work", "intake_only"]


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
