from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "reunify.alerts"
    label = "alerts"
    verbose_name = _("Alerts")

    def ready(self):
        checks.register(check_time_limits)


def check_time_limits(app_configs=None, **kwargs):
    """A task still sending when its lease expires could be joined by a second sender."""
    from django.conf import settings

    errors = []
    if settings.CELERY_TASK_TIME_LIMIT >= settings.ALERT_LEASE_SECONDS:
        errors.append(
            checks.Error(
                "CELERY_TASK_TIME_LIMIT must be shorter than ALERT_LEASE_SECONDS.",
                id="alerts.E001",
            )
        )
    longest_send = max(settings.EMAIL_TIMEOUT, settings.WEBHOOK_TIMEOUT)
    if longest_send >= settings.CELERY_TASK_SOFT_TIME_LIMIT:
        errors.append(
            checks.Warning(
                "EMAIL_TIMEOUT and WEBHOOK_TIMEOUT should be shorter than "
                "CELERY_TASK_SOFT_TIME_LIMIT, so a slow server fails the attempt cleanly.",
                id="alerts.W001",
            )
        )
    return errors
