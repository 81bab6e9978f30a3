"""Photos chosen on a form that came back with an error, kept for the next try.

A browser cannot fill a file input again after a page load, so a family who mistyped an age
lost the photo they had chosen. The checked bytes wait in the shared cache (Redis in
production, the database or local memory in embedded mode), under an unguessable token that
only a hidden field of that same form carries, for an hour at most; the next valid submission
takes them and they are deleted. They are never shown back: the form only says how many
photos it kept. Photos are processed (EXIF removed) when the record is saved, as always.
"""

from __future__ import annotations

import re
import secrets

from django.core.cache import cache

KEEP_SECONDS = 3600
_PREFIX = "kept-photos:"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def photos_keep(contents: list[bytes]) -> str:
    token = secrets.token_urlsafe(24)  # 32 characters
    cache.set(_PREFIX + token, list(contents), KEEP_SECONDS)
    return token


def photos_kept(token: str) -> list[bytes] | None:
    """The photos kept under token, or None (unknown, expired or not a token at all)."""
    if not _TOKEN.match(token or ""):
        return None
    found = cache.get(_PREFIX + token)
    return found if isinstance(found, list) else None


def photos_forget(token: str) -> None:
    if _TOKEN.match(token or ""):
        cache.delete(_PREFIX + token)
