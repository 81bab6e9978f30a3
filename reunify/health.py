"""Health endpoints for load balancers (/healthz) and monitoring (/readyz)."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

from reunify.alerts.models import Alert, DeliveryState
from reunify.board.models import Incident, Post, Report
from reunify.queue import queue_depth


def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # noqa: BLE001 - any failure means not ready
        return False


def _broker_ok() -> bool | None:
    if not settings.REDIS_URL:
        return None  # embedded mode: no broker to check
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        return bool(client.ping())
    except Exception:  # noqa: BLE001
        return False


def _oldest_pending_alert_seconds() -> float | None:
    oldest = (
        Alert.objects.filter(state__in=[DeliveryState.PENDING, DeliveryState.SENDING])
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return (timezone.now() - oldest).total_seconds() if oldest else None


def _matching_pending() -> int:
    return sum(
        model.objects.filter(match_pending_since__isnull=False).count() for model in (Post, Report)
    )


def _intake_only() -> list[str]:
    return list(Incident.objects.filter(intake_only=True).values_list("slug", flat=True))


def _depth(broker, queue: str) -> int | None:
    return queue_depth(max_age=0, queue=queue) if broker is not False else None


def readyz(request):
    database = _database_ok()
    broker = _broker_ok()
    body = {
        "database": database,
        "broker": broker,
        # The backlog an operator watches under a surge: tasks waiting, records waiting for
        # matching (the sweeper hands them over), the oldest alert not yet sent.
        "queue_depth": _depth(broker, settings.CELERY_TASK_DEFAULT_QUEUE),
        "matching_queue_depth": _depth(broker, settings.MATCHING_QUEUE),
        "matching_pending": _matching_pending() if database else None,
        "oldest_pending_alert_seconds": _oldest_pending_alert_seconds() if database else None,
        "intake_only": _intake_only() if database else [],
    }
    ready = database and broker is not False
    body["status"] = "ok" if ready else "unavailable"
    return JsonResponse(body, status=200 if ready else 503)
