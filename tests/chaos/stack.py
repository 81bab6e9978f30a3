"""The real processes the fault suite starts, breaks and stops: Redis, SMTP, Celery.

Everything listens on loopback only. Each process runs in its own process group, so
stopping it (or `kill -9` of "the whole worker") takes its children along.
"""

import asyncio
import collections
import contextlib
import email
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]


def free_port(start: int = 0) -> int:
    for port in range(start, start + 50) if start else [0]:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port from {start}")


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _stop_group(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 15) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGCONT)  # a stopped process cannot handle SIGTERM
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        process.wait(timeout=10)


class RedisServer:
    """A private Redis without persistence, as a broker that loses its queue on restart."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port(6390)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=(self.folder / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self.ping, 10, "Redis to start")

    def ping(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def shutdown_nosave(self) -> None:
        # The server closes the connection as it goes.
        with contextlib.suppress(redis.ConnectionError):
            redis.Redis(port=self.port, socket_timeout=2).shutdown(nosave=True)
        self.process.wait(timeout=10)

    def pause(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None:
            _stop_group(self.process, signal.SIGKILL)


@dataclass
class Received:
    message_id: str
    alert_keys: list[str]
    at: float  # time.time() when the server accepted it


class _Recorder:
    def __init__(self):
        self.received: list[Received] = []
        self.refusing = False
        self.delay = 0.0
        self.peers_in_rcpt: set[int] = set()  # client ports of sessions the server is holding
        # The server's log: what it answered, newest last (shown when a check fails).
        self.events: collections.deque[str] = collections.deque(maxlen=200)

    def _log(self, text: str) -> None:
        self.events.append(
            f"{time.strftime('%H:%M:%S')}.{int(time.time() * 1000) % 1000:03d} {text}"
        )

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        port = session.peer[1]
        if self.refusing:
            self._log(f"RCPT from :{port} refused 451")
            return "451 4.3.0 Try again later"
        self._log(f"RCPT from :{port} (delay {self.delay} s)")
        self.peers_in_rcpt.add(port)
        try:
            await asyncio.sleep(self.delay)  # a slow server: the sender is mid-conversation
        finally:
            self.peers_in_rcpt.discard(port)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        keys = [key for key in (message.get("X-Reunify-Alerts") or "").split(",") if key]
        self.received.append(Received(message["Message-ID"], keys, time.time()))
        self._log(f"DATA from :{session.peer[1]} 250 {message['Message-ID']} alerts={len(keys)}")
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server (aiosmtpd) that records what it accepts and can refuse (4xx)."""

    def __init__(self):
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per connection
        self.port = free_port()
        self.recorder = _Recorder()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return list(self.recorder.received)


class CeleryProcess:
    def __init__(self, name: str, arguments: list[str], env: dict, folder: Path, ready: str):
        self.name, self.arguments, self.env, self.ready = name, arguments, env, ready
        self.log_path = folder / f"{name}.log"
        self.process = None

    def start(self) -> None:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "reunify", *self.arguments],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def started():
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            return self.ready in self.log_path.read_text()[offset:]

        wait_for(started, 60, f"celery {self.name} to start")

    def kill9(self) -> None:
        """The whole worker at once: the main process and its pool children."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def children(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except FileNotFoundError:
            return []

    def stop(self) -> None:
        if self.process is not None:
            _stop_group(self.process)


def pid_with_local_port(pids: list[int], port: int) -> int | None:
    """Which of these processes holds the TCP socket whose local port is `port`."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port:
            inodes.add(fields[9])
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return pid
        except (FileNotFoundError, PermissionError):
            continue
    return None


def _tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def diagnostics(stack: dict, lines: int = 40) -> str:
    """What the worker, beat, Redis and the SMTP server had logged when a check failed."""
    folder, smtp = stack["folder"], stack["smtp"]
    recorder = smtp.recorder
    parts = [
        f"--- logs in {folder}",
        f"--- worker.log (last {lines} lines)",
        _tail(folder / "worker.log", lines),
        f"--- beat.log (last {lines} lines)",
        _tail(folder / "beat.log", lines),
        f"--- redis.log (last {lines // 4} lines)",
        _tail(folder / "redis.log", lines // 4),
        f"--- SMTP server: {len(recorder.received)} messages accepted, refusing={recorder.refusing},"
        f" delay={recorder.delay} s, sessions held in RCPT={sorted(recorder.peers_in_rcpt)};"
        f" last {lines} events",
        "\n".join(list(recorder.events)[-lines:]) or "(none)",
    ]
    return "\n".join(parts)
