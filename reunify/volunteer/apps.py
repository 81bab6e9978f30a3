from django.apps import AppConfig


class VolunteerConfig(AppConfig):
    name = "reunify.volunteer"
    label = "volunteer"
    verbose_name = "Volunteer pages"
