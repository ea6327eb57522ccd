"""Timing and peak memory of one command, run as a separate process like a user runs it.

Each run is a fresh process (so start-up is counted, as pre-commit pays it), its wall
time taken with a monotonic clock, and its peak resident memory read from the kernel's
accounting for that one child (``os.wait4``), which includes the worker processes it
waited for. The median of several runs resists a noisy machine.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measure:
    #: Median wall time of the runs, in seconds.
    seconds: float
    #: Largest peak resident memory over the runs, in MB (None where the OS cannot say).
    peak_mb: float | None
    #: Lines the command printed on standard output (its findings) in the last run.
    lines: int
    returncode: int


def _run_once(command: Sequence[str], cwd: Path, env: dict[str, str], output: Path) -> tuple[float, float | None, int]:
    with output.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            return seconds, usage.ru_maxrss / 1024, proc.returncode  # Linux reports KiB
        proc.wait()  # pragma: no cover - platforms without wait4
        return time.perf_counter() - start, None, proc.returncode


def measure(command: Sequence[str], cwd: Path, env: dict[str, str], runs: int, *, warmup: bool = True) -> Measure:
    """Run ``command`` ``runs`` times (after one unmeasured run that fills caches)."""
    output = cwd / ".bench-output"
    if warmup:
        _run_once(command, cwd, env, output)
    times: list[float] = []
    peaks: list[float] = []
    code = 0
    for _ in range(runs):
        seconds, peak, code = _run_once(command, cwd, env, output)
        times.append(seconds)
        if peak is not None:
            peaks.append(peak)
    with output.open("rb") as f:
        lines = sum(1 for _ in f)
    return Measure(statistics.median(times), max(peaks) if peaks else None, lines, code)
