"""Two families posting one person: the engine proposes pairs, a volunteer links them."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from reunify.board.models import Incident, Post
from reunify.matches.selectors import post_duplicates

from .audit import audit
from .models import DuplicatePair
from .roles import require


def duplicates_scan(*, incident: Incident) -> int:
    """Store the engine's proposed duplicate pairs; a decided pair is never proposed again."""
    created = 0
    for left, right, result in post_duplicates(incident=incident):
        low, high = sorted((left, right), key=lambda p: p.pk)
        try:
            with transaction.atomic():
                DuplicatePair.objects.create(
                    left=low, right=high, score=result["score"], reasons=result["reasons"]
                )
                created += 1
        except IntegrityError:
            continue
    return created


def duplicate_propose(*, left: Post, right: Post, reason: str) -> DuplicatePair | None:
    """A pair someone else said is one person (a PFIF link): proposed to a volunteer, who
    decides; a pair already decided stays decided."""
    if left.pk == right.pk:
        return None
    low, high = sorted((left, right), key=lambda p: p.pk)
    pair, _ = DuplicatePair.objects.get_or_create(
        left=low,
        right=high,
        defaults={
            "score": 1.0,
            "reasons": [{"field": "pfif", "template": reason, "params": {}, "weight": 0}],
        },
    )
    return pair


def linked_posts(post: Post) -> list[Post]:
    """Every post linked to this one, directly or through others (not including itself)."""
    seen, todo = {post.pk}, [post.pk]
    while todo:
        pairs = DuplicatePair.objects.filter(
            Q(left_id__in=todo) | Q(right_id__in=todo), state=DuplicatePair.State.LINKED
        ).values_list("left_id", "right_id")
        found = {pk for pair in pairs for pk in pair} - seen
        seen |= found
        todo = list(found)
    return list(Post.objects.filter(pk__in=seen - {post.pk}))


def _decide(pair: DuplicatePair, state: str, *, by, action: str, reason: str) -> DuplicatePair:
    require(by, "work_queues")
    pair.state, pair.decided_at = state, timezone.now()
    pair.save(update_fields=["state", "decided_at"])
    audit(actor=by, action=action, target=pair.left, reason=reason)
    return pair


@transaction.atomic
def duplicate_pair_link(*, pair: DuplicatePair, by) -> DuplicatePair:
    """Record the link (reunify.actions.volunteers makes status and matches follow)."""
    reason = f"linked to post {pair.right.uid}"
    return _decide(pair, DuplicatePair.State.LINKED, by=by, action="duplicate_link", reason=reason)


@transaction.atomic
def duplicate_dismiss(*, pair: DuplicatePair, by) -> DuplicatePair:
    reason = f"post {pair.right.uid}"
    state = DuplicatePair.State.DISMISSED
    return _decide(pair, state, by=by, action="duplicate_dismiss", reason=reason)


def duplicates_forget(*, post: Post) -> int:
    return DuplicatePair.objects.filter(Q(left=post) | Q(right=post)).delete()[0]
