"""Start the real web server for a test: gunicorn on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def database_url() -> str:
    assert connection.vendor == "postgresql", "run the suite with DATABASE_URL=postgres://…"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict | None = None, timeout: float = 10) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@contextmanager
def gunicorn(log_path: Path, *, workers: int = 2, env: dict | None = None):
    """Yield the base URL of a gunicorn serving this test's database; its access log (pid,
    status, path) goes to log_path."""
    port = free_port()
    process_env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CACHE_URL": REDIS_URL,
        "DEBUG": "0",
        "TRUST_X_FORWARDED_FOR": "0",
        **(env or {}),
    }
    for name in ("EMAIL_BACKEND", "DJANGO_SETTINGS_MODULE"):
        process_env.pop(name, None)
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "reunify.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--access-logfile=-",
            "--access-logformat=access %(p)s %(s)s %(U)s",
        ],
        cwd=ROOT,
        env=process_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()
            try:
                if get(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start:\n" + log_path.read_text()
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
