"""Render templates/emails/<name>.{subject,txt,html} in the recipient's language."""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from reunify.lib.people import strip_unsafe


def render_email(name: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language or "en"):
        subject = render_to_string(f"emails/{name}.subject", context)
        text = render_to_string(f"emails/{name}.txt", context)
        try:
            html = render_to_string(f"emails/{name}.html", context)
        except TemplateDoesNotExist:
            html = ""
    # A header must be one line. Names are cleaned when they arrive; a row saved before that
    # still never puts a control character or a bidi override in a subject or a body.
    subject = " ".join(strip_unsafe(subject).split())
    return subject, strip_unsafe(text, multiline=True), strip_unsafe(html, multiline=True)
