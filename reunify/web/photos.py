"""Photos are served only while their record is public.

A photo's address is published in pages, the API and PFIF feeds, and copied from there;
deleting the file when a record is hidden would lose it for good, though a moderator may
put the record back. So every photo address goes through this check instead, and the file
stays on disk until the record is purged (reunify.moderation.retention deletes it then).

In production nginx (or another server) sends the bytes: with SERVE_MEDIA off this view
answers with `X-Accel-Redirect` to an internal location that only it can reach (README,
"Production"), so the check still runs for every photo request and the files are never
served from a public folder.
"""

from django.conf import settings
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe

from reunify.board.models import Incident, Photo

FOLDER = "photos/"


def _may_see(request, photo: Photo) -> bool:
    record = photo.post or photo.report
    if record.purged_at is not None:
        return False
    if record.is_public and record.incident.status != Incident.Status.STAGING:
        return True
    # Volunteers look at held and hidden records (a reused photo, a report of death).
    return request.user.is_authenticated and request.user.has_perm("moderation.work_queues")


@require_safe
def photo(request, name: str):
    path = FOLDER + name
    found = (
        Photo.objects.filter(Q(image=path) | Q(thumbnail=path), state=Photo.State.READY)
        .select_related("post__incident", "report__incident")
        .first()
    )
    if found is None or not _may_see(request, found):
        raise Http404
    if settings.SERVE_MEDIA:
        try:
            response = FileResponse((settings.MEDIA_ROOT / path).open("rb"))
        except FileNotFoundError as error:
            raise Http404 from error
        response["Content-Type"] = "image/jpeg"
    else:
        response = HttpResponse(content_type="image/jpeg")
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + path
    # Browsers and proxies ask again each time, so a hidden photo is gone at once.
    response["Cache-Control"] = "private, no-cache"
    return response
