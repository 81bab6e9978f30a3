"""Two boards on loopback that follow each other: two databases, two gunicorn servers.

A family posts on board A; the person says "I'm safe" on board B under another spelling.
Each board pulls the other's feed (the beat task's work, run here with `manage.py
pull_peers`): the family on A gets exactly one alert e-mail. Then an edit on A, and its
deletion, each reach B in one pull.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.pfif.conformance import problems

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
SLUG = "crisis"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Board:
    def __init__(self, name: str, database: str, tmp: Path):
        db = connection.settings_dict
        server = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
        self.name, self.database, self.admin_url = name, database, f"{server}/postgres"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.outbox = tmp / f"outbox-{name}"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"{server}/{database}",
            "EMAIL_OUTBOX_DIR": str(self.outbox),
            "VAR_DIR": str(tmp / f"var-{name}"),
            "MEDIA_ROOT": str(tmp / f"media-{name}"),
            "PRIVATE_UPLOAD_ROOT": str(tmp / f"uploads-{name}"),
            "SITE_URL": self.url,
            "PFIF_DOMAIN": f"board-{name}.test",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Tasks in-process and e-mail to a folder, chosen on purpose (reunify/checks.py).
            "EMBEDDED": "1",
        }
        for name_ in ("REDIS_URL", "EMAIL_BACKEND", "EMAIL_HOST", "DJANGO_SETTINGS_MODULE"):
            self.env.pop(name_, None)  # tasks run in-process; e-mail goes to the outbox
        self.server = None
        self.log = tmp / f"server-{name}.log"

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(sql)

    def create(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("open_incident", SLUG, "--name", "Crisis", "--area", "Somewhere")

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')

    def start(self) -> None:
        self.server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "reunify.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2).read()
                return
            except OSError:
                assert self.server.poll() is None, self.log.read_text()
                time.sleep(0.3)
        raise AssertionError(f"board {self.name} did not start: {self.log.read_text()}")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=20)

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def python(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code).strip()

    def feed(self) -> bytes:
        return urllib.request.urlopen(f"{self.url}/pfif/{SLUG}/feed.atom", timeout=10).read()

    def alert_mails(self) -> list[str]:
        if not self.outbox.exists():
            return []
        texts = [path.read_text() for path in self.outbox.iterdir()]
        return [text for text in texts if "Possible match" in text]


@pytest.fixture
def boards(tmp_path):
    base = connection.settings_dict["NAME"]
    a, b = Board("a", f"{base}_a", tmp_path), Board("b", f"{base}_b", tmp_path)
    try:
        for board in (a, b):
            board.create()
            board.start()
        yield a, b
    finally:
        for board in (a, b):
            board.stop()
            board.drop()


POST = """
from reunify.actions.records import post_create
from reunify.board.models import Incident
post = post_create(incident=Incident.objects.get(slug="crisis"), full_name="Mohamed Benali",
                   age=34, sex="male", contact_name="Amina Benali",
                   contact_email="amina.benali@example.org")
print(post.uid)
"""
SAFE = """
from reunify.actions.records import report_create
from reunify.board.models import Incident
report = report_create(incident=Incident.objects.get(slug="crisis"), kind="safe",
                       full_name="Mohammed Ben Ali", age=34, sex="male",
                       contact_email="mohammed@example.org")
print(report.uid)
"""
COPY = """
from reunify.board.models import Post
copy = Post.objects.get(origin="Board A")
print(repr((copy.full_name, copy.purged_at is not None)))
"""


def test_a_post_on_one_board_and_a_safe_report_on_another_make_one_alert_and_changes_follow(
    boards,
):
    a, b = boards
    a.manage(
        "follow_peer", f"{b.url}/pfif/{SLUG}/feed.atom", "--incident", SLUG, "--name", "Board B"
    )
    b.manage(
        "follow_peer", f"{a.url}/pfif/{SLUG}/feed.atom", "--incident", SLUG, "--name", "Board A"
    )

    post_uid = a.python(POST)
    b.manage("pull_peers")
    assert b.python(COPY) == "('Mohamed Benali', False)"
    b.python(SAFE)
    a.manage("pull_peers")
    b.manage("pull_peers")  # B sees its own report come back from A: nothing changes
    a.manage("pull_peers")  # and A reads B again: still one alert

    mails = a.alert_mails()
    assert len(mails) == 1, mails
    assert "amina.benali@example.org" in mails[0]
    assert b.alert_mails() == []
    for board in (a, b):
        assert not problems(board.feed()), problems(board.feed())

    # An edit on A reaches B in one pull (PFIF dates have whole seconds: the edit is later)
    time.sleep(1.1)
    a.python(
        "from reunify.actions.records import post_update\n"
        "from reunify.board.models import Post\n"
        f"post_update(post=Post.objects.get(uid='{post_uid}'), full_name='Mohamed Benali Haddad')"
    )
    b.manage("pull_peers")
    assert b.python(COPY) == "('Mohamed Benali Haddad', False)"

    # and so does its deletion: a placeholder, and B deletes its copy
    a.python(
        "from reunify.actions.records import record_withdraw\n"
        "from reunify.board.models import Post\n"
        f"record_withdraw(record=Post.objects.get(uid='{post_uid}'))"
    )
    b.manage("pull_peers")
    assert b.python(COPY) == "('', True)"
    for board in (a, b):
        assert not problems(board.feed()), problems(board.feed())
