from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from reunify.board.models import MAX_AGE, Incident, Post, Report, Sex


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
    external_id = serializers.CharField(
        max_length=200,
        required=False,
        help_text="Your own id for this record: sending it again changes nothing.",
    )
    full_name = serializers.CharField(max_length=200)
    alternate_names = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=20
    )
    age = serializers.IntegerField(min_value=0, max_value=MAX_AGE, required=False, allow_null=True)
    age_min = serializers.IntegerField(
        min_value=0, max_value=MAX_AGE, required=False, allow_null=True
    )
    age_max = serializers.IntegerField(
        min_value=0, max_value=MAX_AGE, required=False, allow_null=True
    )
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    language = serializers.ChoiceField(
        choices=[code for code, _ in settings.LANGUAGES], required=False
    )

    def validate(self, attrs):
        low, high = attrs.get("age_min"), attrs.get("age_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"age_max": [_("Must not be below age_min.")]})
        attrs["alternate_names"] = "\n".join(attrs.get("alternate_names", []))
        return attrs


class ReportWriteSerializer(_PersonWrite):
    kind = serializers.ChoiceField(choices=Report.Kind.choices, default=Report.Kind.FOUND)
    condition = serializers.ChoiceField(
        choices=Report.Condition.choices, default=Report.Condition.SAFE
    )
    source = serializers.ChoiceField(choices=Report.Source.choices, default=Report.Source.OFFICIAL)
    message = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    current_location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    location_withheld = serializers.BooleanField(required=False, default=False)
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
    description = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    last_seen_place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    last_seen_at = serializers.DateTimeField(required=False, allow_null=True)


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
    external_id = serializers.CharField(allow_blank=True)
    created = serializers.BooleanField()


class BatchResultSerializer(serializers.Serializer):
    written = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    records = BatchItemSerializer(many=True)


class PostStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Post.Status.choices)


class ReportConditionSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Report.Condition.choices)
