"""The first run: SQLite, no broker, e-mail in a folder, demo incident loaded."""

import os
import subprocess
import sys
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
