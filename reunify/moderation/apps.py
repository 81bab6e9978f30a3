from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "reunify.moderation"
    label = "moderation"
    verbose_name = "Moderation"
