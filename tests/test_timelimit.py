"""The watchdog that stops a slow rule in the command line and its workers, where match
calls carry no time limit of their own (cslint.runtime.timelimit)."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_robustness_input import TIMEOUT_RULE

from cslint.cli import main as cli
from cslint.runtime import timelimit

needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget of 0.3 s checked every 0.05 s, so that a test waits a moment, not 2 s."""
    monkeypatch.setattr(timelimit, "SECONDS", 0.3)
    monkeypatch.setattr(timelimit, "TICK", 0.05)


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@needs_alarm
def test_a_rule_past_its_budget_is_stopped_and_the_alarm_is_put_back(quick: None) -> None:
    with timelimit.watching() as on:
        assert on and timelimit.per_call() is None  # match calls go without a limit
        dog = timelimit.current()
        assert dog is not None
        dog.running = (0.3,)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            _busy(5)
        dog.running = None
        assert 0.3 <= time.monotonic() - started < 2
    assert timelimit.per_call() == 0.3 and timelimit.current() is None
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@needs_alarm
def test_no_rule_running_means_nothing_is_stopped(quick: None) -> None:
    """Between rules (and in the parent waiting for its workers) the token is None: time
    spent there never raises."""
    with timelimit.watching():
        _busy(0.6)


@needs_alarm
def test_each_rule_gets_its_own_budget(quick: None) -> None:
    """A new token per rule: three rules of 0.2 s in a row are not one rule of 0.6 s."""
    seconds = 0.3
    with timelimit.watching():
        dog = timelimit.current()
        assert dog is not None
        for _ in range(3):
            dog.running = (seconds,)  # built at run time, as the engine does
            _busy(0.2)
        dog.running = None


@needs_alarm
def test_someone_elses_alarm_is_left_alone(quick: None) -> None:
    def theirs(signum, frame):  # noqa: ANN001
        pass

    previous = signal.signal(signal.SIGALRM, theirs)
    try:
        with timelimit.watching() as on:
            assert not on and timelimit.per_call() == 0.3  # match calls keep their limit
        assert signal.getsignal(signal.SIGALRM) is theirs
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_match_calls_keep_their_limit(quick: None) -> None:
    seen: list[object] = []

    def run() -> None:
        with timelimit.watching() as on:
            seen.append((on, timelimit.per_call()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [(False, 0.3)]


def _lint(folder: Path, *args: str) -> list[dict]:
    out = io.StringIO()
    argv = ["--isolated", "--no-default-rules", "--rules", str(folder / "rules"), "--format", "json", *args, str(folder / "replies")]
    assert cli.run_lint(argv, out) == 1
    return json.loads(out.getvalue())


@pytest.fixture
def slow_rule(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yml").write_text(TIMEOUT_RULE, encoding="utf-8")
    replies = tmp_path / "replies"
    replies.mkdir()
    for i in range(40):  # enough files for the parallel run to start its workers
        (replies / f"r{i:02}.txt").write_text("aab\n", encoding="utf-8")
    (replies / "r33.txt").write_text("a" * 5000 + "!\n", encoding="utf-8")
    return tmp_path


@needs_alarm
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_stops_a_catastrophic_pattern(quick: None, slow_rule: Path, jobs: str) -> None:
    """The command line (and each worker process) runs the watchdog: the slow reply gets
    CS903, every file before it its finding, in order, and the rule is stopped for the
    files after it."""
    found = _lint(slow_rule, "-j", jobs)
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [
        *((f"r{i:02}.txt", "CS189") for i in range(33)),
        ("r33.txt", "CS903"),
    ]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the watchdog needs Unix timer signals")
def test_a_large_report_to_a_slow_pipe_comes_out_whole(tmp_path: Path) -> None:
    """Unbuffered output (PYTHONUNBUFFERED, as in many CI images) writes straight to the
    pipe; a watchdog tick during a write that waits for the reader used to end it early,
    and the rest of the report was lost without a word."""
    reply = tmp_path / "reply.txt"
    reply.write_text("We will utilize it.\n" * 3000, encoding="utf-8")  # a report of about 250 kB
    script = "import sys\nfrom cslint.cli import main as cli\nfrom cslint.runtime import timelimit\ntimelimit.TICK = 0.002\nsys.exit(cli.main(sys.argv[1:]))\n"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "-q", "--exit-zero", "-j", "1", str(reply)],
        stdout=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    time.sleep(0.5)  # the report fills the pipe and waits for this reader while the watchdog ticks
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert out.count(b" CS201 ") == 3000


@needs_alarm
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_stopped_once_is_not_run_again(quick: None, tmp_path: Path, jobs: str) -> None:
    """One catastrophic rule on many replies costs its budget once (once per worker
    process at most) and gives one CS903 for the run, at the first reply it was stopped
    on; it used to cost the budget and a CS903 on every reply. With two jobs the first
    half of the files is linted before the workers start and the slow replies are dealt
    over both workers in several chunks, so each worker stops the rule on its own."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yml").write_text(TIMEOUT_RULE, encoding="utf-8")
    replies = tmp_path / "replies"
    replies.mkdir()
    for i in range(40):
        (replies / f"r{i:02}.txt").write_text("aab\n" if i < 25 else "a" * 30_000 + "!\n", encoding="utf-8")
    found = _lint(tmp_path, "-j", jobs)
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [
        *((f"r{i:02}.txt", "CS189") for i in range(25)),
        ("r25.txt", "CS903"),
    ]
    rule = tmp_path / "rules" / "slow.yml"
    assert found[-1]["message"] == (f"CS189 ({rule}) took too long on this reply and is not run again in this run; "
                                    "its pattern may backtrack catastrophically")
