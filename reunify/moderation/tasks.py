from celery import shared_task

from reunify.board.models import Incident

from .duplicates import duplicates_scan
from .retention import retention_sweep
from .snapshots import snapshots_take


@shared_task(acks_late=True)
def sweep_retention() -> int:
    return retention_sweep()


@shared_task(acks_late=True)
def take_snapshots() -> int:
    return snapshots_take()


@shared_task(acks_late=True)
def scan_duplicates() -> int:
    active = Incident.objects.filter(status=Incident.Status.ACTIVE)
    return sum(duplicates_scan(incident=incident) for incident in active)
