from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "reunify.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from . import signals  # noqa: F401 - linked posts share new matches
