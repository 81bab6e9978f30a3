"""Public pages served from the shared cache to anonymous visitors.

A page is stored per language and address, with the versions of the scopes it shows
(board/pages.py): a write bumps a version, and the next visitor gets a fresh page. While its
incident takes intake only, a stored page is served until it expires, whatever the writes. Only pages
that are the same for every anonymous visitor are stored: a visitor with a session (signed-in
volunteer) or a message waiting is served a fresh, private page; a page that used a CSRF token
or set a cookie is never stored nor sent with public headers. (The "just created" note is a
signed cookie read only by the secret-link pages, which are never stored.)

A stored page is answered early (CachedPageMiddleware), before CSRF, auth, messages and the
view; each worker also keeps the pages it served in memory, so a hit asks Redis only for the
small version numbers (one round trip), never for the page again. Versions are still checked
on every request: a write shows at once.

One request renders a page whose version changed; readers arriving while it does get the copy
stored just before, as they would have a moment earlier, instead of rendering the same page
again each (in a surge every "I'm safe" changes the incident page, and most reads in between
were renders). The window is one render, at most RENDER_CLAIM_SECONDS if that request dies,
and shorter than the s-maxage a shared proxy may already keep a page for. A page with no copy
yet is rendered by whoever asks.
"""

import hashlib
import logging
import threading
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from reunify.board.pages import BOARD_SCOPE, pages_stored_versions, pages_versions
from reunify.cache import shared_cache_failed, shared_cache_paused
from reunify.moderation.guard import POW_CHALLENGE_FIELD, limit_exceeded, too_many

logger = logging.getLogger(__name__)

# Pages kept in each worker's memory (tens of kB each): the busiest pages of a surge.
LOCAL_PAGES = 256
# One request renders a page whose version changed; requests meanwhile get the copy from
# before (see public_page). Longer than a render ever takes, short enough to outlive a crash.
RENDER_CLAIM_SECONDS = 5
_local: dict[str, dict] = {}
_local_lock = threading.Lock()


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


def _fresh(entry: dict | None, current: dict) -> bool:
    if entry is None or time.time() - entry["stored_at"] > settings.PAGE_CACHE_SECONDS:
        return False
    if current == entry["versions"]:
        return True
    # Intake only: writes do not drop the page (it may be up to PAGE_CACHE_SECONDS old). The
    # switch itself bumps the board's version, so the page goes when intake only ends.
    return entry["intake_only"] and current[BOARD_SCOPE] == entry["versions"][BOARD_SCOPE]


def _keep_local(key: str, entry: dict) -> None:
    with _local_lock:
        if key not in _local and len(_local) >= LOCAL_PAGES:
            _local.pop(next(iter(_local)))  # the oldest kept
        _local[key] = entry


def _newest_unexpired(*entries: dict | None) -> dict | None:
    alive = [
        entry
        for entry in entries
        if entry is not None and time.time() - entry["stored_at"] <= settings.PAGE_CACHE_SECONDS
    ]
    return max(alive, key=lambda entry: entry["stored_at"], default=None)


def _lookup(key: str, scopes: list[str]) -> tuple[dict | None, dict | None]:
    """(the stored page, None) while its versions are current; else (None, the copy stored
    last, if it has not expired), which may stand in while another request renders the page."""
    current = pages_stored_versions(scopes)
    local = _local.get(key)
    if _fresh(local, current):
        return local, None
    shared = cache.get(key)
    if _fresh(shared, current):
        _keep_local(key, shared)
        return shared, None
    return None, _newest_unexpired(local, shared)


def _looked_up(request, key: str, scopes: list[str]) -> tuple[dict | None, dict | None]:
    """_lookup(), done once a request: CachedPageMiddleware looked before the view, and a miss
    there is a miss here (the view then renders), so its versions and copy are not asked again."""
    found = getattr(request, "page_lookup", None)
    if found is not None and found[0] == key:
        return found[1]
    return _lookup(key, scopes)


def _claim_key(key: str) -> str:
    return f"{key}:rendering"


def _claim_render(key: str) -> bool:
    """Whether this request renders the page: the first to ask, across every worker, until it
    has stored it (or RENDER_CLAIM_SECONDS pass, should it fail without letting go)."""
    return cache.add(_claim_key(key), 1, timeout=RENDER_CLAIM_SECONDS)


def _release_render(key: str) -> None:
    try:
        cache.delete(_claim_key(key))
    except Exception as exc:  # noqa: BLE001 - the claim expires on its own
        logger.warning("page cache unavailable: %s", exc.__class__.__name__)


def public_page(scopes_for):
    """Cache a public view for anonymous visitors; scopes_for(**kwargs) names what it shows."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _anonymous_read(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, max_age=0)
                return response
            if shared_cache_paused():
                return view(request, *args, **kwargs)
            scopes = scopes_for(**kwargs)
            key = _page_key(request)
            try:
                entry, stale = _looked_up(request, key, scopes)
                if entry is not None:
                    return _from_entry(request, entry)
                # Read before rendering: a write committed meanwhile bumps past this version.
                versions = pages_versions(scopes)
                claimed = _claim_render(key)
            except Exception as exc:  # noqa: BLE001 - without the cache, pages are rendered
                logger.warning("page cache unavailable: %s", exc.__class__.__name__)
                shared_cache_failed()
                return view(request, *args, **kwargs)
            if not claimed and stale is not None:
                # Another request is rendering this page for the new version right now. In a
                # surge every write changes the incident page, and without this each reader
                # in between rendered it again: they get the copy from just before instead,
                # as they would had they come a moment earlier.
                return _from_entry(request, stale)
            try:
                return _render_and_store(request, view, args, kwargs, key, versions)
            finally:
                if claimed:
                    _release_render(key)

        # For CachedPageMiddleware, which answers before the view (functools.wraps carries it
        # through the decorators above this one).
        wrapper.page_scopes = scopes_for
        return wrapper

    return decorator


def _render_and_store(request, view, args, kwargs, key: str, versions: dict):
    """The page, rendered and stored under the versions read before rendering."""
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
        "intake_only": getattr(response, "intake_only", False),
    }
    try:
        cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception as exc:  # noqa: BLE001
        logger.warning("page cache unavailable: %s", exc.__class__.__name__)
    else:
        _keep_local(key, entry)
    return _from_entry(request, entry)


def _stored_page(request):
    """The stored page for an anonymous read of a cached view, or None (the view answers)."""
    if not _anonymous_read(request) or shared_cache_paused():
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    scopes_for = getattr(match.func, "page_scopes", None)
    if scopes_for is None:
        return None
    request.get_host()  # a Host not allowed is refused (400) here too, as CommonMiddleware does
    try:
        key = _page_key(request)
        found = _lookup(key, scopes_for(**match.kwargs))
        entry = found[0]
        request.page_lookup = (key, found)  # for the view's public_page, on a miss
    except Exception as exc:  # noqa: BLE001 - the view renders it without the cache
        logger.warning("page cache unavailable: %s", exc.__class__.__name__)
        shared_cache_failed()
        return None
    if entry is None:
        return None
    # A view rate-limited on reads (search) counts a stored answer too, as its guard would.
    scope, methods = getattr(match.func, "rate_limited", (None, ()))
    if request.method in methods:
        wait = limit_exceeded(request, scope)
        if wait:
            return too_many(request, wait)
    return _from_entry(request, entry)


class CachedPageMiddleware:
    """Answers an anonymous read of a stored public page before CSRF, auth, messages, the
    volunteer session checks and the view: none of them has anything to do for a visitor
    without cookies, and in a surge most requests are exactly that. Placed after the locale
    (pages are stored per language) and before everything that needs the visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = _stored_page(request)
        return response if response is not None else self.get_response(request)
