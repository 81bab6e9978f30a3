"""API keys: `Authorization: Api-Key rk_...` (or `Bearer rk_...`)."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiKey, hash_key
from .services import api_key_mark_used

KEYWORDS = ("api-key", "bearer")


class Partner:
    """The `request.user` of an API call made with a key."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False

    def __init__(self, key: ApiKey):
        self.key = key
        self.organisation = key.organisation

    def __str__(self) -> str:
        return str(self.organisation)


def key_from_header(header: str) -> ApiKey | None:
    """None without a key; AuthenticationFailed for a wrong, expired or revoked one."""
    if not header:
        return None
    keyword, _space, raw = header.strip().partition(" ")
    if keyword.lower() not in KEYWORDS:
        return None
    raw = raw.strip()
    key = (
        ApiKey.objects.select_related("organisation").filter(hashed=hash_key(raw)).first()
        if raw
        else None
    )
    if key is None or not key.is_usable:
        raise exceptions.AuthenticationFailed(
            _("This API key is not valid, has expired or was revoked.")
        )
    api_key_mark_used(key=key)
    return key


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        key = key_from_header(request.META.get("HTTP_AUTHORIZATION", ""))
        return None if key is None else (Partner(key), key)

    def authenticate_header(self, request):
        return "Api-Key"


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "reunify.api.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key rk_...`",
        }
