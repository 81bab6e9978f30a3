"""The stack bench.surge starts on loopback (gunicorn, a Celery worker and beat, a private
Redis, an SMTP sink, a fresh PostgreSQL database), the board it seeds, and small helpers."""

from __future__ import annotations

import logging
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIVEN = "Mohamed Amina Karim Leila Youssef Nadia Omar Salma Hassan Fatima Ali Yasmine Samir "
FAMILY = "Benali Haddad Khoury Mansour Saleh Nasser Aziz Bakri Darwish Farah Hamdan Jaber "


def say(text: str = "") -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 - not up yet
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise SystemExit(f"timed out after {timeout} s waiting for {what}")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Stack:
    """The processes of one run; stop() ends them all (each in its own process group)."""

    def __init__(self, folder: Path, args):
        self.folder, self.args = folder, args
        self.processes: list[subprocess.Popen] = []
        self.smtp = None
        self.received: list[tuple[float, list[str]]] = []

    def spawn(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=(self.folder / f"{name}.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_redis(self) -> str:
        port = free_port()
        self.spawn(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            os.environ.copy(),
        )
        import redis

        wait_for(lambda: redis.Redis(port=port, socket_timeout=0.5).ping(), 10, "Redis")
        return f"redis://127.0.0.1:{port}"

    def start_smtp(self) -> int:
        import email

        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)
        received = self.received

        class Sink:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content)
                keys = [k for k in (message.get("X-Reunify-Alerts") or "").split(",") if k]
                received.append((time.time(), keys))
                return "250 OK"

        port = free_port()
        self.smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
        self.smtp.start()
        return port

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=15)
                except (subprocess.TimeoutExpired, ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
        if self.smtp is not None:
            self.smtp.stop()


def fresh_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin_url + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{admin_url}/{name}"


# The write floor's table (bench/surge_urls.py): the bench's own, in the bench's database.
FLOOR_TABLE = "bench_write_floor"


def write_floor_table(database_url: str) -> None:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(
            f"CREATE TABLE IF NOT EXISTS {FLOOR_TABLE} (id bigserial PRIMARY KEY,"
            " full_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
        )


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def seed(env: dict, posts: int, rng: random.Random) -> dict:
    """The incident and its posted searches, written through the board's own services in this
    process (Django set up on the bench's environment)."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "reunify.settings"
    import django

    django.setup()
    from reunify.actions.records import post_create
    from reunify.board.services import incident_create

    incident = incident_create(name="Surge bench", slug="surge", area="Paris, France")
    given, family = GIVEN.split(), FAMILY.split()
    names = [f"{g} {f}" for g in given for f in family]
    rng.shuffle(names)
    if posts > len(names):
        raise SystemExit(f"--posts at most {len(names)}")
    plan_posts = []
    for i, name in enumerate(names[:posts]):
        age = rng.randrange(5, 85)
        post = post_create(
            incident=incident,
            full_name=name,
            age=age,
            contact_email=f"family{i}@example.org",
            description="Posted before the surge.",
            from_partner=True,
        )
        plan_posts.append((name, age, f"/p/{post.uid}/"))
    return {"incident": incident.slug, "posts": plan_posts}


def intake_only_on(slug: str) -> None:
    """What a coordinator switches on when the surge comes (volunteer incident page): posts,
    reports and "I'm safe" still go in, pages and searches are served from cache, matching
    waits for the sweeper. Set through the board's own service, as the switch does."""
    from reunify.board.models import Incident
    from reunify.board.services import incident_update

    incident_update(incident=Incident.objects.get(slug=slug), intake_only=True)


def queue_drained(env: dict) -> bool:
    from django.db.models import Q

    from reunify.alerts.models import Alert
    from reunify.board.models import Post, Report

    pending = Q(match_pending_since__isnull=False)
    return not (
        Post.objects.filter(pending).exists()
        or Report.objects.filter(pending).exists()
        or Alert.objects.filter(state__in=["pending", "sending"]).exists()
    )


def _part_of(name: str, command: str) -> str:
    if "gunicorn" in command:
        return "web"
    if "celery" in command:
        return "beat" if " beat" in command else "worker"
    if name.startswith("postgres"):
        return "postgres"
    if name.startswith("redis"):
        return "redis"
    if "locust" in command or name == "wrk":
        return "load generator"
    return "other"


def cpu_seconds_by_part() -> dict[tuple[str, int], float]:
    """CPU seconds (user + system) each process has used so far, by (part, pid). Two readings
    apart say where a phase's time went (cpu_used_between)."""
    import psutil

    readings: dict[tuple[str, int], float] = {}
    for process in psutil.process_iter(["name", "cmdline", "cpu_times"]):
        times = process.info["cpu_times"]
        if times is None:
            continue
        part = _part_of(process.info["name"] or "", " ".join(process.info["cmdline"] or []))
        readings[(part, process.pid)] = times.user + times.system
    return readings


def stolen_seconds() -> float:
    """CPU seconds the hypervisor has given to other machines since boot, all cores summed."""
    import psutil

    return getattr(psutil.cpu_times(), "steal", 0.0)


def cpu_used_between(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds by part between two readings: a process started meanwhile counts whole, one
    that ended meanwhile (a recycled web worker) is missed."""
    used: dict[str, float] = {}
    for (part, pid), seconds in after.items():
        used[part] = used.get(part, 0.0) + seconds - before.get((part, pid), 0.0)
    return used
