"""``--output-file`` never destroys an input and never ends in a traceback: a full disk is
one line and exit 2, and a report file that is one of the input files is refused before
anything is written (issue 24, item 10)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

RULES = Path(__file__).parent / "data" / "fix-rules"
ISOLATED = ("--isolated", "--no-default-rules", "--rules", str(RULES))
REPLY = "We will utilize it.\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_disk_is_one_line_and_exit_2(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--output-file", "/dev/full", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "cslint: error: --output-file: /dev/full: cannot write the report: No space left on device\n"


@pytest.mark.parametrize("name", ["reply.txt", "./reply.txt", "hard-link.txt", "symlink.txt"])
def test_an_input_file_is_not_the_report(cli, tmp_path: Path, name: str) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    os.link(tmp_path / "reply.txt", tmp_path / "hard-link.txt")
    (tmp_path / "symlink.txt").symlink_to("reply.txt")
    for extra in ((), ("--fix",)):
        r = cli(*ISOLATED, *extra, "--output-file", name, "reply.txt", cwd=tmp_path)
        assert (r.returncode, r.stdout) == (2, "")
        assert r.stderr == f"cslint: error: --output-file: {name} is the input file reply.txt; the report would overwrite it\n"
        assert (tmp_path / "reply.txt").read_text(encoding="utf-8") == REPLY  # neither emptied nor fixed


def test_a_report_beside_the_inputs_is_written(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--output-file", "report.txt", "reply.txt", cwd=tmp_path)
    assert r.returncode == 1
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "reply.txt:1:9: CS291 [*] 'utilize' is wordy; use 'use'\n"
