from django.contrib import admin

from reunify.board.models import Incident
from reunify.board.services import incident_create
from reunify.moderation.roles import incident_set_controls


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    """Opening an incident and changing its controls go through the same (audited) services
    as the volunteer pages and the shell."""

    list_display = ("name", "area", "status", "active_danger", "created_at")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "area")

    def get_readonly_fields(self, request, obj=None):
        # Once open, only the coordinator's controls change (and they are audited).
        return ("name", "slug", "area", "description") if obj is not None else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    def save_model(self, request, obj, form, change):
        if change:
            incident_set_controls(
                incident=Incident.objects.get(pk=obj.pk),
                by=request.user,
                status=obj.status,
                retention_days=obj.retention_days,
                proof_of_work=obj.proof_of_work,
                active_danger=obj.active_danger,
            )
            return
        created = incident_create(
            name=obj.name,
            slug=obj.slug,
            area=obj.area,
            status=obj.status,
            description=obj.description,
        )
        obj.pk = created.pk
