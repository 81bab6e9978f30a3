"""The loop on the production stack: PostgreSQL, Redis and a real Celery worker process."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from reunify.alerts.models import Alert, DeliveryState
from tests.conftest import make_post, make_report

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _database_url() -> str:
    assert connection.vendor == "postgresql", "run the suite with DATABASE_URL=postgres://…"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def worker(broker, tmp_path, settings):
    outbox = tmp_path / "outbox"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "EMAIL_OUTBOX_DIR": str(outbox),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_UPLOAD_ROOT": str(settings.PRIVATE_UPLOAD_ROOT),
        "SITE_URL": "http://testserver",
        "DATABASE_CONN_MAX_AGE": "60",  # as in production (deploy/reunify.env.example)
    }
    env.pop("EMAIL_BACKEND", None)
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reunify",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(
            lambda: "ready" in (tmp_path / "worker.log").read_text() or process.poll() is not None,
            60,
            "the worker to start",
        )
        assert process.poll() is None, (tmp_path / "worker.log").read_text()
        yield outbox
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _alert_mails(outbox: Path) -> list[str]:
    if not outbox.exists():
        return []
    texts = [path.read_text() for path in outbox.iterdir()]
    return [text for text in texts if "Possible match" in text]


def test_post_and_report_give_exactly_one_alert_email_through_the_worker(incident, worker):
    make_post(incident)  # committed at once: this test runs outside a transaction
    make_report(incident)

    alert = _wait_for(
        lambda: Alert.objects.filter(state=DeliveryState.SENT).first(), 60, "the alert to be sent"
    )
    time.sleep(1)  # give a duplicate, if there were one, the time to arrive
    assert Alert.objects.count() == 1
    [mail] = _alert_mails(worker)
    assert str(alert.idempotency_key) in mail
    assert "/review/" in mail


def _worker_connections() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def _matched(record) -> bool:
    return not type(record).objects.filter(pk=record.pk, match_pending_since__isnull=False).exists()


def test_the_worker_keeps_its_database_connection_from_one_task_to_the_next(incident, worker):
    # Celery closes it around every task by default: a new PostgreSQL backend per report.
    first = make_report(incident, full_name="Amina Haddad")
    _wait_for(lambda: _matched(first), 60, "the first report's matching")
    [kept] = _wait_for(_worker_connections, 10, "the worker's connection")
    second = make_report(incident, full_name="Karim Haddad")
    _wait_for(lambda: _matched(second), 60, "the second report's matching")
    assert _worker_connections() == [kept]
