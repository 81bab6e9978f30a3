from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Alert, WebhookSubscription


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Moderators see what failed and why, and can send it again once the cause is fixed."""

    list_display = (
        "pk",
        "channel",
        "state",
        "attempts",
        "last_error",
        "cancel_reason",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("state", "channel")
    list_select_related = ("match",)
    readonly_fields = [field.name for field in Alert._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again"))
    def retry(self, request, queryset):
        count = services.alerts_retry(alert_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("%(count)d alerts will be sent again.") % {"count": count})


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "incident", "active", "created_at")
    list_filter = ("active",)
