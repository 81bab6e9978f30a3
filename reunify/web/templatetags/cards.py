"""A person's card, as the incident page and search results list them (up to 48 a page).

Built here rather than included as a template: an included card cost the incident page most
of its render time (a new report during a surge renders the page again for every visitor's
next read), and this builds the same markup in a fraction of it (bench/surge.py)."""

import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from reunify.board.models import Post, Report

register = template.Library()

_ANY_UID = "00000000-0000-0000-0000-000000000000"


@functools.lru_cache(maxsize=16)
def _address_pattern(view: str, script_prefix: str) -> str:
    return reverse(view, args=[_ANY_UID])


def _address(view: str, uid) -> str:
    # reverse() once per view (and script prefix), not once per card: it was half a card.
    return _address_pattern(view, get_script_prefix()).replace(_ANY_UID, str(uid))


def _thumbnail(record) -> str:
    # Set by the listing (board.selectors.with_thumbnails), for the records it shows.
    url = getattr(record, "card_thumbnail", "")
    return format_html('<img src="{}" alt="" loading="lazy" width="80">', url) if url else ""


def _meta(record, status: str) -> str:
    parts = []
    if record.age_label:
        parts.append(gettext("age %(age)s") % {"age": conditional_escape(record.age_label)})
        parts.append(" · ")
    parts.append(conditional_escape(status))
    if record.origin:
        parts.append(" · ")
        parts.append(gettext("from %(origin)s") % {"origin": conditional_escape(record.origin)})
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def person_card(record):
    # The choice's label straight from its enum: get_FOO_display() hashes every translated
    # choice on each call, which cost a card more than the rest of it.
    if isinstance(record, Post):
        url = _address("board:post-detail", record.uid)
        status = Post.Status(record.status).label
    else:
        url = _address("board:report-detail", record.uid)
        status = Report.Condition(record.condition).label
    return format_html(
        '<li class="card"><a href="{}">{}<strong dir="auto">{}</strong></a>'
        '<span class="meta">{}</span></li>',
        url,
        _thumbnail(record),
        record.full_name,
        _meta(record, status),
    )
