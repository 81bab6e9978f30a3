"""A matching task lost with the broker's queue is found again by the sweeper."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reunify.actions.tasks import match_reports, matching_sweep
from reunify.board.models import Post, Report
from reunify.matches.models import Match
from tests.conftest import make_post, make_report

pytestmark = pytest.mark.django_db


def _age_pending(model, seconds=600):
    model.objects.exclude(match_pending_since=None).update(
        match_pending_since=timezone.now() - timedelta(seconds=seconds)
    )


def test_a_report_whose_matching_task_was_lost_is_matched_by_the_sweeper(
    incident, on_commit, mailoutbox
):
    on_commit(make_post, incident)
    report = make_report(incident)  # never committed here: as if the queued task was lost
    assert not Match.objects.exists()
    _age_pending(Report)

    assert on_commit(matching_sweep) == 1

    assert Match.objects.get(report=report).level == Match.Level.LIKELY
    assert Report.objects.get(pk=report.pk).match_pending_since is None
    assert [m for m in mailoutbox if "/review/" in m.body]


def test_matched_records_are_not_swept_again(incident, on_commit):
    on_commit(make_post, incident)
    on_commit(make_report, incident)
    _age_pending(Post)
    _age_pending(Report)
    assert not Post.objects.exclude(match_pending_since=None).exists()
    assert on_commit(matching_sweep) == 0


def test_a_fresh_change_is_left_to_its_own_task(incident):
    make_report(incident)
    assert matching_sweep() == 0  # younger than the grace period


def test_a_batch_matches_every_waiting_record_and_skips_those_matched_since(incident, on_commit):
    matched_since = on_commit(make_report, incident)  # its own task ran: nothing posted yet
    make_post(incident)  # its own task has not run (never committed here)
    found = make_report(incident)
    others = [make_report(incident, full_name=f"Anna Petit{'e' * n}") for n in range(4)]

    assert match_reports([matched_since.pk, found.pk, *[o.pk for o in others]]) == 1

    # The same person as `found`, but no longer waiting: sent twice, matched once.
    assert Match.objects.get().report == found
    assert not Report.objects.exclude(match_pending_since=None).exists()


def test_a_batch_reads_the_records_and_their_photos_and_marks_them_done_once(incident):
    reports = [make_report(incident, full_name=f"Anna Petit{'e' * n}") for n in range(6)]
    with CaptureQueriesContext(connection) as queries:
        match_reports([r.pk for r in reports])
    sql = [q["sql"] for q in queries.captured_queries]
    # Only the search for candidates is per record.
    assert len([q for q in sql if 'FROM "board_photo"' in q]) == 1
    assert len([q for q in sql if q.startswith('UPDATE "board_report"')]) == 1
    assert len([q for q in sql if 'FROM "board_report"' in q and "INNER JOIN" in q]) == 1
    assert not Report.objects.exclude(match_pending_since=None).exists()
