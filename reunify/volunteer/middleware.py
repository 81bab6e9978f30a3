from django.conf import settings


class VolunteerSessionMiddleware:
    """Moderators and coordinators get short sessions: they expire after a short idle time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (user.is_staff or user.groups.exists()):
            request.session.set_expiry(settings.VOLUNTEER_SESSION_SECONDS)
        return self.get_response(request)
