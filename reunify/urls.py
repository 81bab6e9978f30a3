from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("reunify.api.urls")),
    path("pfif/", include("reunify.pfif.urls")),
    path("imports/", include("reunify.imports.urls")),
    path("", include("reunify.volunteer.urls")),
    path("", include("reunify.web.urls")),
    path("", include("reunify.web.doors_urls")),
]

if settings.SERVE_MEDIA:
    # Only processed photos live under MEDIA_ROOT; raw uploads are elsewhere and never served.

    def _serve_photo(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>photos/[\w.-]+)$", _serve_photo)]
