"""Celery tasks of open doors: they take no input and are safe to run twice."""

from celery import shared_task

from .services import offers_erase_ended


@shared_task
def erase_ended_offers() -> int:
    """Exact addresses and contacts of offers over for two days are erased."""
    return offers_erase_ended()
