"""Linked posts describe one person: a match found for one is shared with the others.

A signal rather than a call inside the matching shell, because matches are created
in one place the moderation app does not own; this keeps that code unaware of links.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from reunify.matches.models import Match


@receiver(post_save, sender=Match, dispatch_uid="moderation.share_linked_match")
def _share_with_linked_posts(sender, instance: Match, created: bool, raw=False, **kwargs):
    if not created or raw:
        return
    from reunify.matches.services import matches_share

    from .services import linked_posts

    linked = linked_posts(instance.post)
    if linked:
        matches_share(posts=[instance.post, *linked])
