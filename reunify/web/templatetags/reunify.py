import io
import re

import segno
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

register = template.Library()

# Words the matching library puts inside its reasons' parameters. The library stays free of
# Django, so the shell translates them here; gettext_noop lets makemessages extract them.
_PARAM_WORDS = {
    word: word
    for word in (
        gettext_noop("given name"),
        gettext_noop("family name"),
        gettext_noop("name"),
        gettext_noop("female"),
        gettext_noop("male"),
        gettext_noop("other"),
    )
}
_PARAM_PATTERNS = [
    (re.compile(r"^estimate (?P<value>.+)$"), gettext_noop("estimate %(value)s")),
    (re.compile(r"^born (?P<value>.+)$"), gettext_noop("born %(value)s")),
]
_COMMON_SUFFIX = " (a common name)"


def _translate_param(value):
    if not isinstance(value, str):
        return value
    if value in _PARAM_WORDS:
        return gettext(value)
    for pattern, phrase in _PARAM_PATTERNS:
        found = pattern.match(value)
        if found:
            return gettext(phrase) % {"value": found.group("value")}
    return value


@register.filter
def reason_text(reason: dict) -> str:
    """A matching reason in the reader's language (templates come from reunify.matching)."""
    template_text = reason.get("template", "")
    suffix = ""
    if template_text.endswith(_COMMON_SUFFIX):
        template_text = template_text[: -len(_COMMON_SUFFIX)]
        suffix = gettext(_COMMON_SUFFIX)
    params = {key: _translate_param(value) for key, value in reason.get("params", {}).items()}
    try:
        return gettext(template_text).format(**params) + suffix
    except (KeyError, IndexError, ValueError):
        return reason.get("template", "")


@register.simple_tag
def qr_svg(url: str, title: str = ""):
    """An inline SVG QR code of an address (posters on hospital and town-hall walls)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", xmldecl=False, svgns=True, scale=4, omitsize=True, title=title
    )
    return mark_safe(buffer.getvalue().decode())  # noqa: S308 - segno's own markup, escaped title
