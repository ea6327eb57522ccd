"""``--format jsonl``: one finding per line, the keys of ``--format json``, written file by file."""
from __future__ import annotations

import io
import json
from pathlib import Path

from test_reporters import ISOLATED, REPLY

from cslint.cli.main import run_lint


def test_each_line_is_one_finding_with_the_json_keys(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--format", "jsonl", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (1, "")  # (no summary: the output is for programs)
    assert r.lines[:2] == [
        ('{"path": "reply.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 6, "code": "CS594", '
        '"rule": "no-internal-notes", "principle": "professionalism", "severity": "info", '
        '"message": "\'TODO:\' looks like an internal note", "item": null, "fix": null}'),
        ('{"path": "reply.txt", "line": 2, "column": 9, "end_line": 2, "end_column": 16, "code": "CS291", '
        '"rule": "wordy", "principle": "clarity", "severity": "warning", "message": "\'utilize\' is wordy; use \'use\'", '
        '"item": null, "fix": {"replacement": "use", "applicability": "safe"}}'),
    ]
    document = json.loads(cli(*ISOLATED, "--format", "json", "reply.txt", cwd=tmp_path).stdout)
    assert [json.loads(line) for line in r.lines] == document


def test_a_clean_run_writes_nothing(cli, tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("Thanks, Sam. It ships today.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--format", "jsonl", "clean.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "")


class Writes(io.StringIO):
    """A standard output that remembers each write it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def test_findings_are_written_file_by_file_as_the_run_goes(tmp_path: Path, monkeypatch) -> None:
    """A consumer reading the pipe gets a file's findings when that file is done, not
    when the whole run is."""
    (tmp_path / "a.txt").write_text("Please utilize the app.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Do it ASAP, prior to Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = Writes()
    assert run_lint([*ISOLATED, "-q", "-j", "1", "--format", "jsonl", "a.txt", "b.txt"], out) == 1
    assert [[(d["path"], d["code"]) for d in map(json.loads, w.splitlines())] for w in out.writes] == [
        [("a.txt", "CS291")],
        [("b.txt", "CS492"), ("b.txt", "CS291"), ("b.txt", "CS293")],
    ]
