"""Embedded mode (no broker, no celery beat): the web process runs the beat schedule itself.

In production, beat runs the sweepers that send held (grouped) alerts, retries and
anything a lost publish dropped. Without a broker there is no beat, so a background thread
of the serving process runs the same schedule, each task in-process as eager tasks run.
Every task claims its rows with a conditional UPDATE, so two processes doing this (or a
sweep racing a request) never send twice.
"""

import logging
import threading
import time

from django.db import connections

from reunify.celery import app

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0
_started = threading.Lock()
_thread: threading.Thread | None = None


def beat_tick(next_due: dict[str, float], now: float) -> list[str]:
    """Run every schedule entry that is due; returns the names of those that ran."""
    ran = []
    for name, entry in app.conf.beat_schedule.items():
        if now < next_due.setdefault(name, now + float(entry["schedule"])):
            continue
        next_due[name] = now + float(entry["schedule"])
        try:
            app.tasks[entry["task"]].apply()
        except Exception:  # noqa: BLE001 - one failing sweep must not stop the others
            logger.exception("embedded beat: %s failed", name)
        ran.append(name)
    return ran


def _loop() -> None:
    # The engine's name tables first (seconds to read): read once here, not by every request
    # thread that meets them at once in the board's first minute (reunify/matching/warmup.py).
    from reunify.matching.warmup import warm_up

    warm_up()
    next_due: dict[str, float] = {}
    while True:
        time.sleep(TICK_SECONDS)
        try:
            beat_tick(next_due, time.monotonic())
        finally:
            connections.close_all()  # this thread's connections; SQLite keeps no lock open


def beat_start() -> bool:
    """Start the thread once per process; False when it was already running."""
    global _thread
    with _started:
        if _thread is not None and _thread.is_alive():
            return False
        # A worker imports every app's tasks when it starts; a web process only those its
        # views happen to import, and a sweeper whose task is not registered never runs.
        app.loader.import_default_modules()
        _thread = threading.Thread(target=_loop, name="embedded-beat", daemon=True)
        _thread.start()
    logger.info("embedded mode: periodic tasks run in this process")
    return True
