from django.apps import AppConfig


class PfifConfig(AppConfig):
    name = "reunify.pfif"
    label = "pfif"
    verbose_name = "PFIF interchange"
