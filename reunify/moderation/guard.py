"""Abuse controls on public forms: per-IP rate limits, a honeypot, a minimum fill time, and
an optional proof of work. Counters live in Django's cache (settings.CACHES: Redis in
production, so every web worker shares them; local memory in embedded mode, one process).
IPs are never stored: keys hold a keyed hash of the address.
"""

import hashlib
import hmac
import logging
import secrets
import time
from functools import wraps

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from reunify.board.models import Post, Report
from reunify.board.selectors import incident_at
from reunify.cache import shared_cache_failed, shared_cache_paused

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
POW_CHALLENGE_FIELD = "pow_challenge"
POW_NONCE_FIELD = "pow_nonce"
_STARTED_SALT = "reunify.form-started"
_POW_SALT = "reunify.pow"
POW_MAX_AGE = 15 * 60
FORM_MAX_AGE = 24 * 3600


# --- Counters ---------------------------------------------------------------


def client_ip(request) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        # The last address is the one our own proxy saw; earlier ones are client-supplied.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            ip = forwarded.split(",")[-1].strip()
    return ip


def client_key(request) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def _hit(cache, key: str, window: int) -> int:
    # SET NX with an expiry, then INCR (reunify/cache.py): atomic across processes, and the
    # window ends even if nothing reads the key again.
    return cache.hit(key, timeout=window + 1)


def counter_hit(name: str, window: int) -> int:
    """Count one event in the current fixed window; returns the count so far."""
    key = f"rl:{name}:{int(time.time()) // window}"
    # Each process counts on its own while Redis is unreachable: the limit is then per
    # worker (a few times looser), never gone.
    if shared_cache_paused():
        return _hit(caches["local"], key, window)
    try:
        return _hit(caches[settings.RATELIMIT_CACHE], key, window)
    except Exception as exc:  # noqa: BLE001 - a broken Redis must not take the board down
        logger.warning("rate limit counter unavailable: %s", exc.__class__.__name__)
        shared_cache_failed()
        return _hit(caches["local"], key, window)


def window_hit(name: str, count: int, window: int) -> int:
    """Count one event; 0 when it is within `count` per `window`, else the seconds to wait."""
    if counter_hit(name, window) > count:
        return window - int(time.time()) % window
    return 0


def limit_exceeded(request, scope: str) -> int:
    """0 when allowed, else the seconds to wait."""
    count, window = settings.RATE_LIMITS[scope]
    return window_hit(f"{scope}:{client_key(request)}", count, window)


def too_many(request, retry_after: int):
    response = render(request, "moderation/429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


# --- Form checks ------------------------------------------------------------


def form_started_token() -> str:
    return signing.dumps(time.time(), salt=_STARTED_SALT)


def _filled_by_a_person(request) -> bool:
    if request.POST.get(HONEYPOT_FIELD):
        return False
    minimum = settings.FORM_MIN_FILL_SECONDS
    if minimum <= 0:
        return True
    try:
        started = signing.loads(
            request.POST.get(STARTED_FIELD, ""), salt=_STARTED_SALT, max_age=FORM_MAX_AGE
        )
    except signing.BadSignature:
        return False
    return time.time() - float(started) >= minimum


def pow_challenge() -> str:
    return signing.dumps(secrets.token_hex(8), salt=_POW_SALT)


def pow_valid(challenge: str, nonce: str, bits: int | None = None) -> bool:
    """sha256(challenge + ":" + nonce) must start with `bits` zero bits; each challenge once."""
    bits = settings.POW_BITS if bits is None else bits
    try:
        signing.loads(challenge, salt=_POW_SALT, max_age=POW_MAX_AGE)
    except signing.BadSignature:
        return False
    if not nonce or len(nonce) > 20:
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    if int.from_bytes(digest, "big") >> (256 - bits) != 0:
        return False
    used = hashlib.sha256(challenge.encode()).hexdigest()[:32]
    return counter_hit(f"pow:{used}", POW_MAX_AGE) == 1


def refused(request):
    return render(request, "moderation/form_refused.html", status=400)


def _incident_for(kwargs):
    if "slug" in kwargs:
        return incident_at(kwargs["slug"])
    if "uid" in kwargs:
        for model in (Post, Report):
            record = model.objects.filter(uid=kwargs["uid"]).select_related("incident").first()
            if record is not None:
                return record.incident
    return None


def guarded(scope: str, *, form: bool = True, methods: tuple[str, ...] = ("POST",)):
    """Rate-limit a view per IP for `methods`; on POST also check honeypot, fill time, PoW."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                wait = limit_exceeded(request, scope)
                if wait:
                    return too_many(request, wait)
            if form and request.method == "POST":
                if not _filled_by_a_person(request):
                    return refused(request)
                incident = _incident_for(kwargs)
                request.incident = incident  # the view reads it from here, not again
                if incident is not None and incident.proof_of_work:
                    challenge = request.POST.get(POW_CHALLENGE_FIELD, "")
                    if not pow_valid(challenge, request.POST.get(POW_NONCE_FIELD, "")):
                        return refused(request)
            return view(request, *args, **kwargs)

        # A stored page answered before the view still counts (web/pagecache.py).
        wrapper.rate_limited = (scope, methods)
        return wrapper

    return decorator


def _from_this_site(request) -> bool:
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return True  # not a browser (or a very old one): it could send this form anyway
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    return origin.partition("://")[2] == request.get_host()


def same_site_form(view):
    """A form on a page stored for every visitor carries no CSRF token (a token belongs to one
    visitor). Its POST is checked by the browser's Origin instead, so another site cannot make
    visitors' browsers send it. Use it only where nothing rides on the visitor's cookies (an
    anonymous message, a language choice)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not _from_this_site(request):
            return render(request, "moderation/form_refused.html", status=403)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)
