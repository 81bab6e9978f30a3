from django.contrib import admin

from . import services
from .models import Incident


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "status", "created_at")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "area")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # A coordinator opening an incident goes through the same service as the shell.
            created = services.incident_create(
                name=obj.name,
                slug=obj.slug,
                area=obj.area,
                status=obj.status,
                description=obj.description,
            )
            obj.pk = created.pk
