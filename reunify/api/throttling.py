"""API throttles, counted by the same shared counters as the web's rate limits."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from reunify.moderation import guard


class KeyRateThrottle(BaseThrottle):
    """One budget per key; calls without a key share a budget per address (fixed windows in
    the shared cache, so N web workers do not multiply it)."""

    _wait = 0

    def allow_request(self, request, view):
        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        key_pk = getattr(request.auth, "pk", None)
        scope = "key" if key_pk else "anon"
        if not rates.get(scope):
            return True
        count, window = SimpleRateThrottle.parse_rate(None, rates[scope])
        ident = key_pk if key_pk else guard.client_key(request)
        self._wait = guard.window_hit(f"api-{scope}:{ident}", count, window)
        return not self._wait

    def wait(self):
        return self._wait or None


class SearchThrottle(BaseThrottle):
    """Name search without a key counts against the web's search limit for that address:
    one rate however someone searches."""

    _wait = 0

    def allow_request(self, request, view):
        if getattr(request.auth, "pk", None):
            return True  # a partner's searches count against its key's budget
        self._wait = guard.limit_exceeded(request, "search")
        return not self._wait

    def wait(self):
        return self._wait or None
