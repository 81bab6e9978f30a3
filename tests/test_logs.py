import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings

from reunify.logfilters import RedactSecretLinks


def test_secret_tokens_in_request_paths_never_reach_the_logs():
    uid = uuid.uuid4()
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/manage/p/{uid}/0123456789abcdef0123456789abcdef01234567/",),
        None,
    )
    RedactSecretLinks().filter(record)
    assert record.getMessage() == f"Not Found: /manage/p/{uid}/[token]/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("debug", ["0", "1"])
def test_the_web_servers_request_lines_never_carry_a_secret_token(tmp_path, debug):
    """runserver's own log lines (django.server), 4xx and 5xx included, go through the filter."""
    port, uid, token = _free_port(), uuid.uuid4(), "0123456789abcdef0123456789abcdef01234567"
    env = {**os.environ, "DEBUG": debug, "EMBEDDED": "1", "VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)  # an empty SQLite file: the review page fails with a 500
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        statuses = {
            _get(f"{base}/manage/p/{uid}/{token}/no-such-page/"),  # 404
            _get(f"{base}/manage/p/{uid}/{token.upper()}/no-such-page/"),  # a mistyped link
            _get(f"{base}/review/{uid}/{token}/"),  # 500: no tables
        }
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert statuses == {404, 500}
    assert f"/manage/p/{uid}/[token]/no-such-page/" in output  # the lines are still logged
    assert token not in output.lower()
