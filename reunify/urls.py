from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.i18n import set_language

from reunify.moderation.guard import same_site_form

from . import health
from .web.photos import photo


def favicon(request):
    # Browsers ask for /favicon.ico on every page, whatever the <link rel=icon> says. The
    # address is looked up per request: hashed static names exist only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("readyz", health.readyz, name="readyz"),
    # On every cached page: no per-visitor token, an origin check instead.
    path("i18n/setlang/", same_site_form(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("reunify.api.urls")),
    path("pfif/", include("reunify.pfif.urls")),
    path("imports/", include("reunify.imports.urls")),
    path("", include("reunify.volunteer.urls")),
    path("", include("reunify.web.urls")),
    path("", include("reunify.web.doors_urls")),
    # Processed photos, each checked against its record's visibility (reunify/web/photos.py).
    # Raw uploads live elsewhere (PRIVATE_UPLOAD_ROOT) and no URL reaches them.
    re_path(r"^media/photos/(?P<name>[\w.-]+)$", photo, name="photo"),
]

# A friendly, translated page with a way back (the default 500 page has no request).
handler500 = "reunify.web.views.server_error"
