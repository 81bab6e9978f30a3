"""One JSON error shape for every API failure:

{"error": {"code": "invalid", "message": "...", "fields": {"full_name": ["..."]}}}
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail, prefix: str = "") -> dict:
    """Nested serializer errors become {"records.2.full_name": ["..."]}."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and any(isinstance(v, (dict, list)) for v in detail):
        items = enumerate(detail)
    else:
        messages = detail if isinstance(detail, list) else [detail]
        return {prefix or "non_field_errors": [str(m) for m in messages]}
    for key, value in items:
        fields.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return fields


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = " ".join(exc.messages)
        return Response(error_body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)
    response = drf_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django report it as a 500
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = _flatten(detail) if isinstance(detail, dict) else {}
        message = _("Some fields are not valid.") if fields else " ".join(map(str, detail))
        response.data = error_body("invalid", message, fields)
    elif isinstance(exc, Http404):
        response.data = error_body("not_found", _("Not found."))
    else:
        code = getattr(exc, "default_code", "error")
        response.data = error_body(str(code), str(getattr(exc, "detail", exc)))
    return response
