"""Writes to the key tables and Match rows, and the board's scoring of candidate pairs.

What a match means for the family (an alert, a message, a status) is composed above, in
reunify.actions: these functions change this app's tables only.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from reunify.board.models import Post, Report, Visibility
from reunify.matching import (
    MatchResult,
    evidence,
    reasons_as_dicts,
    record_keys,
    scheme_version,
    score_pair,
)

from .adapter import post_record, report_record
from .frequencies import frequencies_add, incident_frequencies
from .models import KeyScheme, Match, PostKey, ReportKey
from .params import incident_params
from .selectors import candidate_post_records, candidate_report_records

logger = logging.getLogger(__name__)


# --- Keys -------------------------------------------------------------------


def _key_table(record: Post | Report) -> tuple[type[PostKey] | type[ReportKey], str]:
    """The key model of a record, and its field there."""
    return (PostKey, "post") if isinstance(record, Post) else (ReportKey, "report")


def _keys_of(record: Post | Report) -> set[str]:
    as_record = post_record(record) if isinstance(record, Post) else report_record(record)
    return set(record_keys(as_record))


def records_index(*, records: list[Post | Report]) -> None:
    """Make (or replace) the search keys of records of one kind: one delete and one insert
    for all of them. Closed posts keep their keys for public search; retrieval for matching
    filters on status."""
    if not records:
        return
    key_model, field = _key_table(records[0])
    key_model.objects.filter(**{f"{field}__in": records}).delete()
    rows = []
    for record in records:
        rows += [
            key_model(incident_id=record.incident_id, key=key, **{field: record})
            for key in sorted(_keys_of(record))
        ]
        if isinstance(record, Post):
            frequencies_add(record)
    key_model.objects.bulk_create(rows)


def keys_refresh(*, batch: int) -> list[Post | Report]:
    """Bring the next `batch` posts and reports up to this code's key scheme; returns the
    records whose keys changed. Safe to run twice or in two processes: a record's keys are
    recomputed from the record alone, and the cursor only moves forward."""
    scheme, _created = KeyScheme.objects.get_or_create(version=scheme_version())
    if scheme.finished_at is not None:
        return []
    changed: list[Post | Report] = []
    walked = 0
    with transaction.atomic():
        scheme = KeyScheme.objects.select_for_update().get(pk=scheme.pk)
        for model, cursor in ((Post, "post_cursor"), (Report, "report_cursor")):
            # Locked in id order, as the matching task locks what it keys: neither waits on
            # the other in a circle. A record pending matching is skipped: its task keys it.
            records = list(
                model.objects.select_for_update(of=("self",), no_key=True)
                .filter(pk__gt=getattr(scheme, cursor), purged_at=None)
                .select_related("incident")
                .order_by("pk")[:batch]
            )
            changed += [r for r in records if not r.match_pending_since and _keys_rewritten(r)]
            walked += len(records)
            if records:
                setattr(scheme, cursor, records[-1].pk)
        scheme.rekeyed += len(changed)
        if not walked:
            scheme.finished_at = timezone.now()
            logger.info("key scheme %s: %d records re-keyed", scheme.version, scheme.rekeyed)
        scheme.save()
    return changed


def _keys_rewritten(record: Post | Report) -> bool:
    """Rewrite a record's keys if this code makes other keys of it; True when it did."""
    model, field = _key_table(record)
    wanted = _keys_of(record)
    if wanted == set(model.objects.filter(**{field: record}).values_list("key", flat=True)):
        return False
    records_index(records=[record])
    return True


# --- Scoring ------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A scored pair worth keeping: likely, or worth a volunteer's look."""

    post_id: int
    report_id: int
    result: MatchResult
    params_version: str


def _worth_storing(result: MatchResult) -> bool:
    return result.level in (Match.Level.LIKELY, Match.Level.REVIEW)


def report_candidates(*, report: Report) -> list[Candidate]:
    """Open posts that may be this report's person, best first."""
    right = report_record(report)
    frequencies = incident_frequencies(report.incident)
    params = incident_params(report.incident)
    # Candidates come as records: most score "none", and only the others need their Post.
    found = []
    for left in candidate_post_records(report=report, keys=set(record_keys(right))):
        result = score_pair(left, right, frequencies=frequencies, params=params)
        if _worth_storing(result):
            found.append(Candidate(int(left.id[1:]), report.pk, result, params.version))
    return sorted(found, key=lambda c: -c.result.score)


def post_candidates(*, post: Post) -> list[Candidate]:
    """Reports that may be about this post's person, best first."""
    left = post_record(post)
    frequencies = incident_frequencies(post.incident)
    params = incident_params(post.incident)
    found = []
    for right in candidate_report_records(post=post, keys=set(record_keys(left))):
        result = score_pair(left, right, frequencies=frequencies, params=params)
        if _worth_storing(result):
            found.append(Candidate(post.pk, int(right.id[1:]), result, params.version))
    return sorted(found, key=lambda c: -c.result.score)


def pair_score(*, post: Post, report: Report) -> Candidate:
    """One pair, scored as the board's matcher scores it (name frequencies, fitted
    parameters)."""
    params = incident_params(post.incident)
    result = score_pair(
        post_record(post),
        report_record(report),
        frequencies=incident_frequencies(post.incident),
        params=params,
    )
    return Candidate(post.pk, report.pk, result, params.version)


# --- Match rows -----------------------------------------------------------------


def match_store(
    *, post: Post, report: Report, result: MatchResult, level: str, params_version: str
) -> Match | None:
    """Store one scored pair; a pair is stored once, and a family's "not them" stays."""
    if level not in (Match.Level.LIKELY, Match.Level.REVIEW):
        return None
    fields = {
        "score": result.score,
        "evidence": evidence(result),
        "level": level,
        "reasons": reasons_as_dicts(result),
        "params_version": params_version,
    }
    try:
        with transaction.atomic():
            return Match.objects.create(post=post, report=report, **fields)
    except IntegrityError:
        match = Match.objects.get(post=post, report=report)
    if match.state == Match.State.OPEN:
        Match.objects.filter(pk=match.pk).update(**fields)
        match.refresh_from_db()
    return match


def match_copy(*, match: Match, post: Post) -> Match | None:
    """The same report, scored for a post linked to the match's (one person, two posts)."""
    if Match.objects.filter(post=post, report_id=match.report_id).exists():
        return None
    result = MatchResult(score=match.score, level=match.level, reasons=())
    copy = match_store(
        post=post,
        report=match.report,
        result=result,
        level=match.level,
        params_version=match.params_version,
    )
    if copy is not None:
        Match.objects.filter(pk=copy.pk).update(reasons=match.reasons, evidence=match.evidence)
        copy.refresh_from_db()
    return copy


def match_decide(*, match: Match, state: str, decided_by: str) -> bool:
    """Record "this is them" or "not them"; False when it was already decided so."""
    if match.state == state:
        return False
    match.state, match.decided_by, match.decided_at = state, decided_by, timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])
    return True


def matches_forget(*, record: Post | Report) -> None:
    """A record wiped by retention: its keys and matches go (match reasons quote names)."""
    model, field = _key_table(record)
    model.objects.filter(**{field: record}).delete()
    Match.objects.filter(**{field: record}).delete()


def matchable(record: Post | Report) -> bool:
    """Whether the matcher should look at this record now."""
    if record.visibility in (Visibility.HIDDEN, Visibility.WITHDRAWN) or record.purged_at:
        return False
    return not isinstance(record, Post) or record.status == Post.Status.OPEN
