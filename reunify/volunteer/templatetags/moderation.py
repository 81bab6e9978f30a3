from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
