"""A family's (or a volunteer's) answer to a match: "this is them" or "not them"."""

from django.db import transaction

from reunify.alerts.models import Message
from reunify.alerts.services import alerts_cancel_for_match, message_create
from reunify.board.models import Post
from reunify.matches.models import Match
from reunify.matches.services import match_decide

from .following import followers_tell_match
from .records import post_set_status


@transaction.atomic
def match_confirm(*, match: Match, decided_by: str) -> Match:
    """The family (or a volunteer) says "this is them": the post is found, contact is relayed."""
    if match_decide(match=match, state=Match.State.CONFIRMED, decided_by=decided_by):
        # Followers hear what the match says (a death only once published), not "found".
        followers_tell_match(match=match)
        post_set_status(post=match.post, status=Post.Status.FOUND, tell_followers=False)
        message_create(
            kind=Message.Kind.MATCH_CONFIRMED, post=match.post, report=match.report, match=match
        )
    return match


@transaction.atomic
def match_reject(*, match: Match, decided_by: str) -> Match:
    """ "Not them" is remembered: the pair is never alerted again."""
    if match_decide(match=match, state=Match.State.REJECTED, decided_by=decided_by):
        alerts_cancel_for_match(match=match, reason="match rejected")
    return match
