"""gunicorn in production: `gunicorn -c gunicorn.conf.py reunify.wsgi` (deploy/systemd does).

Each value can be changed from the environment (deploy/reunify.env.example).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request spends as long waiting on PostgreSQL (a commit), Redis and the broker as it runs
# Python: a few threads per worker run another request meanwhile.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stuck (a hung query): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# nginx keeps connections to us open (upstream keepalive): a little longer than its idle time.
keepalive = 75
# Recycle workers now and then, so a slow leak never takes the board down mid-surge; the
# jitter keeps them from restarting all at once. Not too often: a new worker spends about
# 5 s of CPU reading the name tables (post_worker_init), and at a surge's thousand requests a
# second every 5,000 requests would be a worker starting every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
# No access log here: request lines carry secret links. nginx logs them, redacted.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Behind nginx on the same host: the client address comes from X-Forwarded-For, which the
# board reads only with TRUST_X_FORWARDED_FOR=1.
forwarded_allow_ips = "127.0.0.1"


def post_worker_init(worker):
    """Load what every request needs (URLs, templates, the matching engine's name tables), then
    freeze it out of the garbage collector's sight: those objects live as long as the worker,
    and scanning them again on each collection cost an "I'm safe" POST about a tenth of its CPU
    (9.5 -> 8.7 ms, in process). The name tables take seconds to read; read here, before the
    worker takes a request, no visitor waits for them (reunify/matching/warmup.py)."""
    import gc

    from django.template.loader import get_template
    from django.urls import get_resolver

    from reunify.matching.warmup import warm_up

    warm_up()
    get_resolver().resolve("/healthz")
    for name in ("board/incident.html", "board/safe_form.html", "board/post_detail.html"):
        get_template(name)
    gc.collect()
    gc.freeze()
