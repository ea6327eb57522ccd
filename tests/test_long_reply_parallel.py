"""One long reply's rules spread over forked processes (cslint.runtime.parallel.Spread): the
command line gets what a serial run gets, a failing or slow rule in a child is reported
as it would be in the parent, and a library call never forks."""
from __future__ import annotations

import io
import json
import os
import signal
from pathlib import Path

import pytest
from test_robustness_input import TIMEOUT_RULE

from cslint import lint_text
from cslint.checks.metric import Metric
from cslint.cli import main as cli
from cslint.rulefiles.docs import shipped_rules
from cslint.rulefiles.examples import unmark
from cslint.runtime import parallel, timelimit

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture
def spread_early(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> list[int]:
    """Replies of 2,000 characters or more are spread; returns the processes forked."""
    monkeypatch.setattr(parallel, "SPREAD_CHARS", 2000)
    return forks


def _quotes(text: str) -> bool:
    """Whether a text quotes the customer (the rest of a reply would be their message)."""
    return any(line.startswith(">") or line.rstrip().endswith("wrote:") for line in text.splitlines())


def _long_reply(folder: Path) -> Path:
    """The shipped rules' examples of what they flag, in one reply, three times over."""
    texts = [unmark(text).text for rule in shipped_rules() for text in rule.examples_flag if not _quotes(text)]
    path = folder / "long.txt"
    path.write_text("\n\n".join(texts * 3) + "\n", encoding="utf-8")
    return path


def _json(*argv: str) -> list[dict]:
    out = io.StringIO()
    cli.run_lint(["--isolated", "--format", "json", *argv], out)
    return json.loads(out.getvalue())


@needs_fork
def test_a_long_reply_gets_the_findings_of_a_serial_run(tmp_path: Path, spread_early: list[int]) -> None:
    """The examples flag every kind of rule but the ones that judge a whole reply; replies
    of bad news and of a fault without an apology have those."""
    bad_news = tmp_path / "bad-news.txt"
    # (bad news and a fault in replies of their own: in one reply CS304 yields to CS301)
    bad_news.write_text("We cannot refund this. Your order is non-refundable. " * 40, encoding="utf-8")
    fault = tmp_path / "fault.txt"
    fault.write_text("Your order is late because the app is broken. " * 45, encoding="utf-8")
    paths = [str(_long_reply(tmp_path)), str(bad_news), str(fault)]
    opt_in = ("--extend-select", ",".join(r.code for r in shipped_rules() if r.opt_in))
    serial = _json("-j", "1", *opt_in, *paths)
    assert not spread_early
    for jobs in ("2", "3"):
        assert _json("-j", jobs, *opt_in, *paths) == serial
        assert len(spread_early) == 3 * (int(jobs) - 1)  # per reply; the parent is one of the processes
        spread_early.clear()
    codes = {d["code"] for d in serial}
    assert len(serial) > 250 and len(codes) >= 20
    assert {"CS101", "CS301", "CS304", "CS501", "CS503", "CS701"} <= codes  # gated, per reply, always run


@needs_fork
def test_an_error_in_a_child_names_the_file(tmp_path: Path, spread_early: list[int],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Measures always run, so they go to a child: its error comes back as CS904."""
    def broken(self, prose):  # noqa: ANN001
        raise ValueError("boom")

    monkeypatch.setattr(Metric, "find", broken)
    path = _long_reply(tmp_path)
    found = _json("-j", "2", str(path))
    assert [(d["code"], d["message"]) for d in found] == [
        ("CS904", "internal error (RuntimeError: in a worker process: ValueError: boom); please report it with this file"),
    ]
    assert spread_early


# The catastrophic rule of the robustness tests, with no anchor (a leading '.'), so it
# always runs, in a child process.
SLOW_UNANCHORED = TIMEOUT_RULE.replace('["(a+)+b"]', '[".(a+)+b"]').replace("[aab]", "[xaab]")
GREETING = """\
code: CS188
name: greeting
principle: respect
severity: warning
type: phrases
message: "found '{match}'"
description: A plain phrase, gated by the scan.
source: test
phrases: [hello there]
examples: {flag: [hello there], pass: [hello]}
"""


@needs_fork
@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_a_slow_rule_in_a_child_is_stopped(tmp_path: Path, spread_early: list[int],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The child starts the watchdog again (a fork does not pass on the timer); without
    it, the catastrophic pattern would run for ever."""
    monkeypatch.setattr(timelimit, "SECONDS", 0.3)
    monkeypatch.setattr(timelimit, "TICK", 0.05)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yml").write_text(SLOW_UNANCHORED, encoding="utf-8")
    (rules / "greeting.yml").write_text(GREETING, encoding="utf-8")
    reply = tmp_path / "reply.txt"
    reply.write_text("hello there\n" + "x" + "a" * 3000 + "!\n", encoding="utf-8")
    found = _json("--no-default-rules", "--rules", str(rules), "-j", "2", str(reply))
    assert [(d["line"], d["code"]) for d in found] == [(1, "CS188"), (1, "CS903")]
    assert len(spread_early) == 1
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_library_call_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "SPREAD_CHARS", 100)

    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert [d.code for d in lint_text("We apologize for the delay. " * 20)] == []


def test_rules_that_share_the_scan_stay_together() -> None:
    """The rules gated by the reply's anchor scan go to one process (a scan in each would
    cost as much as their rules); measures and rules that read the raw reply or the
    customer's message in full are dealt over the others."""
    from cslint import api
    from cslint.config import Config

    plan = api.linter_for(Config()).plan_for("reply.txt").rules
    parts = plan.parts(3)
    codes = [[r.code for r in part.rules] for part in parts]
    assert len(parts) == 3 and sorted(sum(codes, [])) == sorted(r.code for r in plan.rules)
    assert {"CS101", "CS201", "CS301", "CS502"} <= set(codes[0])
    rest = set(codes[1] + codes[2])
    # context, measures, raw, rules with no gate (CS509, CS510; CS507 and CS702 are opt-in)
    assert rest == {"CS305", "CS501", "CS509", "CS510", "CS602", "CS701"}
    assert plan.parts(1) == [plan]


@needs_fork
def test_a_reply_whose_processes_cannot_start_is_linted_here(tmp_path: Path, spread_early: list[int],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """No processes or memory left to fork: the parts are linted in this process."""
    path = _long_reply(tmp_path)
    serial = _json("-j", "1", str(path))

    def out_of_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", out_of_processes)
    assert _json("-j", "3", str(path)) == serial
