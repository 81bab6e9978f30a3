from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import doors, views
from .errors import error_body

app_name = "api"


def _not_found(request):
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)


router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("incidents", views.IncidentViewSet, basename="incident")
router.register("posts", views.PostViewSet, basename="post")
router.register("reports", views.ReportViewSet, basename="report")
router.register("offers", doors.OfferViewSet, basename="offer")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Any other /api/ address answers in the API's error shape, not with an HTML page.
    re_path(r"^.*$", csrf_exempt(_not_found)),
]
