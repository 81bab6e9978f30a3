"""The embedded board (`make run`: runserver, SQLite, tasks in the request's thread) under many
visitors at once: what a first-time host sees when a surge finds their laptop.

    python -m bench.embedded_load [--threads 16] [--seconds 20] [--write-share 0.3]

It migrates a fresh SQLite database in a temporary folder, loads the demo incident, starts
`manage.py runserver` as `make run` does (EMBEDDED=1, DEBUG=1), then runs --threads visitors
that each read the incident page or a search, or say they are safe (--write-share of their
requests, each from its own phone), as fast as the board answers. Each request comes from a
new address (X-Forwarded-For, trusted for the bench), as a surge of different people would, so
the per-address limits do not turn the writes into 429s. Prints requests/s, answers by status, failures (5xx, timeouts), the
p50/p99 of each kind, and the "database is locked" errors in the server's log.
"""

from __future__ import annotations

import argparse
import collections
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.surge_stack import free_port, percentile, say, wait_for

ROOT = Path(__file__).resolve().parents[1]
SLUG = "demo-paris"
_TOKEN = re.compile(r'name="(csrfmiddlewaretoken|form_started)" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    def __init__(self, base: str, number: int, results: list, lock: threading.Lock):
        self.base, self.number, self.results, self.lock = base, number, results, lock
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        self.tokens: dict[str, str] = {}

    def _open(self, kind: str, url: str, data: bytes | None = None) -> None:
        # Each request from a new address, as in a surge of different people.
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        headers = {"X-Forwarded-For": address}
        if data is not None:
            headers["Referer"] = url
        started = time.monotonic()
        try:
            with self.opener.open(
                urllib.request.Request(url, data=data, headers=headers), timeout=30
            ) as response:
                status = response.status
                body = response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, b""
        except OSError as error:  # refused, reset, timed out
            status, body = type(error).__name__, b""
        with self.lock:
            self.results.append((kind, status, time.monotonic() - started))
        return body

    def start(self) -> None:
        page = self._open("form page", f"{self.base}/i/{SLUG}/safe/") or b""
        self.tokens = dict(_TOKEN.findall(page.decode(errors="replace")))

    def step(self, write_share: float, count: int) -> None:
        if random.random() < write_share:
            fields = {
                **self.tokens,
                "full_name": f"Visitor {self.number} {count}",
                "age": random.randrange(18, 80),
                "message": "I am safe.",
                "contact_phone": f"+33 6 {random.randrange(10**8):08d}",
            }
            data = urllib.parse.urlencode(fields).encode()
            self._open("i'm safe", f"{self.base}/i/{SLUG}/safe/", data)
        elif random.random() < 0.5:
            self._open("incident page", f"{self.base}/i/{SLUG}/")
        else:
            name = random.choice(["Benali", "Haddad", "Martin", "Nguyen", "Dubois"])
            self._open("search", f"{self.base}/i/{SLUG}/search/?q={name}")


def _visit(visitor: Visitor, deadline: float, write_share: float) -> None:
    visitor.start()
    time.sleep(3.5)  # the form's minimum fill time
    count = 0
    while time.monotonic() < deadline:
        count += 1
        visitor.step(write_share, count)


def _manage(env: dict, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def report(results: list, seconds: float, log: Path) -> None:
    timed = [row for row in results if row[0] != "form page"]
    say(f"\n{len(timed)} requests in {seconds:.0f} s: {len(timed) / seconds:.1f} requests/s")
    say(f"  answers: {dict(collections.Counter(status for _, status, _ in timed))}")
    failed = [r for r in timed if not isinstance(r[1], int) or r[1] >= 500]
    say(f"  failures (5xx, timeouts, refused): {len(failed)}")
    say(f"  {'kind':<16}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for kind in ("incident page", "search", "i'm safe"):
        spent = [row[2] * 1000 for row in timed if row[0] == kind]
        say(
            f"  {kind:<16}{len(spent):>9}{percentile(spent, 0.5):>9.0f}"
            f"{percentile(spent, 0.99):>9.0f}"
        )
    locked = log.read_text(errors="replace").count("database is locked")
    say(f'  "database is locked" in the server log: {locked}')


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--write-share", type=float, default=0.3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reunify-embedded-") as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.update(VAR_DIR=folder, EMBEDDED="1", DEBUG="1", TRUST_X_FORWARDED_FOR="1")
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo")
        port = free_port()
        log = Path(folder) / "server.log"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: urllib.request.urlopen(f"{base}/healthz", timeout=2), 60, "runserver")
            say(f"Embedded board at {base}: {args.threads} visitors for {args.seconds:.0f} s")
            results: list = []
            lock = threading.Lock()
            deadline = time.monotonic() + 3.5 + args.seconds
            threads = [
                threading.Thread(
                    target=_visit,
                    args=(Visitor(base, n, results, lock), deadline, args.write_share),
                )
                for n in range(args.threads)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            report(results, args.seconds, log)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
