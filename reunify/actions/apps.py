from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "reunify.actions"
    label = "actions"
    verbose_name = "Actions"
