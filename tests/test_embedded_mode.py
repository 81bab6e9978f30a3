"""The first run: SQLite, no broker, e-mail in a folder, demo incident loaded."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

REPORT_SAFE = """
from reunify.board.models import Incident
from reunify.actions.records import report_create
report_create(
    incident=Incident.objects.get(slug="demo-paris"), kind="safe",
    full_name="Mohammed Ben Ali", age=34, contact_email="mohammed@example.org",
)
"""


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout


def test_first_run_on_sqlite_loads_the_demo_and_alerts_through_the_outbox(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["VAR_DIR"] = str(tmp_path)
    env["EMBEDDED"] = "1"  # chosen on purpose, as `make run` does (reunify/checks.py)
    env.pop("DJANGO_SETTINGS_MODULE", None)

    _manage(env, "migrate", "--noinput")
    assert "Loaded demo incident" in _manage(env, "load_demo")
    assert "already loaded" in _manage(env, "load_demo")
    _manage(env, "shell", "-c", REPORT_SAFE)

    assert (tmp_path / "reunify.sqlite3").exists()
    mails = [p.read_text() for p in (tmp_path / "outbox").iterdir()]
    alerts = [m for m in mails if "Possible match" in m or "Correspondance possible" in m]
    assert len(alerts) == 1, mails
    assert "famille.benali@example.org" in alerts[0]
    assert "http://127.0.0.1:8000/review/" in alerts[0]


TWO_REPORTS = """
from reunify.board.models import Incident
from reunify.actions.records import report_create
incident = Incident.objects.get(slug="demo-paris")
report_create(
    incident=incident, kind="safe", full_name="Mohammed Ben Ali", age=34,
    contact_email="mohammed@example.org",
)
# A second candidate for the same family a moment later: held for the grouping window.
report_create(
    incident=incident, kind="found", condition="hospital", source="seen",
    full_name="Mouhamed Benali", age=34, contact_email="accueil@example.org",
)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alert_mails(outbox: Path) -> list[str]:
    """Alerts to the Benali family (the demo's other families may be alerted too)."""
    mails = [p.read_text() for p in outbox.iterdir()] if outbox.exists() else []
    return [m for m in mails if "X-Reunify-Alerts" in m and "To: famille.benali@" in m]


def test_under_make_run_the_second_match_is_emailed_without_a_broker(tmp_path):
    """`make run` serves with runserver and no broker: its process runs the sweepers, so the
    alert held for the grouping window goes out when the window ends."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(VAR_DIR=str(tmp_path), ALERT_GROUP_SECONDS="15", SWEEP_INTERVAL_SECONDS="1")
    env["EMBEDDED"] = "1"  # as `make run` sets it (the fail-closed checks on main want it)
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the server (and its sweeper thread) is up
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        _manage(env, "shell", "-c", TWO_REPORTS)
        outbox = tmp_path / "outbox"
        assert len(_alert_mails(outbox)) == 1
        deadline = time.monotonic() + 40
        while len(_alert_mails(outbox)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        mails = _alert_mails(outbox)
        assert len(mails) == 2, "the held alert was never sent"
    finally:
        server.terminate()
        server.wait(timeout=10)


TWO_WRITERS = """
import threading, time
from django.db import connection, connections, transaction
from reunify.board.models import Incident

first_has_read, second_started = threading.Event(), threading.Event()
failures = []

def first():
    # Reads, then writes a moment later in the same transaction (as the matching task does:
    # it reads the records it keys, then writes their keys).
    try:
        with transaction.atomic():
            Incident.objects.count()
            first_has_read.set()
            second_started.wait(5)
            time.sleep(0.3)
            Incident.objects.filter(slug="demo-paris").update(area="first")
    except Exception as error:
        failures.append(("first", repr(error)))
    finally:
        connections.close_all()

def second():
    first_has_read.wait(5)
    second_started.set()
    try:
        with transaction.atomic():
            Incident.objects.count()
            Incident.objects.filter(slug="demo-paris").update(area="second")
    except Exception as error:
        failures.append(("second", repr(error)))
    finally:
        connections.close_all()

threads = [threading.Thread(target=first), threading.Thread(target=second)]
[t.start() for t in threads]
[t.join() for t in threads]
print("journal", connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
print("area", Incident.objects.get(slug="demo-paris").area)
print("failures", failures)
"""


def test_on_sqlite_two_writers_at_once_wait_their_turn_instead_of_failing(tmp_path):
    """`make run` serves requests in threads and runs tasks in them. Two transactions that
    read then write at the same moment: the second waits for the first, neither gets
    "database is locked" (under load that failed the matching task and the visitor's POST)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(VAR_DIR=str(tmp_path), EMBEDDED="1")
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo")
    out = _manage(env, "shell", "-c", TWO_WRITERS)
    assert "failures []" in out, out
    assert "area second" in out, out  # the second, having waited, wrote last
    assert "journal wal" in out, out  # readers and the writer do not wait for each other
