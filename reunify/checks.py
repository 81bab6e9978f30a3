"""Fail closed: a production server missing a variable must not quietly run the embedded mode
(tasks inside requests, alerts written to a folder and marked sent, a key anyone can read).

With DEBUG off, each embedded default is an error unless the operator set EMBEDDED=1 on
purpose (`make run`, the embedded-mode test, a one-person demo).
"""

from django.conf import settings
from django.core import checks

_HINT = "Set it (README, Production), or EMBEDDED=1 to run the embedded mode on purpose."


def check_not_embedded_by_accident(app_configs=None, **kwargs):
    if settings.DEBUG or settings.EMBEDDED:
        return []
    errors = []
    if settings.SECRET_KEY == settings.EMBEDDED_SECRET_KEY:
        # Anyone could forge form and proof-of-work tokens and reverse the stored IP hashes.
        errors.append(
            checks.Error("SECRET_KEY is the embedded key.", hint=_HINT, id="reunify.E001")
        )
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        errors.append(
            checks.Error("DATABASE_URL is SQLite (or not set).", hint=_HINT, id="reunify.E002")
        )
    if not settings.REDIS_URL:
        errors.append(
            checks.Error(
                "REDIS_URL is not set: tasks would run inside requests.",
                hint=_HINT,
                id="reunify.E003",
            )
        )
    if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        errors.append(
            checks.Error(
                "EMAIL_HOST is not set: alerts would be written to a folder and marked sent.",
                hint=_HINT,
                id="reunify.E004",
            )
        )
    return errors


def check_deploy_key(app_configs=None, **kwargs):
    """`check --deploy` fails on the embedded key, EMBEDDED=1 or not: it is published here."""
    if settings.SECRET_KEY != settings.EMBEDDED_SECRET_KEY:
        return []
    if not (settings.DEBUG or settings.EMBEDDED):
        return []  # check_not_embedded_by_accident already reports it
    return [checks.Error("SECRET_KEY is the embedded key.", hint=_HINT, id="reunify.E001")]
