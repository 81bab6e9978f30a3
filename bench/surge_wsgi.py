"""The board as bench.surge serves it: reunify.wsgi, and each request's CPU time written to
SURGE_CPU_LOG.<pid> (seconds since the epoch, route, CPU ms), so the bench can say what each
route costs the web workers under the mix. The thread's own CPU time: waiting for the
database, Redis or another thread's turn is not counted. Its addresses are the board's and the
bench's write floor (bench/surge_urls.py)."""

import os
import re
import time

from django.conf import settings

from reunify.wsgi import application as board

# Read by Django's handler at each request, so set once the app is loaded is soon enough.
settings.ROOT_URLCONF = "bench.surge_urls"

_ROUTES = [
    (re.compile(r"^/healthz$"), {"GET": "/healthz"}),
    (re.compile(r"^/i/[\w-]+/$"), {"GET": "incident page"}),
    (re.compile(r"^/i/[\w-]+/search/$"), {"GET": "search"}),
    (re.compile(r"^/i/[\w-]+/safe/$"), {"GET": "form page", "POST": "i'm safe"}),
    (re.compile(r"^/i/[\w-]+/missing/new/$"), {"POST": "search posted"}),
    (re.compile(r"^/p/[\w-]+/$"), {"GET": "person page", "POST": "relay"}),
    (re.compile(r"^/bench/write-floor/$"), {"POST": "write floor"}),
]
_log = None


def _route(environ) -> str:
    path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
    for pattern, names in _ROUTES:
        if pattern.match(path):
            return names.get(method, "other")
    return "other"


def application(environ, start_response):
    global _log
    started = time.thread_time()
    try:
        return board(environ, start_response)
    finally:
        spent = (time.thread_time() - started) * 1000
        if _log is None:
            _log = open(f"{os.environ['SURGE_CPU_LOG']}.{os.getpid()}", "a", buffering=1)  # noqa: SIM115
        _log.write(f"{time.time():.3f}\t{_route(environ)}\t{spent:.3f}\n")
