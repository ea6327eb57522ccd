"""One lint run of the command line (cslint.cli.run.LintRun): the progress it tells its
listener file by file, and its output and exit status for the same options whether it
lints in one process or several, or fixes."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cslint.cli.options import lint_parser
from cslint.cli.run import LintRun
from cslint.sources import streaming

RULES = str(Path(__file__).parent / "fixtures" / "formats" / "rules")
ISOLATED = ["--isolated", "--no-default-rules", "--rules", RULES]


class Heard:
    """A progress listener that keeps what it hears."""

    def __init__(self) -> None:
        self.files: list[tuple[int, int]] = []
        self.closed = 0

    def advance(self, replies: int, size: int) -> None:
        self.files.append((replies, size))

    def close(self) -> None:
        self.closed += 1


def _run(*argv: str, listener: Heard | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = LintRun(lint_parser().parse_args([*ISOLATED, *argv]), out, err, listener=listener).run()
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.jsonl").write_text('{"text": "As I said, done."}\n{"text": broken}\n{"text": "Thanks!"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("We utilize it.\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("id,body,internal\n1,Thanks!,x\n", encoding="utf-8")
    return tmp_path


def test_each_file_done_is_told_with_its_replies_and_size(folder: Path) -> None:
    """Replies a reader could not read are not counted; a file that cannot be read at
    all is not a file done."""
    heard = Heard()
    status, out, _ = _run("-j", "1", str(folder), str(folder / "missing.txt"), listener=heard)
    assert status == 1
    sizes = [len((folder / name).read_text(encoding="utf-8")) for name in ("a.jsonl", "b.txt", "c.csv")]
    assert heard.files == [(2, sizes[0]), (1, sizes[1]), (1, sizes[2])]
    assert heard.closed == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["CS181", "CS902", "CS281", "CS902"]


def test_a_streamed_export_is_told_window_by_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": "Thanks!"}) + "\n" for i in range(30)), encoding="utf-8")
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    monkeypatch.setattr(streaming, "WINDOW_BYTES", 200)
    monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", 200)
    heard = Heard()
    assert _run("-j", "1", str(path), listener=heard)[0] == 0
    assert len(heard.files) == len(list(streaming.windows(str(path), "jsonl"))) > 1
    assert sum(replies for replies, _ in heard.files) == 30
    assert sum(size for _, size in heard.files) == len(path.read_text(encoding="utf-8"))


def test_the_same_report_in_one_process_or_two(folder: Path) -> None:
    for i in range(20):  # enough files for the workers to start
        (folder / f"r{i:02}.txt").write_text("As I said, we utilize it.\n" * (i % 3 + 1), encoding="utf-8")
    serial = _run("-j", "1", "--format", "json", str(folder))
    assert _run("-j", "2", "--format", "json", str(folder)) == serial
    lines = sum(i % 3 + 1 for i in range(20))
    assert serial[0] == 1 and len(json.loads(serial[1])) == 2 + 1 + 2 * lines


def test_fix_reports_what_is_left_and_diff_only_the_changes(tmp_path: Path) -> None:
    """The fixture rules offer no fix, so a run with a fix rule of its own: --diff prints
    the change and exits 1, --fix writes it, reports what is left and says so."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "utilize.yml").write_text(
        "code: CS282\nname: utilize-fix\nprinciple: clarity\nseverity: info\ntype: substitution\n"
        "message: \"'{match}': use {suggestion}\"\ndescription: A test rule with a fix.\nsource: test\n"
        "swap:\n  utilize: use\nexamples: {flag: [We utilize it.], pass: [We use it.]}\n",
        encoding="utf-8",
    )
    reply = tmp_path / "r.txt"
    reply.write_text("As I said, we utilize it.\n", encoding="utf-8")
    with_rule = ["--rules", str(rules), "-j", "1"]
    status, out, err = _run(*with_rule, "--diff", str(reply))
    assert status == 1 and "-As I said, we utilize it.\n+As I said, we use it.\n" in out
    assert reply.read_text(encoding="utf-8") == "As I said, we utilize it.\n"
    assert err == "Would fix 1 problem in 1 file.\n"
    status, out, err = _run(*with_rule, "--fix", str(reply))
    assert reply.read_text(encoding="utf-8") == "As I said, we use it.\n"
    assert (status, out) == (1, f"{reply}:1:1: CS181 'As I said' points back at an earlier message\n")
    assert err.splitlines()[0] == "Fixed 1 problem in 1 file."
