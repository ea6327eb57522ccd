"""Shared fixtures: the project root, the shared material beside it, and a CLI runner."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests use a fixed sequence of examples, so CI is reproducible; a wider search
# is one environment variable away: HYPOTHESIS_PROFILE=explore pytest ...
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the project; tests that need it skip cleanly without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def run_cli(*args: str, cwd: Path | str | None = None, stdin: str | bytes | None = None,
            interpreter: Sequence[str] = ()) -> Result:
    """Run ``python -m cslint`` as a user would, in a subprocess. ``stdin`` may be bytes
    (a byte-order mark, UTF-16, bytes that are not text); ``interpreter`` holds options
    for Python itself, such as ``-X dev``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, *interpreter, "-m", "cslint", *args],
        cwd=cwd, input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin, capture_output=True, env=env,
    )
    # (read as text mode would: UTF-8, universal newlines)
    out, err = (io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read() for data in (proc.stdout, proc.stderr))
    return Result(proc.returncode, out, err)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked in the test (worker processes are forked where they can be)."""
    started: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            started.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return started


@pytest.fixture
def raises_on_doom(monkeypatch: pytest.MonkeyPatch) -> str:
    """A rule (the reading-grade metric every reply meets) that raises on a reply holding
    the word this returns, so a test can place one failing macro where it wants; forked
    workers inherit the patch."""
    from cslint.checks.metric import Metric

    real_find = Metric.find

    def broken(self, prose):  # type: ignore[no-untyped-def]
        if "DOOM" in prose.text:
            raise ValueError("boom")
        return real_find(self, prose)

    monkeypatch.setattr(Metric, "find", broken)
    return "DOOM"
