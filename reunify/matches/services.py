import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from reunify.board.models import Post, Report, Visibility
from reunify.matching import MatchResult, evidence, reasons_as_dicts, record_keys, score_pair
from reunify.queue import enqueue_on_commit

from .adapter import post_record, report_record
from .frequencies import frequencies_add, incident_frequencies
from .models import Match, PostKey, ReportKey
from .selectors import candidate_post_records, candidate_report_records
from .shares import share_count, source_shares

logger = logging.getLogger(__name__)


# --- Keys -------------------------------------------------------------------


def post_index(*, post: Post) -> set[str]:
    keys = set(record_keys(post_record(post)))
    # Closed posts keep their keys for public search; retrieval for matching filters on status.
    PostKey.objects.filter(post=post).delete()
    PostKey.objects.bulk_create(
        [PostKey(incident_id=post.incident_id, post=post, key=key) for key in sorted(keys)]
    )
    frequencies_add(post)
    return keys


def report_index(*, report: Report) -> set[str]:
    keys = set(record_keys(report_record(report)))
    ReportKey.objects.filter(report=report).delete()
    ReportKey.objects.bulk_create(
        [ReportKey(incident_id=report.incident_id, report=report, key=key) for key in sorted(keys)]
    )
    return keys


def record_changed(*, post: Post | None = None, report: Report | None = None) -> None:
    """Re-index a record and look for matches once the change is committed."""
    from .tasks import match_post, match_report

    now = timezone.now()
    if post is not None:
        post_index(post=post)
        Post.objects.filter(pk=post.pk).update(match_pending_since=now)
        enqueue_on_commit(match_post, post.pk)
    if report is not None:
        report_index(report=report)
        Report.objects.filter(pk=report.pk).update(match_pending_since=now)
        enqueue_on_commit(match_report, report.pk)


def _matching_done(model, pk: int, started) -> None:
    # Only the version the matcher saw is done: a change made meanwhile stays pending.
    model.objects.filter(pk=pk, match_pending_since__lte=started).update(match_pending_since=None)


def matching_sweep(*, older_than_seconds: int = 120) -> int:
    """Re-enqueue matching for records whose task was lost (broker restarted, worker killed)."""
    from reunify.queue import enqueue_now

    from .tasks import match_post, match_report

    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    posts = Post.objects.filter(match_pending_since__lt=cutoff).values_list("pk", flat=True)
    reports = Report.objects.filter(match_pending_since__lt=cutoff).values_list("pk", flat=True)
    count = 0
    for pk in posts:
        count += enqueue_now(match_post, pk)
    for pk in reports:
        count += enqueue_now(match_report, pk)
    return count


# --- Matching ---------------------------------------------------------------


def _alert_allowed(post: Post, report: Report) -> bool:
    # A held report (e.g. someone reported deceased by a stranger) waits for a volunteer; so
    # does a held post, which may be a stalker's fake search for someone who said they are safe.
    return post.visibility == Visibility.PUBLIC and report.visibility == Visibility.PUBLIC


def match_record_result(*, post: Post, report: Report, result: MatchResult) -> Match | None:
    """Store one scored pair; a pair is stored once, and a family's "not them" stays."""
    if result.level not in (Match.Level.LIKELY, Match.Level.REVIEW):
        return None
    level = result.level
    if level == Match.Level.LIKELY and not _alert_allowed(post, report):
        level = Match.Level.REVIEW
    fields = {
        "score": result.score,
        "evidence": evidence(result),
        "level": level,
        "reasons": reasons_as_dicts(result),
    }
    try:
        with transaction.atomic():
            match = Match.objects.create(post=post, report=report, **fields)
    except IntegrityError:
        match = Match.objects.get(post=post, report=report)
        if match.state == Match.State.OPEN:
            Match.objects.filter(pk=match.pk).update(**fields)
            match.refresh_from_db()
    if match.state == Match.State.OPEN and match.level == Match.Level.LIKELY:
        from reunify.alerts.services import alert_create

        alert_create(match=match)
    return match


def match_report(*, report_id: int) -> list[Match]:
    started = timezone.now()
    matches = _match_report(report_id)
    _matching_done(Report, report_id, started)
    return matches


def _worth_storing(result: MatchResult) -> bool:
    return result.level in (Match.Level.LIKELY, Match.Level.REVIEW)


def _store(post: Post, report: Report, result: MatchResult, matches: list[Match]) -> None:
    with transaction.atomic():
        match = match_record_result(post=post, report=report, result=result)
    if match is not None:
        matches.append(match)


def _match_report(report_id: int) -> list[Match]:
    report = Report.objects.filter(pk=report_id).select_related("incident").first()
    if report is None or report.visibility == Visibility.HIDDEN:
        return []
    right = report_record(report, source_shares(report.incident))
    frequencies = incident_frequencies(report.incident)
    # Candidates come as records: most score "none", and only the others need their Post.
    worth = {}
    best = 0.0
    for left in candidate_post_records(report=report, keys=set(record_keys(right))):
        result = score_pair(left, right, frequencies=frequencies)
        best = max(best, evidence(result))
        if _worth_storing(result):
            worth[int(left.id[1:])] = result
    share_count(report, best)
    matches: list[Match] = []
    for post in sorted(Post.objects.filter(pk__in=worth), key=lambda p: -worth[p.pk].score):
        _store(post, report, worth[post.pk], matches)
    return matches


def match_post(*, post_id: int) -> list[Match]:
    started = timezone.now()
    matches = _match_post(post_id)
    _matching_done(Post, post_id, started)
    return matches


def _match_post(post_id: int) -> list[Match]:
    post = Post.objects.filter(pk=post_id).select_related("incident").first()
    if post is None or post.status != Post.Status.OPEN or post.visibility == Visibility.HIDDEN:
        return []
    left = post_record(post)
    frequencies = incident_frequencies(post.incident)
    shares = source_shares(post.incident)
    worth = {}
    for right in candidate_report_records(post=post, keys=set(record_keys(left)), shares=shares):
        result = score_pair(left, right, frequencies=frequencies)
        if _worth_storing(result):
            worth[int(right.id[1:])] = result
    matches: list[Match] = []
    for report in sorted(Report.objects.filter(pk__in=worth), key=lambda r: -worth[r.pk].score):
        _store(post, report, worth[report.pk], matches)
    return matches


# --- Decisions --------------------------------------------------------------


@transaction.atomic
def match_confirm(*, match: Match, decided_by: str) -> Match:
    """The family (or a volunteer) says "this is them": the post is found, contact is relayed."""
    from reunify.alerts.models import Message
    from reunify.alerts.services import message_create
    from reunify.board.services import post_set_status

    if match.state == Match.State.CONFIRMED:
        return match
    match.state = Match.State.CONFIRMED
    match.decided_by = decided_by
    match.decided_at = timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    post_set_status(post=match.post, status=Post.Status.FOUND)
    message_create(
        kind=Message.Kind.MATCH_CONFIRMED, post=match.post, report=match.report, match=match
    )
    return match


@transaction.atomic
def match_reject(*, match: Match, decided_by: str) -> Match:
    """ "Not them" is remembered: the pair is never alerted again."""
    from reunify.alerts.models import Alert, DeliveryState

    if match.state == Match.State.REJECTED:
        return match
    match.state = Match.State.REJECTED
    match.decided_by = decided_by
    match.decided_at = timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    Alert.objects.filter(
        match=match, state__in=[DeliveryState.PENDING, DeliveryState.SENDING]
    ).update(state=DeliveryState.CANCELLED, last_error="match rejected")
    return match


# --- Volunteer review: duplicates and linked posts (used by reunify.moderation) ---


def post_duplicates(*, incident) -> list[tuple[Post, Post, dict]]:
    """Pairs of open, visible posts the engine thinks describe the same person."""
    from reunify.matching import find_duplicates

    posts = {
        f"p{post.pk}": post
        for post in Post.objects.filter(
            incident=incident, status=Post.Status.OPEN, visibility=Visibility.PUBLIC
        )
    }
    pairs = find_duplicates([post_record(post) for post in posts.values()])
    return [
        (posts[left], posts[right], {"score": result.score, "reasons": reasons_as_dicts(result)})
        for left, right, result in pairs
        if left in posts and right in posts
    ]


def matches_share(*, posts: list[Post]) -> list[Match]:
    """Linked posts describe one person: each gets the open matches any of them has."""
    shared = []
    for match in Match.objects.filter(post__in=posts, state=Match.State.OPEN).select_related(
        "report"
    ):
        for post in posts:
            if (
                post.pk == match.post_id
                or Match.objects.filter(post=post, report=match.report).exists()
            ):
                continue
            result = MatchResult(score=match.score, level=match.level, reasons=())
            with transaction.atomic():
                copy = match_record_result(post=post, report=match.report, result=result)
            if copy is not None:
                Match.objects.filter(pk=copy.pk).update(reasons=match.reasons)
                shared.append(copy)
    return shared
