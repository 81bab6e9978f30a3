"""Matching a record, and what a new match means: an alert when one may go, and the same
match for every post linked to its post. The matching tasks (tasks.py) run these."""

from django.db import transaction
from django.utils import timezone

from reunify.alerts.services import alert_create, alert_may_go
from reunify.board.models import Post, Report
from reunify.board.pages import pages_touch, search_scope
from reunify.board.services import matching_mark_done
from reunify.matches.models import Match
from reunify.matches.services import (
    Candidate,
    match_copy,
    match_store,
    matchable,
    post_candidates,
    records_index,
    report_candidates,
)
from reunify.matching import MatchResult
from reunify.moderation.duplicates import linked_posts

from .processing import photos_processing, processing_photos_of


def _level(result: MatchResult, post: Post, report: Report) -> str:
    # A record waiting for a volunteer (or hidden) cannot alert anyone: its likely matches
    # go to the review queue instead, and are scored again when it is published.
    if result.level == Match.Level.LIKELY and not (post.is_public and report.is_public):
        return Match.Level.REVIEW
    return result.level


def _alert_if_allowed(match: Match) -> None:
    if match.state != Match.State.OPEN or match.level != Match.Level.LIKELY:
        return
    if alert_may_go(post=match.post, report=match.report, match=match):
        alert_create(match=match)


def _share_with_linked_posts(match: Match) -> None:
    """Linked posts describe one person: each gets the match any of them has."""
    for post in linked_posts(match.post):
        copy = match_copy(match=match, post=post)
        if copy is not None:
            _alert_if_allowed(copy)


def _store(post: Post, report: Report, candidate: Candidate) -> Match | None:
    result = candidate.result
    with transaction.atomic():
        match = match_store(
            post=post,
            report=report,
            result=result,
            level=_level(result, post, report),
            params_version=candidate.params_version,
        )
        if match is not None:
            _alert_if_allowed(match)
            _share_with_linked_posts(match)
    return match


def _store_all(candidates: list[Candidate]) -> list[Match]:
    posts = Post.objects.in_bulk([c.post_id for c in candidates])
    reports = Report.objects.in_bulk([c.report_id for c in candidates])
    stored = [
        _store(posts[c.post_id], reports[c.report_id], c)
        for c in candidates
        if c.post_id in posts and c.report_id in reports
    ]
    return [match for match in stored if match is not None]


def records_keyed(model: type[Post] | type[Report], pks: list[int]) -> list[Post | Report]:
    """The pending records among `pks`, their search keys made first and committed: the write
    that saved a record only enqueued it. Rows are locked meanwhile (FOR NO KEY UPDATE, which
    leaves rows that refer to them free to be written), so a purge or an edit cannot
    interleave (a purged record is skipped, its keys stay gone). Committed before any
    scoring: of a post and a report saved at once, whichever is keyed last sees the other."""
    with transaction.atomic():
        records = list(
            model.objects.select_for_update(of=("self",), no_key=True)
            .filter(pk__in=pks, match_pending_since__isnull=False, purged_at=None)
            .select_related("incident")
            .order_by("pk")
        )
        records_index(records=records)
        slugs = {record.incident.slug for record in records}
        pages_touch(scopes=[search_scope(slug) for slug in sorted(slugs)])
    return records


def match_new_report(*, report_id: int) -> list[Match]:
    started = timezone.now()
    report = next(iter(records_keyed(Report, [report_id])), None)
    if report is not None and photos_processing(report):
        return []  # still pending: the photo task matches it when done (a reuse may hold it)
    matches = _store_all(report_candidates(report=report)) if report and matchable(report) else []
    matching_mark_done(model=Report, pks=[report_id], started=started)
    return matches


def match_new_post(*, post_id: int) -> list[Match]:
    started = timezone.now()
    post = next(iter(records_keyed(Post, [post_id])), None)
    if post is not None and photos_processing(post):
        return []  # still pending: the photo task matches it when done (a reuse may hold it)
    matches = _store_all(post_candidates(post=post)) if post and matchable(post) else []
    matching_mark_done(model=Post, pks=[post_id], started=started)
    return matches


def match_pending_batch(*, model: type[Post] | type[Report], pks: list[int]) -> list[Match]:
    """match_new_post / match_new_report for a batch the sweeper handed over: the records,
    their photos still processing and the outcome in one query each, not one per record.
    Records no longer pending (matched since, or a batch sent twice) are skipped."""
    started = timezone.now()
    records = records_keyed(model, pks)
    waiting = processing_photos_of(model, [r.pk for r in records])
    matches, done = [], []
    for record in records:
        if record.pk in waiting:
            continue  # still pending: the photo task matches it when done
        if matchable(record):
            found = (
                post_candidates(post=record) if model is Post else report_candidates(report=record)
            )
            matches += _store_all(found)
        done.append(record.pk)
    matching_mark_done(model=model, pks=done, started=started)
    return matches


def matches_share(*, posts: list[Post]) -> list[Match]:
    """Newly linked posts: each gets the open matches any of them has."""
    shared = []
    for match in Match.objects.filter(post__in=posts, state=Match.State.OPEN).select_related(
        "post", "report"
    ):
        for post in posts:
            copy = None if post.pk == match.post_id else match_copy(match=match, post=post)
            if copy is not None:
                _alert_if_allowed(copy)
                shared.append(copy)
    return shared
