"""Open doors in the partner API: listed offers for everyone, new offers with a write key.

Never the exact address nor the host's contact: those go by e-mail to an accepted guest.
Offers are not PFIF (they are not about a person).
"""

from django.conf import settings
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from reunify.actions.doors import offer_create
from reunify.shelter.models import Offer

from .views import WriteLogMixin, _incident, _incidents, _validated


class OfferSerializer(serializers.ModelSerializer):
    """What the public list shows."""

    incident = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = [
            "uid",
            "incident",
            "host_kind",
            "host_name",
            "verified",
            "district",
            "capacity",
            "places_left",
            "available_until",
            "languages",
            "children",
            "pets",
            "step_free",
            "url",
            "created_at",
        ]

    def get_url(self, offer) -> str:
        return f"{settings.SITE_URL}/doors/{offer.uid}/"


class OfferWriteSerializer(serializers.Serializer):
    incident = serializers.SlugField()
    host_kind = serializers.ChoiceField(choices=Offer.HostKind.choices)
    host_name = serializers.CharField(max_length=100)
    district = serializers.CharField(max_length=100)
    capacity = serializers.IntegerField(min_value=1, max_value=50)
    available_until = serializers.DateTimeField()
    languages = serializers.CharField(max_length=100, required=False, allow_blank=True)
    children = serializers.BooleanField(required=False, default=False)
    pets = serializers.BooleanField(required=False, default=False)
    step_free = serializers.BooleanField(required=False, default=False)
    # Private: sent to accepted guests by e-mail, never returned.
    address = serializers.CharField(max_length=500, write_only=True)
    contact_email = serializers.EmailField(write_only=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    language = serializers.ChoiceField(
        choices=[code for code, _ in settings.LANGUAGES], required=False, default="en"
    )


class OfferFilter(filters.FilterSet):
    incident = filters.CharFilter(field_name="incident__slug")
    district = filters.CharFilter()

    class Meta:
        model = Offer
        fields = ["incident", "district"]


class OfferViewSet(WriteLogMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Open doors (#PorteOuverte): listed offers by area; a write key offers places."""

    lookup_field = "uid"
    serializer_class = OfferSerializer
    filterset_class = OfferFilter

    def get_queryset(self):
        listed = Offer.objects.filter(incident__in=_incidents(), state=Offer.State.OPEN)
        return (
            listed.filter(available_until__gt=timezone.now())
            .select_related("incident")
            .order_by("district", "-available_until", "pk")
        )

    @extend_schema(request=OfferWriteSerializer, responses={201: OfferSerializer})
    def create(self, request):
        data = _validated(OfferWriteSerializer, request)
        incident = _incident(data.pop("incident"))
        offer = offer_create(incident=incident, from_partner=True, **data)
        return Response(OfferSerializer(offer).data, status=201)
