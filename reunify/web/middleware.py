from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# Doors that answer in the API's JSON error shape.
_JSON_PREFIXES = ("/api/", "/pfif/")


def _has_nul(request) -> bool:
    if "\x00" in request.path_info:
        return True
    if any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    ):
        return True
    # Only a urlencoded body is read here: a multipart or XML body stays unread for the view
    # (their text fields refuse NUL on their own).
    if request.content_type == "application/x-www-form-urlencoded":
        return any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.POST.lists()
        )
    return False


class RefuseNulMiddleware:
    """NUL in an address, a query parameter or a form field gets a clear 400.

    PostgreSQL text cannot hold NUL: a slug or a search reaching a query with one
    would otherwise end in a 500 ("A string literal cannot contain NUL").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _has_nul(request):
            return self.get_response(request)
        message = _("The request contains a NUL character (\\0), which is not allowed.")
        if request.path_info.startswith(_JSON_PREFIXES):
            body = {"error": {"code": "invalid", "message": message, "fields": {}}}
            return JsonResponse(body, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
