from django.db.models import QuerySet

from .models import Alert, DeliveryState


def failed_alerts(*, incident=None) -> QuerySet[Alert]:
    """Alerts that gave up (permanent error or attempts exhausted), newest first, for moderators."""
    alerts = Alert.objects.filter(state=DeliveryState.FAILED).select_related(
        "match__post__incident", "match__report", "subscription"
    )
    if incident is not None:
        alerts = alerts.filter(match__post__incident=incident)
    return alerts.order_by("-next_attempt_at")
