from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import Scope


def key_of(request):
    return request.auth if request.auth is not None and hasattr(request.auth, "scopes") else None


def has_scope(request, scope: str) -> bool:
    key = key_of(request)
    return key is not None and key.has_scope(scope)


class ReadOrScopedWrite(BasePermission):
    """Reads are public (as the web pages are); a write needs a key with the `write` scope."""

    message = _("This needs an API key with the write scope.")

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            key = key_of(request)
            return key is None or key.has_scope(Scope.READ) or key.has_scope(Scope.WRITE)
        return has_scope(request, Scope.WRITE)
