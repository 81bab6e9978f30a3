from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "reunify.api"
    label = "api"
    verbose_name = "Partner API"
