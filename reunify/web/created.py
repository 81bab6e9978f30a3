"""The page a form leads to ("post", "I'm safe", "offer") says once that the record was just
made. A short signed cookie carries that note rather than the session: a session would cost
every anonymous sender a row in the session table (two more queries and a commit), on the
busiest write of a surge. The cookie holds the record's public uid only, never its link."""

from django.conf import settings

COOKIE = "just_created"
_SALT = "reunify.just-created"
# From the form's redirect to the page it leads to: a few minutes are plenty.
MAX_AGE = 300


def just_created_redirect(response, uid):
    response.set_signed_cookie(
        COOKIE,
        str(uid),
        salt=_SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def just_created(request, uid) -> bool:
    return request.get_signed_cookie(COOKIE, default=None, salt=_SALT, max_age=MAX_AGE) == str(uid)


def shown_once(request, response):
    """The note is shown once: a reload of the page does not say it again."""
    if COOKIE in request.COOKIES:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
