"""Partner API, v1. Views parse input, call one service, and answer; writes are logged."""

from django import forms as django_forms
from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reunify.actions.records import post_set_status, report_set_condition
from reunify.board import cleaning
from reunify.board.models import Incident, Post, Report, Visibility
from reunify.matches.forms import SEARCH_PATTERN, SearchForm
from reunify.matches.selectors import search_people

from . import serializers as s
from .models import Scope
from .permissions import has_scope
from .schema import NO_NUL
from .services import partner_owns, partner_records_create, write_log_create
from .throttling import KeyRateThrottle, SearchThrottle


def _incidents():
    return Incident.objects.exclude(status=Incident.Status.STAGING)


def _incident(slug: str) -> Incident:
    incident = _incidents().filter(slug=slug).first()
    if incident is None:
        # A well-formed slug that names nothing: not found, as for an address.
        raise exceptions.NotFound(_("No such incident."))
    return incident


class WriteLogMixin:
    """Every write made with a key leaves one ApiWriteLog row, whatever its outcome."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = request.auth
        if request.method not in ("GET", "HEAD", "OPTIONS") and getattr(key, "pk", None):
            result = getattr(request, "_api_result", None)
            write_log_create(
                key=key,
                action=f"{self.basename}.{getattr(self, 'action', '') or request.method.lower()}",
                status_code=response.status_code,
                records=[str(r["uid"]) for r in result.records] if result else [],
                written=result.written if result else 0,
                skipped=result.unchanged if result else 0,
            )
        return response


class IncidentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = _incidents().order_by("-created_at")
    serializer_class = s.IncidentSerializer
    lookup_field = "slug"
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {
                    "type": "string",
                    "minLength": 2,
                    "maxLength": 200,
                    "pattern": SEARCH_PATTERN,
                },
                required=True,
                description="A name (not a place): at least two letters.",
            )
        ],
        responses=s.SearchHitSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        throttle_classes=[KeyRateThrottle, SearchThrottle],
    )
    def search(self, request, slug=None):
        """Name search with the web's limits: a name is required, at most 20 results."""
        incident = self.get_object()
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            )
        hits = []
        for hit in search_people(incident=incident, query=form.cleaned_data["q"]):
            kind = "post" if hit.is_post else "report"
            hits.append({"type": kind, "score": round(hit.score, 3), kind: hit.record})
        return Response(s.SearchHitSerializer(hits, many=True).data)


class _MomentField(IsoDateTimeField):
    def clean(self, value):
        return cleaning.clean_moment(super().clean(value))


class MomentFilter(filters.IsoDateTimeFilter):
    """ISO 8601 with a real time zone (PostgreSQL refuses offsets past ±15:59)."""

    field_class = _MomentField


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": 80, "pattern": NO_NUL})
class SlugFilter(filters.CharFilter):
    """An incident's slug: at most 80 characters, as the model says."""

    def __init__(self, **kwargs):
        super().__init__(max_length=80, **kwargs)


class _NoEmptyValues(django_forms.Form):
    """A filter given with no value (`?status=`) is a mistake to point out, not to ignore."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if self.data.get(name) == "":
                self.add_error(name, _("Give a value, or leave this parameter out."))
        return cleaned


class PostFilter(filters.FilterSet):
    incident = SlugFilter(field_name="incident__slug")
    status = filters.ChoiceFilter(choices=Post.Status.choices)
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Post
        fields = ["incident", "status", "updated_since"]
        form = _NoEmptyValues


class ReportFilter(filters.FilterSet):
    incident = SlugFilter(field_name="incident__slug")
    kind = filters.ChoiceFilter(choices=Report.Kind.choices)
    condition = filters.ChoiceFilter(choices=Report.Condition.choices)
    updated_since = MomentFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Report
        fields = ["incident", "kind", "condition", "updated_since"]
        form = _NoEmptyValues


def _public(model):
    return (
        model.objects.filter(visibility=Visibility.PUBLIC, incident__in=_incidents())
        .select_related("incident")
        .prefetch_related("photos")
        .order_by("-updated_at", "pk")
    )


def _batch_response(request, result, status_code):
    request._api_result = result
    return Response(s.BatchResultSerializer(result.as_dict()).data, status=status_code)


def _write(function, **kwargs):
    try:
        return function(**kwargs)
    except IntegrityError as error:  # the same batch sent twice at the same moment
        raise exceptions.APIException(
            _("A write conflicted with another; send it again.")
        ) from error


class _PartnerRecordViewSet(WriteLogMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Public reads of one kind of record; partners write them one by one or in batches.

    A subclass names its model and its serializers.
    """

    lookup_field = "uid"
    model: type[Post] | type[Report]
    single_serializer: type
    batch_serializer: type
    public_serializer: type
    contact_serializer: type

    def get_queryset(self):
        return _public(self.model)

    def get_serializer_class(self):
        if self.action == "create":
            return self.single_serializer
        if has_scope(self.request, Scope.READ_CONTACT):
            return self.contact_serializer
        return self.public_serializer

    def create(self, request):
        data = _validated(self.single_serializer, request)
        incident = _incident(data.pop("incident"))
        result = self._write_batch(request, incident, [data])
        return _batch_response(request, result, 201)

    @action(detail=False, methods=["post"])
    def batch(self, request):
        data = _validated(self.batch_serializer, request)
        incident = _incident(data["incident"])
        result = self._write_batch(request, incident, data["records"])
        return _batch_response(request, result, 200)

    def _write_batch(self, request, incident, items):
        kind = "post" if self.model is Post else "report"
        return _write(
            partner_records_create, key=request.auth, incident=incident, kind=kind, items=items
        )

    def _owned(self, uid):
        record = get_object_or_404(self.model, uid=uid)
        if not partner_owns(key=self.request.auth, record=record):
            raise exceptions.PermissionDenied(
                _("Only the organisation that sent a record updates it.")
            )
        return record


def _write_schemas(single, batch) -> dict:
    return {
        "create": extend_schema(request=single, responses={201: s.BatchResultSerializer}),
        "batch": extend_schema(request=batch, responses={200: s.BatchResultSerializer}),
    }


@extend_schema_view(**_write_schemas(s.SinglePostSerializer, s.PostBatchSerializer))
class PostViewSet(_PartnerRecordViewSet):
    """Missing-person searches: public facts for everyone; an organisation's write key
    sends its own and updates their status."""

    filterset_class = PostFilter
    model = Post
    single_serializer = s.SinglePostSerializer
    batch_serializer = s.PostBatchSerializer
    public_serializer = s.PostSerializer
    contact_serializer = s.PostWithContactSerializer

    @extend_schema(request=s.PostStatusSerializer, responses={200: s.PostSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, uid=None):
        post = self._owned(uid)
        data = _validated(s.PostStatusSerializer, request)
        post = post_set_status(post=post, status=data["status"])
        return Response(s.PostSerializer(post).data)


@extend_schema_view(**_write_schemas(s.SingleReportSerializer, s.ReportBatchSerializer))
class ReportViewSet(_PartnerRecordViewSet):
    """People found or safe: public facts for everyone; an organisation's write key sends
    its own (a hospital's list) and updates their condition."""

    filterset_class = ReportFilter
    model = Report
    single_serializer = s.SingleReportSerializer
    batch_serializer = s.ReportBatchSerializer
    public_serializer = s.ReportSerializer
    contact_serializer = s.ReportWithContactSerializer

    @extend_schema(request=s.ReportConditionSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def condition(self, request, uid=None):
        report = self._owned(uid)
        data = _validated(s.ReportConditionSerializer, request)
        report = report_set_condition(
            report=report,
            condition=data["condition"],
            trusted=request.auth.has_scope(Scope.MARK_DECEASED),
        )
        return Response(s.ReportSerializer(report).data)


def _validated(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
