"""The state machine shared by alerts and messages: claim, succeed, fail, retry.

Every transition is a conditional UPDATE, so two workers (or a task delivered twice)
can never both own a row; it works the same on SQLite and PostgreSQL. A claim stamps
the rows it takes with a fresh token, and only that token may record the outcome.
"""

import logging
import random
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection
from django.db.models import F, Q
from django.utils import timezone

from .models import DeliveryState

logger = logging.getLogger(__name__)


def lease() -> timedelta:
    # Longer than the task hard time limit (checked at startup), so a live worker never
    # loses its lease while it is still sending.
    return timedelta(seconds=settings.ALERT_LEASE_SECONDS)


def max_attempts() -> int:
    return settings.ALERT_MAX_ATTEMPTS


def due_filter(now) -> Q:
    return Q(state=DeliveryState.PENDING, next_attempt_at__lte=now) | Q(
        state=DeliveryState.SENDING, lease_until__lt=now
    )


def stuck_filter(now) -> Q:
    """Due rows that no queued task is likely to pick up: what the sweeper re-enqueues.

    A fresh row had its task published on commit, so it counts only once it has been due
    for a sweep interval (its publish was lost, or Redis lost its queue). Retried and
    held rows have no task in the queue at all: the sweeper is their only sender.
    """
    grace = timedelta(seconds=settings.SWEEP_INTERVAL_SECONDS)
    scheduled = Q(attempts__gt=0) | Q(next_attempt_at__gt=F("created_at") + timedelta(seconds=1))
    return (
        Q(state=DeliveryState.PENDING, next_attempt_at__lte=now)
        & (scheduled | Q(next_attempt_at__lte=now - grace))
    ) | Q(state=DeliveryState.SENDING, lease_until__lt=now)


def claim(model, pk: int):
    """Take the row for sending; None when someone else has it or it is not due."""
    now = timezone.now()
    token = uuid.uuid4()
    taken = (
        model.objects.filter(pk=pk)
        .filter(due_filter(now))
        .update(
            state=DeliveryState.SENDING,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
            claim_token=token,
        )
    )
    return model.objects.get(pk=pk) if taken else None


def claim_also(rows, lead) -> list:
    """Add rows from the queryset `rows` to the lead's claim (one e-mail for several alerts).

    Pending rows join even if their time has not come: they are held only to be grouped.
    """
    now = timezone.now()
    rows.filter(
        Q(state=DeliveryState.PENDING) | Q(state=DeliveryState.SENDING, lease_until__lt=now)
    ).exclude(pk=lead.pk).update(
        state=DeliveryState.SENDING,
        lease_until=lead.lease_until,
        attempts=F("attempts") + 1,
        claim_token=lead.claim_token,
    )
    return list(rows.filter(claim_token=lead.claim_token, state=DeliveryState.SENDING))


def _claimed(row):
    return type(row).objects.filter(claim_token=row.claim_token, state=DeliveryState.SENDING)


def durably(write) -> None:
    """Run a write that records an outcome, retrying across a dropped database connection.

    Once the mail server has accepted a message, failing to record `sent` would send it
    again when the lease expires; a terminated connection must not cause that.
    """
    for attempt in range(6):
        try:
            write()
            return
        except (DatabaseError, InterfaceError) as exc:
            if connection.in_atomic_block or attempt == 5:
                raise
            logger.warning("recording a delivery outcome failed (%s), retrying", exc)
            connection.close()
            # A dropped connection is the usual cause: reconnect at once, since every
            # moment spent here is a moment in which a crash would resend the message.
            if attempt:
                time.sleep(0.1 * 2**attempt)


def ready_to_record() -> None:
    """Make sure the database connection is alive before sending, not after.

    A connection dropped while idle (a restarted database, pg_terminate_backend, a
    proxy's idle timeout) would otherwise only be found when recording `sent`.
    """
    idle = connection.connection is not None and not connection.in_atomic_block
    if idle and not connection.is_usable():
        connection.close()


def _done_fields(row) -> dict:
    """Fields blanked in the same UPDATE that ends a row: an address given for one delivery
    (a follower, someone told "I'm safe") is gone the moment that delivery is over."""
    return dict(getattr(type(row), "ERASED_WHEN_DONE", {}))


def mark_sent(row) -> None:
    # sent_at is taken at the write that succeeds: how long an accepted message went
    # unrecorded is then measurable (the fault suite reports it).
    durably(
        lambda: _claimed(row).update(
            state=DeliveryState.SENT,
            sent_at=timezone.now(),
            lease_until=None,
            last_error="",
            **_done_fields(row),
        )
    )


def mark_cancelled(row, reason: str) -> None:
    type(row).objects.filter(
        pk=row.pk, state__in=[DeliveryState.PENDING, DeliveryState.SENDING]
    ).update(
        state=DeliveryState.CANCELLED,
        lease_until=None,
        cancel_reason=reason[:200],
        **_done_fields(row),
    )


def defer(row, seconds: int, reason: str) -> None:
    """Give the row back, untried: it waits for something outside delivery (a record held
    for review), so the wait spends none of its attempts. The sweeper sends it later."""
    _claimed(row).update(
        state=DeliveryState.PENDING,
        attempts=F("attempts") - 1,
        next_attempt_at=timezone.now() + timedelta(seconds=seconds),
        lease_until=None,
        last_error=reason[:500],
    )


def backoff(attempts: int) -> timedelta:
    # Exponential with full jitter, so a recovering mail server is not hit all at once.
    base = settings.ALERT_BACKOFF_SECONDS
    ceiling = min(settings.ALERT_BACKOFF_MAX_SECONDS, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))


def mark_failed(row, error: str, *, permanent: bool) -> None:
    """Give up (permanent error, attempts exhausted) or schedule a retry in the database."""
    now = timezone.now()
    error = error[:500]

    def write():
        claimed = _claimed(row)
        exhausted = claimed if permanent else claimed.filter(attempts__gte=max_attempts())
        exhausted.update(
            state=DeliveryState.FAILED,
            next_attempt_at=now,
            lease_until=None,
            last_error=error,
            **_done_fields(row),
        )
        _claimed(row).update(
            state=DeliveryState.PENDING,
            next_attempt_at=now + backoff(row.attempts),
            lease_until=None,
            last_error=error,
        )

    durably(write)
