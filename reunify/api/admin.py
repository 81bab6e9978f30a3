from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ApiKey, Organisation
from .services import api_key_revoke, api_key_rotate


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are made with `manage.py create_api_key` (the raw key is shown once); here they
    are listed, revoked and rotated through the same audited services as the volunteer pages."""

    list_display = (
        "organisation",
        "label",
        "prefix",
        "scopes",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("organisation",)
    search_fields = ("organisation__name", "label", "prefix")
    readonly_fields = ("organisation", "prefix", "hashed", "scopes", "created_at", "last_used_at")
    fields = (*readonly_fields, "label", "expires_at", "revoked_at")
    actions = ["revoke", "rotate"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset:
            api_key_revoke(key=key, by=request.user)
        message = gettext("Keys revoked: %(n)d.") % {"n": queryset.count()}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Rotate the selected keys (new keys, old ones revoked)"))
    def rotate(self, request, queryset):
        # The new keys are shown on this one page and never stored: not in a message (the
        # session would keep them), not in a redirect.
        rotated = [
            api_key_rotate(key=key, by=request.user)
            for key in queryset.filter(revoked_at__isnull=True)
        ]
        context = {**self.admin_site.each_context(request), "rotated": rotated}
        return TemplateResponse(request, "moderation/api_keys_new.html", context)
