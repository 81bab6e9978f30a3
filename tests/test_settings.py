"""Production fails closed: a missing variable is an error, not a silent embedded mode, and
`check --deploy` is clean in the README's production configuration (issue 12, item 10)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The README's production configuration ("Production"), with a fresh key.
PRODUCTION = {
    "DATABASE_URL": "postgres://reunify@db/reunify",
    "REDIS_URL": "redis://redis:6379/0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "reunify.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://reunify.example.org",
    "SITE_URL": "https://reunify.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_SSL_REDIRECT": "1",
    "TRUST_X_FORWARDED_PROTO": "1",
    "SECURE_COOKIES": "1",
}


def _run(tmp_path, *args, **variables) -> subprocess.CompletedProcess:
    # Only what a fresh server would have: nothing from the test run leaks in.
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "VAR_DIR": str(tmp_path)}
    env |= {name: value for name, value in variables.items() if value is not None}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _check_deploy(tmp_path, **variables):
    return _run(tmp_path, "manage.py", "check", "--deploy", "--fail-level", "WARNING", **variables)


def test_check_deploy_is_clean_in_the_documented_production_configuration(tmp_path):
    result = _check_deploy(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("embedded", [None, "1"])
def test_check_deploy_fails_on_the_embedded_key(tmp_path, embedded):
    result = _check_deploy(tmp_path, **{**PRODUCTION, "SECRET_KEY": None, "EMBEDDED": embedded})
    assert result.returncode != 0
    assert "reunify.E001" in result.stderr


@pytest.mark.parametrize(
    "missing, error",
    [
        ({"SECRET_KEY": "embedded-mode-insecure-key-change-me-in-production"}, "reunify.E001"),
        ({"DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3"}}}, "reunify.E002"),
        ({"REDIS_URL": ""}, "reunify.E003"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "reunify.E004"),
    ],
)
def test_each_embedded_default_is_an_error_without_embedded(settings, missing, error):
    from reunify.checks import check_not_embedded_by_accident

    settings.DEBUG, settings.EMBEDDED, settings.SECRET_KEY = False, False, "x" * 50
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
    settings.REDIS_URL = "redis://redis:6379/0"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_not_embedded_by_accident() == []
    for name, value in missing.items():
        setattr(settings, name, value)
    assert [e.id for e in check_not_embedded_by_accident()] == [error]
    settings.EMBEDDED = True
    assert check_not_embedded_by_accident() == []


def test_the_embedded_mode_runs_when_chosen_on_purpose(tmp_path):
    """Not only --deploy: runserver, migrate and every serving command run these checks."""
    refused = _run(tmp_path, "manage.py", "check")
    assert refused.returncode != 0
    for error in ("reunify.E001", "reunify.E002", "reunify.E003", "reunify.E004"):
        assert error in refused.stderr
    result = _run(tmp_path, "manage.py", "check", EMBEDDED="1")
    assert result.returncode == 0, result.stderr


def test_makemigrations_check_needs_no_production_settings(tmp_path):
    # Writing migrations reads the models only: a fresh checkout with no environment can
    # ask whether a model change lacks its migration.
    result = _run(tmp_path, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps("
    "[s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER,"
    " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SERVE_MEDIA]))"
)


def test_security_settings_come_from_the_environment(tmp_path):
    show = ("-c", SHOW)
    settings_env = {"DJANGO_SETTINGS_MODULE": "reunify.settings"}
    production = _run(tmp_path, *show, **settings_env, **PRODUCTION)
    assert production.stdout.strip() == (
        '[31536000, true, ["HTTP_X_FORWARDED_PROTO", "https"], true, true, false]'
    ), production.stderr
    embedded = _run(tmp_path, *show, **settings_env, EMBEDDED="1")
    assert embedded.stdout.strip() == "[0, false, null, false, false, true]"
