"""Celery tasks of the matches app: they take ids (or none), and are safe to run twice."""

from celery import shared_task

from reunify.board.models import Incident

from .params import params_fit, params_refit_due


@shared_task(acks_late=True)
def refit_params() -> int:
    """Fit the parameters of every active incident that has grown enough since its last fit."""
    fitted = 0
    for incident in Incident.objects.filter(status=Incident.Status.ACTIVE):
        if params_refit_due(incident=incident) and params_fit(incident=incident) is not None:
            fitted += 1
    return fitted
