from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser


class VolunteerSessionMiddleware:
    """Moderators and coordinators get short sessions: they expire after a short idle time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._shorten(request)
        response = self.get_response(request)
        # Again after the view: at sign-in the user was anonymous when the request came in,
        # and the cookie of the login response itself must not get the 14-day default.
        self._shorten(request)
        return response

    @staticmethod
    def _shorten(request) -> None:
        user = getattr(request, "user", None)
        # After an API view, request.user is the partner of an API key: no session, no groups.
        if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
            return
        if user.is_staff or user.groups.exists():
            request.session.set_expiry(settings.VOLUNTEER_SESSION_SECONDS)
