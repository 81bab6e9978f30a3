"""Celery tasks of the alerts app: they take ids, and are safe to run twice."""

from celery import shared_task

from reunify.queue import enqueue_now

from .sending import alert_deliver, deliveries_due, message_deliver


@shared_task(acks_late=True)
def send_alert(alert_id: int) -> str:
    return alert_deliver(alert_id=alert_id)


@shared_task(acks_late=True)
def send_message(message_id: int) -> str:
    return message_deliver(message_id=message_id)


@shared_task
def sweep_deliveries() -> int:
    return deliveries_sweep()


def deliveries_sweep() -> int:
    """Re-enqueue what no queued task will pick up: lost publishes, expired leases, retries."""
    alerts, messages = deliveries_due(stuck_only=True)
    work = [(send_alert, pk) for pk in alerts] + [(send_message, pk) for pk in messages]
    for count, (task, pk) in enumerate(work):
        if not enqueue_now(task, pk):
            return count  # the broker is down or hanging: the next sweep tries again
    return len(work)
