from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "reunify.imports"
    label = "imports"
    verbose_name = "Hospital and shelter lists"
