"""Render templates/emails/<name>.{subject,txt,html} in the recipient's language."""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def render_email(name: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language or "en"):
        subject = render_to_string(f"emails/{name}.subject", context)
        text = render_to_string(f"emails/{name}.txt", context)
        try:
            html = render_to_string(f"emails/{name}.html", context)
        except TemplateDoesNotExist:
            html = ""
    # A header must be one line.
    return " ".join(subject.split()), text, html
