from django import template

from reunify.shelter.services import doors_for

register = template.Library()


@register.inclusion_tag("shelter/_link.html")
def doors_link(incident):
    """A way to the incident's open doors, when a coordinator opened them (reads only)."""
    return {"incident": incident, "open": doors_for(incident) is not None}
