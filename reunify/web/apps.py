from django.apps import AppConfig
from django.core import checks

from reunify.checks import check_deploy_key, check_not_embedded_by_accident


class WebConfig(AppConfig):
    name = "reunify.web"
    label = "web"
    verbose_name = "Public pages"

    def ready(self):
        checks.register(check_not_embedded_by_accident)
        checks.register(check_deploy_key, checks.Tags.security, deploy=True)
