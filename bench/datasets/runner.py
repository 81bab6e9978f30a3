"""Runs a linker command line as a subprocess and reads its pairs back."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.datasets.metrics import Pair, read_pairs

DEFAULT_ENGINE = f"{shlex.quote(sys.executable)} -m reunify.matching"


@dataclass
class Run:
    pairs: list[Pair]
    seconds: float


class EngineError(RuntimeError):
    pass


def engine_available(engine_cmd: str) -> bool:
    try:
        done = subprocess.run(
            [*shlex.split(engine_cmd), "--help"], capture_output=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def run_linker(engine_cmd: str, left: Path, right: Path, out: Path, timeout: float = 1800) -> Run:
    command = [*shlex.split(engine_cmd), "link", str(left), str(right), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise EngineError(f"{shlex.join(command)} exited {done.returncode}\n{done.stderr[-3000:]}")
    return Run(read_pairs(out), seconds)
