""" "I'm safe" under load: a few inserts and a task on commit; when the queue is deep, matching
waits for the sweeper, and nothing is refused."""

import base64
import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reunify import queue
from reunify.actions.tasks import match_report, match_reports, matching_sweep
from reunify.board.models import Report
from reunify.matches.models import ReportKey
from reunify.moderation.retention import record_purge
from tests.conftest import make_post, make_report

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fresh_depth(monkeypatch):
    # Ask Redis every time, so each step sees the queue as it is now.
    monkeypatch.setattr(queue, "QUEUE_DEPTH_TTL_SECONDS", 0)


QUEUES = ("celery", "matching")  # the default queue, and matching's own


def _queued_tasks(client) -> list[str]:
    raws = [raw for queue in QUEUES for raw in client.lrange(queue, 0, -1)]
    return [json.loads(raw)["headers"]["task"] for raw in raws]


def _waiting_task(client, queue: str = "matching") -> None:
    client.lpush(queue, json.dumps({"headers": {"task": "someone.else"}}))


def test_i_m_safe_saves_in_one_transaction_of_five_queries_and_leaves_matching_to_the_workers(
    client, incident, broker, fresh_depth, django_assert_max_num_queries
):
    url = reverse("board:safe-create", args=["paris"])
    client.get(reverse("board:incident", args=["paris"]))  # the incident is in the cache
    data = {"full_name": "Mohamed Benali", "message": "I am fine", "contact_email": "m@example.org"}
    # BEGIN, the risk check, the report, the link e-mail row, COMMIT: the incident comes
    # from the cache (read once, not by the guard and the view each), no session row, no
    # search keys, matching, scoring or sending in the request.
    with django_assert_max_num_queries(5):
        assert client.post(url, data).status_code == 302
    report = Report.objects.get()
    assert report.match_pending_since is not None
    assert sorted(_queued_tasks(broker)) == [
        "reunify.actions.tasks.match_report",
        "reunify.alerts.tasks.send_message",
    ]


def test_i_m_safe_with_a_phone_only_is_four_queries_even_with_a_cold_cache(
    client, incident, broker, fresh_depth, django_assert_max_num_queries
):
    url = reverse("board:safe-create", args=["paris"])
    data = {"full_name": "Mohamed Benali", "contact_phone": "+33 6 12 34 56 78"}
    # Four, and one more to read the incident into the cache.
    with django_assert_max_num_queries(5):
        assert client.post(url, data).status_code == 302
    with django_assert_max_num_queries(4):
        assert client.post(url, {**data, "full_name": "Amina Benali"}).status_code == 302
    assert Report.objects.count() == 2
    assert _queued_tasks(broker) == ["reunify.actions.tasks.match_report"] * 2


def test_the_worker_makes_the_search_keys_then_search_finds_the_person(
    client, incident, broker, fresh_depth
):
    url = reverse("board:safe-create", args=["paris"])
    client.post(url, {"full_name": "Mohamed Benali", "contact_phone": "+33 6 12 34 56 78"})
    report = Report.objects.get()
    assert not ReportKey.objects.filter(report=report).exists()  # not in the request
    search = reverse("board:search", args=["paris"])
    assert "Mohamed Benali" not in client.get(search, {"q": "Mohammed Benali"}).content.decode()

    match_report.apply(args=[report.pk])  # what the worker runs
    assert ReportKey.objects.filter(report=report).exists()
    assert "Mohamed Benali" in client.get(search, {"q": "Mohammed Benali"}).content.decode()
    keys = set(ReportKey.objects.filter(report=report).values_list("key", flat=True))
    match_report.apply(args=[report.pk])  # run twice: the same keys, once each
    assert sorted(ReportKey.objects.filter(report=report).values_list("key", flat=True)) == sorted(
        keys
    )


def test_a_record_purged_before_its_task_runs_gets_no_keys_back(incident, broker, fresh_depth):
    incident.intake_only = True  # its task waits for the sweeper
    incident.save()
    report = make_report(incident)
    record_purge(record=report)
    assert not ReportKey.objects.filter(report=report).exists()
    match_reports.apply(args=[[report.pk]])  # the sweeper's batch, late
    assert not ReportKey.objects.filter(report=report).exists()


def test_when_the_queue_is_deep_matching_waits_for_the_sweeper(
    incident, broker, fresh_depth, settings
):
    settings.MATCHING_QUEUE_DEEP = 3
    for _ in range(3):
        _waiting_task(broker)
    make_post(incident)
    report = make_report(incident)  # accepted all the same
    assert Report.objects.filter(pk=report.pk, match_pending_since__isnull=False).exists()
    assert "reunify.actions.tasks.match_report" not in _queued_tasks(broker)
    # Still deep: the sweeper leaves the workers alone.
    assert matching_sweep(older_than_seconds=0) == 0
    broker.delete(*QUEUES)
    assert matching_sweep(older_than_seconds=0) == 2
    assert sorted(_queued_tasks(broker)) == [
        "reunify.actions.tasks.match_posts",
        "reunify.actions.tasks.match_reports",
    ]


def test_what_intake_only_kept_back_goes_to_the_workers_once_the_queue_is_empty(
    incident, broker, fresh_depth
):
    incident.intake_only = True
    incident.save()
    report = make_report(incident)
    assert "reunify.actions.tasks.match_report" not in _queued_tasks(broker)
    # half a minute later: long before a task would count as lost (two minutes)
    Report.objects.filter(pk=report.pk).update(
        match_pending_since=timezone.now() - timedelta(seconds=30)
    )
    _waiting_task(broker)
    assert matching_sweep() == 0  # a matching task still waits: it might be this record's
    broker.delete("matching")
    # e-mails waiting in the default queue (the secret link) hold nothing back
    assert broker.llen("celery") >= 1
    assert matching_sweep() == 1
    assert _queued_tasks(broker)[-1] == "reunify.actions.tasks.match_reports"
    assert broker.lrange("matching", 0, -1)  # on matching's own queue
    # the worker matched it; one just saved may have its task on the way: left for later
    Report.objects.filter(pk=report.pk).update(match_pending_since=None)
    make_report(incident, full_name="Sara Haddad")
    broker.delete(*QUEUES)
    assert matching_sweep() == 0


def _queued_ids(client) -> list:
    # A task's arguments, as the worker reads them: ids only.
    messages = [json.loads(raw) for raw in reversed(client.lrange("matching", 0, -1))]
    return [json.loads(base64.b64decode(m["body"]))[0] for m in messages]


def test_the_sweeper_hands_over_what_waited_a_batch_to_a_task(
    incident, broker, fresh_depth, settings
):
    settings.MATCHING_TASK_BATCH = 2
    incident.intake_only = True
    incident.save()
    reports = [make_report(incident, full_name=f"Person {n} Haddad") for n in range(5)]
    broker.delete(*QUEUES)  # the secret-link e-mails
    Report.objects.update(match_pending_since=timezone.now() - timedelta(seconds=30))

    assert matching_sweep() == 5
    ids = [r.pk for r in reports]
    assert _queued_tasks(broker) == ["reunify.actions.tasks.match_reports"] * 3
    assert _queued_ids(broker) == [[ids[0:2]], [ids[2:4]], [ids[4:5]]]
