from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reunify.actions.photos import photo_check
from reunify.board import cleaning
from reunify.board.models import Post, Report, Sex
from reunify.web.keptphotos import photos_forget, photos_keep, photos_kept


class AgeField(forms.CharField):
    """An exact age ("34") or an estimate ("30-35", "30–35", "about 40", "٣٥"), read by the
    board's one age parser; cleans to (age, age_min, age_max)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("An age, or a range if you are not sure: 30-35."))
        super().__init__(**kwargs)

    def clean(self, value):
        return cleaning.clean_age(super().clean(value))


class TextField(forms.CharField):
    """Free text through the board's cleaning step: no control characters, no bidi overrides."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return cleaning.clean_text(value, multiline=self.multiline) if value else value


class SexField(forms.ChoiceField):
    """The board's one sex vocabulary: the form offers three choices, and a word sent in
    another language ("F", "femme", "أنثى") is read as hospital lists and PFIF read it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("", "—"), *Sex.choices])
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return cleaning.clean_sex(super().to_python(value))


class PastDateTimeField(forms.DateTimeField):
    """A moment that has happened, in a real time zone (PostgreSQL refuses offsets past ±15:59)."""

    def clean(self, value):
        return cleaning.clean_past(super().clean(value))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to PHOTOS_PER_RECORD photos, each checked as a real image; cleans to a list of bytes."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def __init__(self, *, max_files: int = settings.PHOTOS_PER_RECORD, **kwargs):
        kwargs.setdefault("required", False)
        self.max_files = max_files
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.max_files:
            raise ValidationError(
                _("You can add at most %(n)d photos.") % {"n": self.max_files}, code="too_many"
            )
        contents = []
        for upload in files:
            if upload.size > settings.PHOTO_MAX_BYTES:
                raise ValidationError(
                    _("“%(name)s” is too large (maximum %(mb)d MB).")
                    % {"name": upload.name, "mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)},
                    code="too_large_bytes",
                )
            data_bytes = upload.read()
            try:
                photo_check(data_bytes)
            except ValidationError as exc:
                raise ValidationError(
                    _("“%(name)s”: %(error)s") % {"name": upload.name, "error": exc.messages[0]},
                    code=exc.code,
                ) from exc
            contents.append(data_bytes)
        return contents


class PhotoAgainMixin:
    """A browser cannot keep a chosen file across a page load: after any error the checked
    photos are kept on the server (keptphotos.py) and the form carries their token, so the
    family does not choose them again; the field says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "photos" in self.fields:
            self.fields["kept_photos"] = forms.CharField(
                required=False, max_length=64, widget=forms.HiddenInput
            )

    def full_clean(self):
        super().full_clean()
        if "photos" not in self.fields or not self.is_bound or "photos" in self._errors:
            return
        token = self.data.get("kept_photos", "")
        chosen = bool(self.files) and any(self.files.getlist("photos"))
        if token and not chosen:
            kept = photos_kept(token)
            if kept is None:
                self.add_error("photos", _PHOTO_LOST)
                return
            self.cleaned_data["photos"] = kept
        if not self._errors:  # the record is saved with them: the kept copy has done its job
            photos_forget(token)
            return
        if chosen:  # new photos replace any kept before
            photos_forget(token)
            token = photos_keep(self.cleaned_data["photos"])
        if self.cleaned_data.get("photos"):
            self._say_kept(token, len(self.cleaned_data["photos"]))

    def _say_kept(self, token: str, count: int) -> None:
        data = self.data.copy()
        data["kept_photos"] = token
        self.data = data
        # the bound field was made while cleaning: it holds its own copy of the help text
        self["photos"].help_text = ngettext(
            "Your photo is kept: no need to choose it again (choose another to replace it).",
            "Your %(n)d photos are kept: no need to choose them again "
            "(choose others to replace them).",
            count,
        ) % {"n": count}


_PHOTO_LOST = _(
    "The photo you chose earlier was not kept (more than an hour has passed): "
    "please choose it again."
)


class SplitFieldsMixin:
    """The fields someone must fill come first; the rest wait behind "Add details"."""

    essential_fields: tuple[str, ...] = ()

    def essential(self):
        return [self[name] for name in self.essential_fields if name in self.fields]

    def details(self):
        return [f for f in self.visible_fields() if f.name not in self.essential_fields]

    def details_open(self) -> bool:
        return any(f.errors or (self.is_bound and f.value()) for f in self.details())


class ContactFieldsMixin(forms.Form):
    contact_name = TextField(
        label=_("Your name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Private. We send your secret link and any match here."),
    )
    contact_phone = TextField(
        label=_("Your phone"),
        max_length=40,
        required=False,
        help_text=_("Private."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One of the two is required: the form says so before any error does.
        for name in ("contact_email", "contact_phone"):
            self.fields[name].one_of_required = True

    def clean_contact_phone(self):
        return cleaning.clean_phone(self.cleaned_data["contact_phone"])

    def clean(self):
        cleaned = super().clean()
        no_contact = not cleaned.get("contact_email") and not cleaned.get("contact_phone")
        if no_contact and "contact_email" not in self.errors:
            self.add_error(
                "contact_email",
                ValidationError(
                    _("Give an e-mail address or a phone number so we can reach you."),
                    code="contact",
                ),
            )
        return cleaned


def _clean_name(value: str) -> str:
    return cleaning.clean_name(value)


class PersonFieldsMixin:
    """What the post, safe and found forms say about a person, as the services take it."""

    def clean_full_name(self):
        return _clean_name(self.cleaned_data["full_name"])

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("kept_photos", None)  # the token of photos kept after an error, now in "photos"
        data["age"], data["age_min"], data["age_max"] = data.pop("age")
        return data


class PostForm(PersonFieldsMixin, PhotoAgainMixin, ContactFieldsMixin, forms.Form):
    full_name = TextField(
        label=_("Full name of the person you are looking for"),
        max_length=200,
        help_text=_("In any alphabet, as their family writes it."),
    )
    alternate_names = TextField(
        multiline=True,
        label=_("Other names or spellings"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: nicknames, other spellings, the name in another alphabet."),
    )
    age = AgeField(label=_("Age"))
    sex = SexField(label=_("Sex"))
    description = TextField(
        multiline=True,
        label=_("Physical description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Height, hair, clothes, distinguishing marks."),
    )
    last_seen_place = TextField(label=_("Where last seen"), max_length=200, required=False)
    last_seen_at = PastDateTimeField(
        label=_("When last seen"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    photos = PhotosField(label=_("Photos (up to 3)"))

    field_order = [
        "full_name",
        "alternate_names",
        "age",
        "sex",
        "description",
        "last_seen_place",
        "last_seen_at",
        "photos",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]


class PostEditForm(PostForm):
    """The family edits their post from the secret link; photos are added separately."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"]

    @classmethod
    def for_post(cls, post: Post, data=None):
        initial = {
            name: getattr(post, name)
            for name in (
                "full_name",
                "alternate_names",
                "sex",
                "description",
                "last_seen_place",
                "last_seen_at",
                "contact_name",
                "contact_email",
                "contact_phone",
            )
        }
        initial["age"] = post.age_label.replace("–", "-")
        return cls(data=data, initial=initial)


class SafeForm(PersonFieldsMixin, SplitFieldsMixin, ContactFieldsMixin, forms.Form):
    """ "I'm safe": as few fields as possible, for a phone in a crisis."""

    essential_fields = ("full_name", "contact_email", "contact_phone")

    full_name = TextField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    age = AgeField(label=_("Your age"))
    message = TextField(
        multiline=True,
        label=_("A message for the people looking for you"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    current_location = TextField(
        label=_("Where you are now (optional)"), max_length=200, required=False
    )
    location_public = forms.BooleanField(
        label=_(
            "Show where I am on the public page (otherwise only a family who confirms it is "
            "you sees it)"
        ),
        required=False,
    )
    field_order = [
        "full_name",
        "age",
        "message",
        "current_location",
        "location_public",
        "contact_email",
        "contact_phone",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["contact_name"]

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "contact_name": self.cleaned_data["full_name"]}


class FoundForm(PersonFieldsMixin, PhotoAgainMixin, ContactFieldsMixin, forms.Form):
    full_name = TextField(label=_("Name of the person found"), max_length=200)
    alternate_names = TextField(
        multiline=True,
        label=_("Other names or spellings"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    age = AgeField(label=_("Age or estimate"))
    sex = SexField(label=_("Sex"))
    condition = forms.ChoiceField(label=_("Condition"), choices=Report.Condition.choices)
    source = forms.ChoiceField(
        label=_("How do you know?"),
        choices=[c for c in Report.Source.choices if c[0] != Report.Source.SELF],
    )
    current_location = TextField(label=_("Where they are now"), max_length=200, required=False)
    location_public = forms.BooleanField(
        label=_(
            "Show where they are now on the public page (otherwise only the family sees it, "
            "once they confirm it is them)"
        ),
        required=False,
    )
    message = TextField(
        multiline=True,
        label=_("What else should the family know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photos = PhotosField(label=_("Photo (optional)"), max_files=1)
    field_order = [
        "full_name",
        "alternate_names",
        "age",
        "sex",
        "condition",
        "source",
        "current_location",
        "location_public",
        "message",
        "photos",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]


class RelayForm(forms.Form):
    body = TextField(
        multiline=True,
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reply_email = forms.EmailField(
        label=_("Your e-mail, if you want them to be able to answer you (optional)"),
        required=False,
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Please write a message."), code="required")
        return body


class PhotoForm(forms.Form):
    photos = PhotosField(label=_("Add a photo"), max_files=1, required=True)
