"""Versions of what public pages show, so a cached page is dropped the moment a write
changes it. A page is cached under the versions of its scopes (web/pagecache.py):

- "board": every page (an incident renamed, closed, or its proof of work switched);
- "incident:<slug>": an incident's page and its searches (any record in it changed);
- "record:<uid>": one person's page.

A version lives in the shared cache with no expiry. If it is evicted it restarts from the
clock, which is never a value an older page was stored under.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

BOARD_SCOPE = "board"


def incident_scope(slug: str) -> str:
    return f"incident:{slug}"


def record_scope(uid) -> str:
    return f"record:{uid}"


def _key(scope: str) -> str:
    return f"pages-version:{scope}"


def pages_versions(scopes: list[str]) -> dict[str, int]:
    """The current version of each scope (created when missing)."""
    found = cache.get_many([_key(scope) for scope in scopes])
    versions = {}
    for scope in scopes:
        version = found.get(_key(scope))
        if version is None:
            cache.add(_key(scope), time.time_ns(), timeout=None)
            version = cache.get(_key(scope))
        versions[scope] = version
    return versions


def pages_stored_versions(scopes: list[str]) -> dict[str, int | None]:
    """The current versions, without creating any (a cache hit is checked with this)."""
    found = cache.get_many([_key(scope) for scope in scopes])
    return {scope: found.get(_key(scope)) for scope in scopes}


def _bump(scopes: list[str]) -> None:
    for scope in scopes:
        try:
            cache.incr(_key(scope))
        except ValueError:  # never read yet, or evicted: any fresh value is new
            cache.set(_key(scope), time.time_ns(), timeout=None)
        except Exception as exc:  # noqa: BLE001 - the write is saved; pages expire anyway
            logger.warning("page versions not bumped: %s", exc.__class__.__name__)
            return


def pages_touch(*, scopes: list[str]) -> None:
    """After this transaction commits, pages of these scopes are rendered again. Bumping after
    the commit means a page stored under the new version was rendered from committed data."""
    transaction.on_commit(lambda: _bump(scopes))


def record_pages_touch(*, record) -> None:
    """A post or report changed: its own page, and its incident's page and searches."""
    pages_touch(scopes=[record_scope(record.uid), incident_scope(record.incident.slug)])
