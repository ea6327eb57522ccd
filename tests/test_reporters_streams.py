"""The formats for data pipelines: ``jsonl`` (one finding per line, the keys of ``json``,
written file by file) and ``parquet`` (a file of the same records, for a warehouse)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_reporters import ISOLATED, REPLY

from cslint.cli.main import main, run_lint
from cslint.reporters import parquet


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


# --- parquet ------------------------------------------------------------------------------

LIBRARY = (
    '{"id": 7, "title": "Refund", "text": "Please utilize the form prior to Monday."}\n'
    '{"id": 8, "text": "Thanks, Sam. It ships today."}\n'
    '{"id": 9, "text": "TODO: check with billing, we fix it ASAP."}\n'
)


def test_parquet_holds_the_json_records(cli, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "library.jsonl").write_text(LIBRARY, encoding="utf-8")
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--format", "parquet", "--output-file", "findings.parquet", "--count", ".", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (1, "10\n", "")
    table = pq.read_table(tmp_path / "findings.parquet")
    document = json.loads(cli(*ISOLATED, "--format", "json", ".", cwd=tmp_path).stdout)
    assert table.column_names == list(document[0])
    assert table.to_pylist() == document
    assert table.to_pylist()[0]["item"] == {"id": "7", "title": "Refund"}


def test_parquet_of_a_clean_run_has_the_columns_and_no_row(cli, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "clean.txt").write_text("Thanks, Sam. It ships today.\n", encoding="utf-8")
    assert cli(*ISOLATED, "--format", "parquet", "--output-file", "f.parquet", "clean.txt", cwd=tmp_path).returncode == 0
    table = pq.read_table(tmp_path / "f.parquet")
    assert (table.num_rows, table.schema) == (0, parquet.schema())


def test_parquet_in_row_groups_reads_back_whole(tmp_path: Path, monkeypatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(parquet, "ROW_GROUP", 2)
    (tmp_path / "library.jsonl").write_text(LIBRARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_lint([*ISOLATED, "-j", "1", "--format", "parquet", "--output-file", "f.parquet", "library.jsonl"],
                    io.StringIO()) == 1
    found = pq.ParquetFile("f.parquet")
    assert found.metadata.num_row_groups == 3
    assert [(d["item"]["id"], d["code"]) for d in found.read().to_pylist()] == [
        ("7", "CS291"), ("7", "CS291"), ("7", "CS293"), ("9", "CS594"), ("9", "CS492")]


def test_parquet_without_an_output_file_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--format", "parquet", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (2, "", "cslint: error: --format parquet writes a binary file: "
                                                  "name it with --output-file (e.g. --output-file findings.parquet)\n")


def test_parquet_without_pyarrow_says_what_to_install(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(parquet, "find_spec", lambda name: None)
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*ISOLATED, "--format", "parquet", "--output-file", "f.parquet", "reply.txt"]) == 2
    assert capsys.readouterr().err == ("cslint: error: --format parquet: needs pyarrow, which is not installed: "
                                       "pip install 'cslint[dataframes]'\n")
    assert not (tmp_path / "f.parquet").exists()


def test_parquet_on_a_full_disk_is_a_usage_error_naming_the_file(cli, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    r = cli(*ISOLATED, "--format", "parquet", "--output-file", "/dev/full", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (2, "cslint: error: --output-file: /dev/full: cannot write the report: "
                                           "No space left on device\n")
