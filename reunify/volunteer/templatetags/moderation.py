from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reunify.moderation.guard import (
    HONEYPOT_FIELD,
    POW_CHALLENGE_FIELD,
    POW_NONCE_FIELD,
    STARTED_FIELD,
    form_started_token,
    pow_challenge,
)

register = template.Library()


@register.simple_tag
def form_guard(incident=None):
    """Hidden inputs every public form carries: a honeypot, the time it was shown, and a
    proof-of-work challenge when the incident's coordinators switched it on."""
    html = format_html(
        '<div class="hp" aria-hidden="true"><label for="id_{0}">{1}</label>'
        '<input id="id_{0}" name="{0}" type="text" value="" tabindex="-1" autocomplete="off">'
        '</div><input type="hidden" name="{2}" value="{3}">',
        HONEYPOT_FIELD,
        _("Leave this field empty"),
        STARTED_FIELD,
        form_started_token(),
    )
    if incident is not None and incident.proof_of_work:
        html += format_html(
            '<input type="hidden" name="{}" value="{}" data-pow-bits="{}">'
            '<input type="hidden" name="{}" value="">'
            '<p class="meta pow-status" hidden>{}</p>'
            '<script src="{}" defer></script>',
            POW_CHALLENGE_FIELD,
            pow_challenge(),
            settings.POW_BITS,
            POW_NONCE_FIELD,
            _("Checking your browser before sending, this takes a few seconds…"),
            static("js/pow.js"),
        )
    return html


# --- Volunteer pages in the reader's language -------------------------------------
# Audit rows and group names are stored as stable codes; they are translated only here.

ROLE_NAMES = {
    "moderators": gettext_lazy("Moderator"),
    "coordinators": gettext_lazy("Coordinator"),
}

AUDIT_ACTIONS = {
    "hide": gettext_lazy("Hid the record"),
    "restore": gettext_lazy("Published the record"),
    "dismiss": gettext_lazy("Dismissed the flags"),
    "approve": gettext_lazy("Published after review"),
    "match_confirm": gettext_lazy("Confirmed a match"),
    "match_reject": gettext_lazy("Rejected a match"),
    "duplicate_link": gettext_lazy("Linked two posts of one person"),
    "duplicate_dismiss": gettext_lazy("Not the same person"),
    "misused_photo_add": gettext_lazy("Added a photo to the misused list"),
    "volunteer_deactivate": gettext_lazy("Removed a volunteer's access"),
    "incident_update": gettext_lazy("Changed an incident"),
    "incident_open": gettext_lazy("Opened an incident"),
}

TARGET_TYPES = {
    "post": gettext_lazy("Post"),
    "report": gettext_lazy("Report"),
    "incident": gettext_lazy("Incident"),
    "user": gettext_lazy("Volunteer"),
}


@register.filter
def role_name(code: str) -> str:
    return str(ROLE_NAMES.get(code, code))


@register.filter
def audit_action(code: str) -> str:
    if code.startswith("volunteer_add:"):
        role = role_name(code.split(":", 1)[1])
        return _("Added a volunteer (%(role)s)") % {"role": role}
    return str(AUDIT_ACTIONS.get(code, code))


@register.filter
def audit_actor(name: str) -> str:
    return name if name and name != "system" else _("the board (automatic)")


@register.filter
def audit_target(entry) -> str:
    kind = str(TARGET_TYPES.get(entry.target_type, entry.target_type))
    target = entry.target
    if not entry.target_type and ":" in target:  # "match:<uid>", "photo:<uid>"
        code, target = target.split(":", 1)
        kind = {"match": _("Match"), "photo": _("Photo")}.get(code, code)
    return f"{kind} {target}".strip()


QUEUE_LABELS = {
    "flags": gettext_lazy("Flags"),
    "held": gettext_lazy("Held"),
    "deceased": gettext_lazy("Reports of death"),
    "matches": gettext_lazy("Matches to review"),
    "duplicates": gettext_lazy("Duplicates"),
}


@register.filter
def queue_label(name: str) -> str:
    return str(QUEUE_LABELS.get(name, name))
