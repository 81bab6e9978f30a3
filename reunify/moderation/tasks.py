from celery import shared_task

from . import services


@shared_task(acks_late=True)
def sweep_retention() -> int:
    return services.retention_sweep()


@shared_task(acks_late=True)
def take_snapshots() -> int:
    return services.snapshots_take()


@shared_task(acks_late=True)
def scan_duplicates() -> int:
    from reunify.board.models import Incident

    return sum(
        services.duplicates_scan(incident=i)
        for i in Incident.objects.filter(status=Incident.Status.ACTIVE)
    )
