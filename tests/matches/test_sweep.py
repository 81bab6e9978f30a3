"""A matching task lost with the broker's queue is found again by the sweeper."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reunify.actions.tasks import matching_sweep
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
