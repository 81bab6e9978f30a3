"""Partner API, v1. Views parse input, call one service, and answer; writes are logged."""

from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reunify.board.forms import SearchForm
from reunify.board.models import Incident, Post, Report, Visibility
from reunify.board.selectors import search_people
from reunify.board.services import post_set_status, report_set_condition

from . import serializers as s
from .models import Scope
from .permissions import has_scope
from .services import partner_owns, partner_posts_create, partner_reports_create, write_log_create


def _incidents():
    return Incident.objects.exclude(status=Incident.Status.STAGING)


def _incident(slug: str) -> Incident:
    incident = _incidents().filter(slug=slug).first()
    if incident is None:
        raise exceptions.ValidationError({"incident": [_("No such incident.")]})
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
        parameters=[OpenApiParameter("q", str, required=True, description="A name (not a place).")],
        responses=s.SearchHitSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
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


class PostFilter(filters.FilterSet):
    incident = filters.CharFilter(field_name="incident__slug")
    status = filters.ChoiceFilter(choices=Post.Status.choices)
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Post
        fields = ["incident", "status", "updated_since"]


class ReportFilter(filters.FilterSet):
    incident = filters.CharFilter(field_name="incident__slug")
    kind = filters.ChoiceFilter(choices=Report.Kind.choices)
    condition = filters.ChoiceFilter(choices=Report.Condition.choices)
    updated_since = filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Report
        fields = ["incident", "kind", "condition", "updated_since"]


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
        raise exceptions.APIException("A write conflicted with another; send it again.") from error


class PostViewSet(WriteLogMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "uid"
    filterset_class = PostFilter

    def get_queryset(self):
        return _public(Post)

    def get_serializer_class(self):
        if self.action == "create":
            return s.SinglePostSerializer
        if has_scope(self.request, Scope.READ_CONTACT):
            return s.PostWithContactSerializer
        return s.PostSerializer

    @extend_schema(request=s.SinglePostSerializer, responses={201: s.BatchResultSerializer})
    def create(self, request):
        data = _validated(s.SinglePostSerializer, request)
        incident = _incident(data.pop("incident"))
        result = _write(partner_posts_create, key=request.auth, incident=incident, items=[data])
        return _batch_response(request, result, 201)

    @extend_schema(request=s.PostBatchSerializer, responses={200: s.BatchResultSerializer})
    @action(detail=False, methods=["post"])
    def batch(self, request):
        data = _validated(s.PostBatchSerializer, request)
        incident = _incident(data["incident"])
        result = _write(
            partner_posts_create, key=request.auth, incident=incident, items=data["records"]
        )
        return _batch_response(request, result, 200)

    @extend_schema(request=s.PostStatusSerializer, responses={200: s.PostSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, uid=None):
        post = get_object_or_404(Post, uid=uid)
        if not partner_owns(key=request.auth, record=post):
            raise exceptions.PermissionDenied(
                "Only the organisation that sent a record updates it."
            )
        data = _validated(s.PostStatusSerializer, request)
        post = post_set_status(post=post, status=data["status"])
        return Response(s.PostSerializer(post).data)


class ReportViewSet(WriteLogMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "uid"
    filterset_class = ReportFilter

    def get_queryset(self):
        return _public(Report)

    def get_serializer_class(self):
        if self.action == "create":
            return s.SingleReportSerializer
        if has_scope(self.request, Scope.READ_CONTACT):
            return s.ReportWithContactSerializer
        return s.ReportSerializer

    @extend_schema(request=s.SingleReportSerializer, responses={201: s.BatchResultSerializer})
    def create(self, request):
        data = _validated(s.SingleReportSerializer, request)
        incident = _incident(data.pop("incident"))
        result = _write(partner_reports_create, key=request.auth, incident=incident, items=[data])
        return _batch_response(request, result, 201)

    @extend_schema(request=s.ReportBatchSerializer, responses={200: s.BatchResultSerializer})
    @action(detail=False, methods=["post"])
    def batch(self, request):
        data = _validated(s.ReportBatchSerializer, request)
        incident = _incident(data["incident"])
        result = _write(
            partner_reports_create, key=request.auth, incident=incident, items=data["records"]
        )
        return _batch_response(request, result, 200)

    @extend_schema(request=s.ReportConditionSerializer, responses={200: s.ReportSerializer})
    @action(detail=True, methods=["post"])
    def condition(self, request, uid=None):
        report = get_object_or_404(Report, uid=uid)
        if not partner_owns(key=request.auth, record=report):
            raise exceptions.PermissionDenied(
                "Only the organisation that sent a record updates it."
            )
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
