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
    #: Median processor time (user and system, the command and the workers it waited
    #: for), in seconds: what a busy machine disturbs least (None where the OS cannot say).
    cpu_seconds: float | None
    #: Largest peak resident memory over the runs, in MB (None where the OS cannot say).
    peak_mb: float | None
    #: Lines the command printed on standard output (its findings) in the last run.
    lines: int
    returncode: int
    #: What the command printed on standard output in its last run.
    output: bytes = b""


@dataclass(frozen=True)
class _Run:
    seconds: float
    cpu_seconds: float | None
    peak_mb: float | None
    returncode: int


def _run_once(command: Sequence[str], cwd: Path, env: dict[str, str], output: Path) -> _Run:
    with output.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            # (Linux reports peak memory in KiB)
            return _Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                        os.waitstatus_to_exitcode(status))
        proc.wait()  # pragma: no cover - platforms without wait4
        return _Run(time.perf_counter() - start, None, None, proc.returncode)


def side_by_side(commands: Sequence[tuple[Sequence[str], dict[str, str]]], cwd: Path, runs: int, *,
                 warmup: bool = True) -> list[Measure]:
    """Each ``(command, env)`` run ``runs`` times (after one unmeasured run that fills
    caches), taking turns run by run, so that a machine that gets busier or quieter
    meanwhile weighs on all of them alike."""
    outputs = [cwd / f".bench-output-{i}" for i in range(len(commands))]
    if warmup:
        for (command, env), output in zip(commands, outputs):
            _run_once(command, cwd, env, output)
    done: list[list[_Run]] = [[] for _ in commands]
    for _ in range(runs):
        for (command, env), output, runs_of in zip(commands, outputs, done):
            runs_of.append(_run_once(command, cwd, env, output))
    found = []
    for output, runs_of in zip(outputs, done):
        printed = output.read_bytes()
        cpu = [r.cpu_seconds for r in runs_of if r.cpu_seconds is not None]
        peaks = [r.peak_mb for r in runs_of if r.peak_mb is not None]
        found.append(Measure(statistics.median(r.seconds for r in runs_of), statistics.median(cpu) if cpu else None,
                             max(peaks) if peaks else None, printed.count(b"\n"), runs_of[-1].returncode, printed))
        output.unlink()
    return found


def measure(command: Sequence[str], cwd: Path, env: dict[str, str], runs: int, *, warmup: bool = True) -> Measure:
    """Run ``command`` ``runs`` times (after one unmeasured run that fills caches)."""
    return side_by_side([(command, env)], cwd, runs, warmup=warmup)[0]
