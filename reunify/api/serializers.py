from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from reunify.board import cleaning
from reunify.board.models import MAX_AGE, Incident, Post, Report, Sex


class TextField(serializers.CharField):
    """Free text through the board's cleaning step (as the web forms, lists and PFIF):
    control characters and bidi overrides removed, NUL refused."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        # The limit applies to what was sent, as the schema's maxLength says; cleaning only
        # makes text shorter.
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return cleaning.clean_text(super().to_internal_value(data), multiline=self.multiline)


class PastDateTimeField(serializers.DateTimeField):
    """A moment that has happened, in a real time zone: the web form's rule."""

    def enforce_timezone(self, value):
        return super().enforce_timezone(cleaning.clean_past(value))


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = ["slug", "name", "area", "status", "description", "created_at"]


class _PersonSerializer(serializers.ModelSerializer):
    """The facts the public web page shows; never contact details."""

    incident = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    alternate_names = serializers.ListField(
        source="alternate_name_list", child=serializers.CharField(), read_only=True
    )
    age_label = serializers.CharField(read_only=True)
    photos = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    common = [
        "uid",
        "incident",
        "full_name",
        "alternate_names",
        "age",
        "age_min",
        "age_max",
        "age_label",
        "sex",
        "photos",
        "url",
        "created_at",
        "updated_at",
    ]

    def get_photos(self, record) -> list[str]:
        return [settings.SITE_URL + p.image_url for p in record.photos.all() if p.image]


class PostSerializer(_PersonSerializer):
    # A recent sighting in an incident in active danger is withheld (Post.sighting_hidden).
    last_seen_place = serializers.CharField(source="public_last_seen_place", read_only=True)
    last_seen_at = serializers.DateTimeField(
        source="public_last_seen_at", read_only=True, allow_null=True
    )

    class Meta:
        model = Post
        fields = [
            *_PersonSerializer.common,
            "status",
            "description",
            "last_seen_place",
            "last_seen_at",
        ]

    def get_url(self, post) -> str:
        return f"{settings.SITE_URL}/p/{post.uid}/"


class ReportSerializer(_PersonSerializer):
    current_location = serializers.CharField(source="public_location", read_only=True)

    class Meta:
        model = Report
        fields = [
            *_PersonSerializer.common,
            "kind",
            "condition",
            "source",
            "pfif_status",
            "message",
            "current_location",
        ]

    def get_url(self, report) -> str:
        return f"{settings.SITE_URL}/r/{report.uid}/"


CONTACT_FIELDS = ["contact_name", "contact_email", "contact_phone"]


class PostWithContactSerializer(PostSerializer):
    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, *CONTACT_FIELDS]


class ReportWithContactSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, *CONTACT_FIELDS]


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["post", "report"])
    score = serializers.FloatField()
    post = PostSerializer(required=False, allow_null=True)
    report = ReportSerializer(required=False, allow_null=True)


# --- Writes ------------------------------------------------------------------


class _PersonWrite(serializers.Serializer):
    external_id = TextField(
        max_length=200,
        required=False,
        help_text="Your own id for this record: sending it again changes nothing.",
    )
    full_name = TextField(max_length=200)
    alternate_names = serializers.ListField(
        child=TextField(max_length=200), required=False, max_length=20
    )
    age = serializers.IntegerField(min_value=0, max_value=MAX_AGE, required=False, allow_null=True)
    age_min = serializers.IntegerField(
        min_value=0, max_value=MAX_AGE, required=False, allow_null=True
    )
    age_max = serializers.IntegerField(
        min_value=0, max_value=MAX_AGE, required=False, allow_null=True
    )
    age_text = TextField(
        max_length=40,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=(
            "The age as it was written (34, 30-35, 30–35, about 40, ٣٥, 60+), read by the "
            "same parser as the web form, hospital lists and PFIF. Instead of the numbers."
        ),
    )
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    contact_name = TextField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = TextField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Digits and + ( ) . - / spaces, at least five digits.",
    )
    language = serializers.ChoiceField(
        choices=[code for code, _ in settings.LANGUAGES], required=False
    )

    def validate_full_name(self, value):
        return cleaning.clean_name(value)

    def validate_contact_phone(self, value):
        return cleaning.clean_phone(value)

    def validate(self, attrs):
        age_text = attrs.pop("age_text", "")
        if age_text:
            if any(attrs.get(name) is not None for name in ("age", "age_min", "age_max")):
                raise serializers.ValidationError(
                    {"age_text": [_("Give age_text or the age numbers, not both.")]}
                )
            try:
                attrs["age"], attrs["age_min"], attrs["age_max"] = cleaning.clean_age(age_text)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"age_text": error.messages}) from None
        elif attrs.get("age_min") is not None and attrs.get("age_max") is not None:
            # The board's one age rule: a range written backwards (40, 30) is 30–40, as
            # "40-30" is on the web form, in a list or in PFIF.
            attrs["age_min"], attrs["age_max"] = sorted((attrs["age_min"], attrs["age_max"]))
        attrs["alternate_names"] = "\n".join(attrs.get("alternate_names", []))
        return attrs


class ReportWriteSerializer(_PersonWrite):
    kind = serializers.ChoiceField(choices=Report.Kind.choices, default=Report.Kind.FOUND)
    condition = serializers.ChoiceField(
        choices=Report.Condition.choices, default=Report.Condition.SAFE
    )
    source = serializers.ChoiceField(choices=Report.Source.choices, default=Report.Source.OFFICIAL)
    message = TextField(max_length=3000, required=False, allow_blank=True, multiline=True)
    current_location = TextField(max_length=200, required=False, allow_blank=True)
    location_public = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Show current_location publicly; by default only a family whose match is "
        "confirmed sees it.",
    )
    # "Tell my people I'm safe" (kind "safe" only): used for one message each, then erased.
    tell_emails = serializers.ListField(
        child=serializers.EmailField(), required=False, max_length=settings.TELL_MAX_ADDRESSES
    )
    tell_phones = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        max_length=settings.TELL_MAX_ADDRESSES,
        help_text="Sent by the partner whose webhook sends text messages.",
    )


class PostWriteSerializer(_PersonWrite):
    description = TextField(max_length=3000, required=False, allow_blank=True, multiline=True)
    last_seen_place = TextField(max_length=200, required=False, allow_blank=True)
    last_seen_at = PastDateTimeField(
        required=False,
        allow_null=True,
        help_text="Not in the future (10 minutes of clock skew allowed), UTC offset within ±14:00.",
    )


class ReportBatchSerializer(serializers.Serializer):
    incident = serializers.SlugField()
    records = ReportWriteSerializer(many=True, allow_empty=False, max_length=settings.API_BATCH_MAX)


class PostBatchSerializer(serializers.Serializer):
    incident = serializers.SlugField()
    records = PostWriteSerializer(many=True, allow_empty=False, max_length=settings.API_BATCH_MAX)


class SingleReportSerializer(ReportWriteSerializer):
    incident = serializers.SlugField()


class SinglePostSerializer(PostWriteSerializer):
    incident = serializers.SlugField()


class BatchItemSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    external_id = TextField(allow_blank=True)
    created = serializers.BooleanField()


class BatchResultSerializer(serializers.Serializer):
    written = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    records = BatchItemSerializer(many=True)


class PostStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Post.Status.choices)


class ReportConditionSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Report.Condition.choices)
