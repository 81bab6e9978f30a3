"""Boards that follow each other: pull a peer's PFIF Atom feed and apply it.

Each pull reads the feed from the peer's cursor (min_entry_date + skip, stored in the Peer
row), applies every page through the same import as any PFIF document (idempotent: a record
seen twice is a no-op), and moves the cursor only after a page is applied, in the same
transaction. A peer that is down, slow or sends garbage gets a failed attempt and a later
retry (doubling backoff, capped); the board never waits on it, and nothing is lost because
the cursor did not move.
"""

from __future__ import annotations

import logging
import random
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reunify.board.models import Incident
from reunify.moderation.audit import audit
from reunify.moderation.roles import require

from . import format as pfif
from .models import Peer
from .services import document_import

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGES_PER_PULL = 20
MAX_FEED_BYTES = 20 * 1024 * 1024


class PeerError(Exception):
    """The peer could not be read this time (down, slow, refused, or not a PFIF feed)."""


# --- Coordinators' changes -----------------------------------------------------------


@transaction.atomic
def peer_create(
    *, incident: Incident, name: str, feed_url: str, api_key: str = "", by=None
) -> Peer:
    """Follow another board's feed. `by`: the coordinator (None from the server's shell)."""
    if by is not None:
        require(by, "manage_incidents")
    peer = Peer(incident=incident, name=name, feed_url=feed_url, api_key=api_key)
    peer.full_clean()
    peer.save()
    audit(actor=by, action="peer_add", target=incident, reason=f"{name}: {feed_url}")
    return peer


@transaction.atomic
def peer_set_enabled(*, peer: Peer, enabled: bool, by=None) -> Peer:
    if by is not None:
        require(by, "manage_incidents")
    peer.enabled = enabled
    peer.attempts, peer.next_attempt_at = 0, None
    peer.save(update_fields=["enabled", "attempts", "next_attempt_at"])
    audit(actor=by, action="peer_resume" if enabled else "peer_pause", target=peer.incident)
    return peer


# --- Pulling -------------------------------------------------------------------------


def peers_due(*, now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        Peer.objects.filter(enabled=True, incident__status=Incident.Status.ACTIVE)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )


def _page_url(peer: Peer) -> str:
    parts = urlsplit(peer.feed_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("min_entry_date", "skip")]
    if peer.cursor_min_entry_date is not None:
        query.append(("min_entry_date", pfif.format_date(peer.cursor_min_entry_date)))
    query += [("skip", str(peer.cursor_skip)), ("max_results", str(PAGE_SIZE))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _fetch(peer: Peer) -> bytes:
    request = urllib.request.Request(_page_url(peer), headers={"Accept": "application/atom+xml"})
    if peer.api_key:
        request.add_header("Authorization", f"Api-Key {peer.api_key}")
    try:
        with urllib.request.urlopen(request, timeout=settings.PEER_TIMEOUT) as response:
            body = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise PeerError(f"HTTP {error.code}") from error
    except (OSError, ValueError) as error:  # refused, timed out, DNS, bad URL
        raise PeerError(f"{type(error).__name__}: {error}") from error
    if len(body) > MAX_FEED_BYTES:
        raise PeerError("feed page larger than 20 MB")
    return body


def _next_cursor(peer: Peer, entry_dates: list[str]) -> tuple[datetime | None, int]:
    """After a page: read on from its last entry date, skipping nothing. PFIF dates have
    whole seconds, so that second's records are read again (a no-op). A skip would count
    records that may since have moved on (edited, deleted) and pass over others; it is used
    only when a whole page is one second, the one way to get past it."""
    dates = [pfif.parse_date(d) for d in entry_dates]
    dates = [d for d in dates if d is not None]
    if len(entry_dates) < PAGE_SIZE:
        return (max(dates) if dates else peer.cursor_min_entry_date), 0
    last = max(dates) if dates else peer.cursor_min_entry_date
    if all(d == last for d in dates):
        same = last == peer.cursor_min_entry_date
        return last, (peer.cursor_skip if same else 0) + len(entry_dates)
    return last, 0


def _claim(peer_id: int, now: datetime) -> bool:
    lease = now + timedelta(seconds=settings.PEER_TIMEOUT * (MAX_PAGES_PER_PULL + 2))
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    return bool(Peer.objects.filter(free, pk=peer_id, enabled=True).update(lease_until=lease))


def _failed(peer: Peer, error: str) -> None:
    attempts = peer.attempts + 1
    delay = min(
        settings.PEER_BACKOFF_SECONDS * 2 ** (attempts - 1), settings.PEER_BACKOFF_MAX_SECONDS
    )
    delay *= random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not secrecy
    Peer.objects.filter(pk=peer.pk).update(
        attempts=attempts,
        last_error=error[:500],
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
        lease_until=None,
    )
    logger.warning("peer %s pull failed (attempt %d): %s", peer.pk, attempts, error)


def peer_pull(*, peer_id: int) -> str:
    """Read a peer's feed from its cursor to its end. Safe to run twice."""
    now = timezone.now()
    if not _claim(peer_id, now):
        return "busy"
    peer = Peer.objects.select_related("incident").get(pk=peer_id)
    written = 0
    try:
        for _ in range(MAX_PAGES_PER_PULL):
            body = _fetch(peer)
            try:
                document = pfif.parse(body)
            except pfif.PfifError as error:
                raise PeerError(f"not a PFIF feed: {error}") from error
            with transaction.atomic():
                result = document_import(incident=peer.incident, document=document, peer=peer)
                minimum, skip = _next_cursor(peer, document.entry_dates)
                Peer.objects.filter(pk=peer.pk).update(
                    cursor_min_entry_date=minimum, cursor_skip=skip
                )
            written += len(result.written)
            peer.cursor_min_entry_date, peer.cursor_skip = minimum, skip
            if len(document.entry_dates) < PAGE_SIZE:
                break
    except PeerError as error:
        _failed(peer, str(error))
        return "failed"
    except Exception as error:
        # Whatever went wrong, the cursor did not move: nothing is lost, try again later.
        _failed(peer, f"{type(error).__name__}: {error}")
        raise
    Peer.objects.filter(pk=peer.pk).update(
        attempts=0,
        last_error="",
        next_attempt_at=None,
        last_success_at=timezone.now(),
        lease_until=None,
    )
    logger.info("peer %s pulled: %d records written", peer.pk, written)
    return "pulled"
