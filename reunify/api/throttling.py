from rest_framework.throttling import SimpleRateThrottle


class KeyRateThrottle(SimpleRateThrottle):
    """One budget per key; calls without a key share a budget per address."""

    def get_rate(self):
        return None  # chosen per request in allow_request

    def allow_request(self, request, view):
        from django.conf import settings

        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        self.scope = "key" if getattr(request.auth, "pk", None) else "anon"
        self.rate = rates.get(self.scope)
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if self.scope == "key":
            return self.cache_format % {"scope": "key", "ident": request.auth.pk}
        return self.cache_format % {"scope": "anon", "ident": self.get_ident(request)}
