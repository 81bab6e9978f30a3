from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_alert(alert_id: int) -> str:
    return services.alert_deliver(alert_id=alert_id)


@shared_task(acks_late=True)
def send_message(message_id: int) -> str:
    return services.message_deliver(message_id=message_id)


@shared_task
def sweep_deliveries() -> int:
    return services.deliveries_sweep()
