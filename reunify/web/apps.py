from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "reunify.web"
    label = "web"
    verbose_name = "Public pages"
