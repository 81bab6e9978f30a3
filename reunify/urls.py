from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve

from reunify.moderation.guard import same_site_form

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # On every cached page: no per-visitor token, an origin check instead.
    path("i18n/setlang/", same_site_form(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("reunify.api.urls")),
    path("pfif/", include("reunify.pfif.urls")),
    path("imports/", include("reunify.imports.urls")),
    path("", include("reunify.volunteer.urls")),
    path("", include("reunify.web.urls")),
]

if settings.SERVE_MEDIA:
    # Only processed photos live under MEDIA_ROOT; raw uploads are elsewhere and never served.

    def _serve_photo(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [re_path(r"^media/(?P<path>photos/[\w.-]+)$", _serve_photo)]
