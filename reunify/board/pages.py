"""Versions of what public pages show, so a cached page is dropped the moment a write
changes it. A page is cached under the versions of its scopes (web/pagecache.py):

- "board": every page (an incident renamed, closed, or its proof of work switched);
- "incident:<slug>": an incident's page (any record in it changed, or was added);
- "search:<slug>": its searches (a record in it changed, or the worker made a new record's
  search keys: a record just saved has none, so it cannot change a search yet);
- "record:<uid>": one person's page.

A version lives in the shared cache with no expiry. If it is evicted it restarts from the
clock, which is never a value an older page was stored under.
"""

import logging
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

from reunify.cache import shared_cache_failed, shared_cache_paused

logger = logging.getLogger(__name__)

BOARD_SCOPE = "board"


def incident_scope(slug: str) -> str:
    return f"incident:{slug}"


def search_scope(slug: str) -> str:
    return f"search:{slug}"


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


def versioned_read(key: str, scopes: list[str], read: Callable, *, seconds: int):
    """`read()`, kept in the shared cache under the versions of `scopes`: a write that bumps
    one of them drops it at once. A hit costs one round trip (the value and its versions
    asked together). Nothing is kept for None; without the cache, `read()` every time."""
    if shared_cache_paused():
        return read()
    try:
        found = cache.get_many([key, *(_key(scope) for scope in scopes)])
        current = {scope: found.get(_key(scope)) for scope in scopes}
        entry = found.get(key)
        if entry is not None and entry[0] == current:
            return entry[1]
        # Read before the source: a write committed meanwhile bumps past this version.
        versions = pages_versions(scopes) if None in current.values() else current
    except Exception as exc:  # noqa: BLE001 - a broken Redis must not take the board down
        logger.warning("shared cache unavailable: %s", exc.__class__.__name__)
        shared_cache_failed()
        return read()
    value = read()
    if value is not None:
        try:
            cache.set(key, (versions, value), timeout=seconds)
        except Exception as exc:  # noqa: BLE001
            logger.warning("shared cache unavailable: %s", exc.__class__.__name__)
    return value


def _bump(scopes: list[str]) -> None:
    # A version never read yet, or evicted, gets a fresh value: the clock is new to any page.
    try:
        cache.bump_many([_key(scope) for scope in scopes], fresh=time.time_ns())
    except Exception as exc:  # noqa: BLE001 - the write is saved; pages expire anyway
        logger.warning("page versions not bumped: %s", exc.__class__.__name__)


def pages_touch(*, scopes: list[str]) -> None:
    """After this transaction commits, pages of these scopes are rendered again. Bumping after
    the commit means a page stored under the new version was rendered from committed data."""
    transaction.on_commit(lambda: _bump(scopes))


def record_pages_touch(*, record, new: bool = False) -> None:
    """A post or report changed: its own page, and its incident's page and searches. `new`:
    just saved, without search keys yet (the worker that makes them drops the searches), so
    a surge of "I'm safe" does not render every search again twice."""
    slug = record.incident.slug
    scopes = [record_scope(record.uid), incident_scope(slug)]
    pages_touch(scopes=scopes if new else [*scopes, search_scope(slug)])
