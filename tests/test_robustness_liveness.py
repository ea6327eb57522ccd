"""Runs that must end: a worker process that dies (issue 24, item 3) and files that are
not regular files (item 5). Everything that hung before runs in a subprocess under a
timeout, so the suite itself can never hang."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

#: Seconds a run here may take (each takes a few): past this it is taken to hang.
TIMEOUT = 120

#: A plugin rule type whose rules die, in the way the rule file names, on a reply holding
#: DOOM, and otherwise flag 'hello'.
DOOM_CODE = '''\
import os
import signal

from cslint.checks import Check, Finding, Key


class Doom(Check):
    type_name = "doom"
    keys = {"how": Key("text", required=True)}

    def find(self, prose):
        if "DOOM" in prose.text:
            how = self.options["how"]
            if how == "os._exit":
                os._exit(3)
            if how == "SIGKILL":
                os.kill(os.getpid(), signal.SIGKILL)
            if how == "SystemExit":
                raise SystemExit(4)
            if how == "KeyboardInterrupt":
                raise KeyboardInterrupt
        at = prose.text.find("hello")
        if at >= 0:
            yield Finding(at, at + 5, {"match": "hello"})
'''

DOOM_RULE = """\
code: CS592
name: doomed
principle: professionalism
severity: warning
type: doom
how: {how}
message: "found '{{match}}'"
description: A rule whose plugin ends the process it runs in.
source: test
examples: {{flag: [hello], pass: [bye]}}
"""


@pytest.fixture
def doom_site(tmp_path: Path) -> Path:
    """The plugin, as pip would leave it on the import path."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "doom_cslint.py").write_text(DOOM_CODE, encoding="utf-8")
    info = site / "doom_cslint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: doom-cslint\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[cslint.rule_types]\ndoom = doom_cslint:Doom\n", encoding="utf-8")
    return site


#: ``python -m cslint`` with its address space capped at 2 GB, so that reading /dev/zero
#: whole (the old behaviour) ends in a MemoryError instead of taking the machine's memory.
CAPPED = ("-c", ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
                 "sys.argv[0] = 'cslint'; runpy.run_module('cslint', run_name='__main__')"))


def _run(*args: str, cwd: Path, site: Path | None = None, stdin: int | None = None,
         capped: bool = False) -> subprocess.CompletedProcess[str]:
    """``python -m cslint`` in a session of its own: past :data:`TIMEOUT` the whole
    session (its worker processes too) is killed and the test fails."""
    path = [str(ROOT), *([str(site)] if site else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "PYTHONIOENCODING": "utf-8"}
    argv = [sys.executable, *(CAPPED if capped else ("-m", "cslint")), *args]
    with subprocess.Popen(argv, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"cslint {' '.join(args)} still ran after {TIMEOUT} s")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


@pytest.mark.parametrize(("how", "why"), [
    ("os._exit", "the worker process linting it ended (exit status 3)"),
    ("SIGKILL", "the worker process linting it was killed by SIGKILL"),
    ("SystemExit", "SystemExit: 4"),
    ("KeyboardInterrupt", "KeyboardInterrupt: "),
])
def test_a_worker_that_dies_costs_only_its_file(doom_site: Path, tmp_path: Path, how: str, why: str) -> None:
    """``-j 2`` with a plugin that ends its worker process on one file: that file gets
    one CS904 saying how, every other file its finding, in order, and the run ends."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "doom.yml").write_text(DOOM_RULE.format(how=how), encoding="utf-8")
    replies = tmp_path / "replies"
    replies.mkdir()
    for i in range(40):  # the first 20 are linted before the workers start
        (replies / f"r{i:02}.txt").write_text("DOOM hello\n" if i == 30 else "hello\n", encoding="utf-8")
    r = _run("--isolated", "--no-default-rules", "--rules", "rules", "-j", "2", "replies", cwd=tmp_path, site=doom_site)
    path = os.path.join("replies", "r{:02}.txt")
    assert r.stdout.splitlines() == [
        f"{path.format(i)}:1:1: CS592 found 'hello'" if i != 30 else
        f"{path.format(i)}:1:1: CS904 internal error ({why}); please report it with this file"
        for i in range(40)
    ]
    assert r.returncode == 1
    assert "Traceback" not in r.stderr


#: What the shipped rules say of a reply "As I said, thanks."
AS_I_SAID = "CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this platform")


@needs_fifo
def test_a_named_pipe_in_a_folder_is_not_linted(tmp_path: Path) -> None:
    """Opening a named pipe waits for a writer: in a folder it is passed over without a
    word, as a folder walk passes over what it does not lint."""
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("As I said, thanks.\n", encoding="utf-8")
    r = _run("--isolated", ".", cwd=tmp_path)
    assert (r.stdout.splitlines(), r.returncode) == ([f"b.txt:1:1: {AS_I_SAID}"], 1)


@needs_fifo
@needs_dev_zero
def test_a_named_pipe_or_device_named_on_the_command_line_is_one_notice(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "b.txt").write_text("As I said, thanks.\n", encoding="utf-8")
    r = _run("--isolated", "pipe.txt", "/dev/zero", "b.txt", cwd=tmp_path)
    assert r.stdout.splitlines() == [
        "/dev/zero:1:1: CS902 cannot read: is a character device",
        f"b.txt:1:1: {AS_I_SAID}",
        "pipe.txt:1:1: CS902 cannot read: is a named pipe",
    ]
    assert r.returncode == 1


@needs_dev_zero
def test_standard_input_is_read_to_the_size_limit_at_most(tmp_path: Path) -> None:
    """``cslint - < /dev/zero`` used to read until memory ran out."""
    (tmp_path / "cslint.toml").write_text("max-file-size = 3\n", encoding="utf-8")
    with open("/dev/zero", "rb") as zero:
        r = _run("-", cwd=tmp_path, stdin=zero.fileno(), capped=True)
    assert r.stdout.splitlines() == [
        ("stdin:1:1: CS902 too large to lint (more than the limit of 3 MB): raise max-file-size, "
         "or export the replies as JSON Lines, which is streamed"),
    ]
    assert r.returncode == 1


@needs_dev_zero
def test_a_streamed_export_reads_a_line_to_the_size_limit_at_most(tmp_path: Path) -> None:
    """A JSON Lines export on standard input is streamed line by line; a line with no end
    (``/dev/zero`` named ``export.jsonl``) was read until memory ran out."""
    (tmp_path / "cslint.toml").write_text("max-file-size = 3\n", encoding="utf-8")
    with open("/dev/zero", "rb") as zero:
        r = _run("--stdin-filename", "export.jsonl", "-", cwd=tmp_path, stdin=zero.fileno(), capped=True)
    assert r.stdout.splitlines() == [
        "export.jsonl:1:1: CS902 line 1 is longer than max-file-size (3 MB); the rest of the file is not read",
    ]
    assert r.returncode == 1


def test_a_streamed_file_keeps_the_findings_before_an_overlong_line(tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text("max-file-size = 3\n", encoding="utf-8")
    good = '{"id": 1, "text": "As I said, it ships today."}\n' + '{"id": 2, "text": "Thanks!"}\n' * 80_000
    (tmp_path / "export.jsonl").write_text(good + '{"id": 3, "text": "' + "x" * 3_500_000 + '"}\n'
                                           + '{"id": 4, "text": "As I said."}\n', encoding="utf-8")
    r = _run("--select", "CS101,CS902", "export.jsonl", cwd=tmp_path)
    assert r.stdout.splitlines() == [
        "export.jsonl:1:20: CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of "
        "pointing back at it [macro: #1]",
        "export.jsonl:80002:1: CS902 line 80002 is longer than max-file-size (3 MB); the rest of the file is not read",
    ]


PARALLEL_SCRIPT = """\
import os
from cslint.runtime import parallel

def work(i):
    if i == 150:
        os._exit(7)
    return -i

print(list(parallel.run(work, range(200), 2, lost=lambda item, why: why))[149:152])
try:
    list(parallel.run(work, range(200), 2))
except RuntimeError as exc:
    print(exc)
"""


def test_parallel_run_gives_up_only_the_item_a_worker_died_on(tmp_path: Path) -> None:
    """The first 100 items are worked on in this process, the rest in two workers; the
    one that dies on item 150 costs that item, which ``lost`` stands in for (without
    ``lost``: a RuntimeError that says how the worker ended)."""
    proc = subprocess.run([sys.executable, "-c", PARALLEL_SCRIPT], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=TIMEOUT, check=False)
    assert proc.stdout.splitlines() == [
        "[(149, -149), (150, 'the worker process linting it ended (exit status 7)'), (151, -151)]",
        "in a worker process: the worker process linting it ended (exit status 7)",
    ]
