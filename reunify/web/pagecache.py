"""Public pages served from the shared cache to anonymous visitors.

A page is stored per language and address, with the versions of the scopes it shows
(board/pages.py): a write bumps a version, and the next visitor gets a fresh page. Only pages
that are the same for every anonymous visitor are stored: a visitor with a session (signed-in
volunteer, a message waiting, a record just created) is served a fresh, private page; a page
that used a CSRF token or set a cookie is never stored nor sent with public headers.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from reunify.board.pages import pages_stored_versions, pages_versions
from reunify.moderation.guard import POW_CHALLENGE_FIELD

logger = logging.getLogger(__name__)


def _anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _page_key(request) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{get_language()}:{address}"


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # get_token() was called: the page carries a CSRF token meant for one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
        and f'name="{POW_CHALLENGE_FIELD}"'.encode() not in response.content
        and "private" not in response.get("Cache-Control", "")
    )


def _public_headers(response, *, etag: str, stored_at: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    # Browsers check again each time (a 304 is cheap); a shared proxy may keep it briefly.
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))


def _from_entry(request, entry: dict):
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    _public_headers(response, etag=entry["etag"], stored_at=entry["stored_at"])
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["stored_at"]), response=response
    )


def _cached(key: str, scopes: list[str]) -> dict | None:
    entry = cache.get(key)
    if entry is None:
        return None
    if pages_stored_versions(scopes) != entry["versions"]:
        return None
    return entry


def public_page(scopes_for):
    """Cache a public view for anonymous visitors; scopes_for(**kwargs) names what it shows."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _anonymous_read(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, max_age=0)
                return response
            scopes = scopes_for(**kwargs)
            key = _page_key(request)
            try:
                entry = _cached(key, scopes)
                if entry is not None:
                    return _from_entry(request, entry)
                # Read before rendering: a write committed meanwhile bumps past this version.
                versions = pages_versions(scopes)
            except Exception as exc:  # noqa: BLE001 - without the cache, pages are rendered
                logger.warning("page cache unavailable: %s", exc.__class__.__name__)
                return view(request, *args, **kwargs)
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                patch_cache_control(response, private=True, max_age=0)
                return response
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "versions": versions,
                "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
                "stored_at": time.time(),
            }
            try:
                cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception as exc:  # noqa: BLE001
                logger.warning("page cache unavailable: %s", exc.__class__.__name__)
            return _from_entry(request, entry)

        return wrapper

    return decorator
