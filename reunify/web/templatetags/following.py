from django import template

from reunify.actions.following import person_followers
from reunify.alerts.followers import following_open
from reunify.alerts.telling import told_summary
from reunify.board.models import Post
from reunify.web.telling import TellForm

register = template.Library()


@register.inclusion_tag("board/_follow.html", takes_context=True)
def follow_box(context, record):
    """How many people follow this person, and the form to follow them (reads only)."""
    return {
        "record": record,
        "kind": "p" if isinstance(record, Post) else "r",
        "count": person_followers(record),
        "open": following_open(record),
    }


@register.inclusion_tag("board/_told.html", takes_context=True)
def told_box(context, report):
    """How many people the board told that this person is safe, and the form to tell more
    (on the private page of a safe report; reads only)."""
    return {
        **told_summary(report=report),
        "report": report,
        "token": context.get("token"),
        "form": TellForm(),
        "csrf_token": context.get("csrf_token"),
    }
