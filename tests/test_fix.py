"""``--fix`` and ``--diff`` on plain text: only the flagged words change, every other byte
stays, a second run changes nothing, and a file edited meanwhile is never overwritten."""
from __future__ import annotations

import codecs
import difflib
import os
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cslint import api
from cslint.config import Config
from cslint.diagnostic import Diagnostic, Fix
from cslint.fix import apply as fix
from cslint.fix import udiff, writeback
from cslint.sources.document import Segment, SourceFile

RULES = Path(__file__).parent / "data" / "fix-rules"
ISOLATED = ("--isolated", "--no-default-rules", "--rules", str(RULES))
BEFORE = "Hi Sam,\r\n\r\nPlease utilize the app prior to Monday, ASAP.\r\nTODO: check\r\n"


def test_fix_writes_safe_fixes_and_reports_what_is_left(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_bytes(BEFORE.encode())
    r = cli(*ISOLATED, "--fix", "reply.txt", cwd=tmp_path)
    # CRLF line endings kept; the overlapping 'to Monday' fix lost to 'prior to' and no
    # longer applies afterwards; the unsafe ASAP fix waits for --unsafe-fixes.
    assert (tmp_path / "reply.txt").read_bytes() == b"Hi Sam,\r\n\r\nPlease use the app before Monday, ASAP.\r\nTODO: check\r\n"
    assert r.lines == [
        "reply.txt:3:35: CS492 'ASAP' promises no time; say when, e.g. 'today'",
        "reply.txt:4:1: CS594 'TODO:' looks like an internal note",
    ]
    assert r.stderr.splitlines() == [
        "Fixed 2 problems in 1 file.",
        "Found 2 problems (1 error, 1 info). 1 fixable with --fix --unsafe-fixes.",
    ]
    assert r.returncode == 1


def test_fixing_twice_changes_nothing_the_second_time(cli, tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(BEFORE.encode())
    cli(*ISOLATED, "--fix", "--unsafe-fixes", "reply.txt", cwd=tmp_path)
    once = path.read_bytes()
    assert once == b"Hi Sam,\r\n\r\nPlease use the app before Monday, today.\r\nTODO: check\r\n"
    mtime = path.stat().st_mtime_ns
    r = cli(*ISOLATED, "--fix", "--unsafe-fixes", "reply.txt", cwd=tmp_path)
    assert path.read_bytes() == once
    assert path.stat().st_mtime_ns == mtime  # not even rewritten
    assert "Fixed" not in r.stderr


def test_exit_status_is_zero_when_fixes_leave_nothing(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text("We will utilize it.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--fix", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "Fixed 1 problem in 1 file.\n")
    assert (tmp_path / "reply.txt").read_text(encoding="utf-8") == "We will use it.\n"


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text("Line one.\nPlease utilize it prior to noon.\nlast line", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Fine.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--diff", ".", cwd=tmp_path)
    assert r.stdout == (
        "--- a/reply.txt\n"
        "+++ b/reply.txt\n"
        "@@ -1,3 +1,3 @@\n"
        " Line one.\n"
        "-Please utilize it prior to noon.\n"
        "+Please use it before noon.\n"
        " last line\n"
        "\\ No newline at end of file\n"
    )
    assert r.stderr == "Would fix 2 problems in 1 file.\n"
    assert r.returncode == 1
    assert (tmp_path / "reply.txt").read_text(encoding="utf-8").startswith("Line one.\nPlease utilize")


def test_git_apply_of_the_diff_gives_what_fix_writes(cli, tmp_path: Path) -> None:
    lines = [f"Reply {i}: we will utilize it prior to noon.\n" if i % 10 in (0, 1) else f"Line {i} stays.\n" for i in range(60)]
    for folder in ("diffed", "fixed"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.txt").write_text("".join(lines), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "diffed", check=True)
    diff = cli(*ISOLATED, "--diff", "r.txt", cwd=tmp_path / "diffed").stdout
    assert diff.count("@@ -") == 6  # separate hunks where more than 6 lines stay between changes
    subprocess.run(["git", "apply", "-"], input=diff, text=True, cwd=tmp_path / "diffed", check=True)
    cli(*ISOLATED, "--fix", "r.txt", cwd=tmp_path / "fixed")
    assert (tmp_path / "diffed" / "r.txt").read_bytes() == (tmp_path / "fixed" / "r.txt").read_bytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=40), st.integers(0, 4))
def test_the_line_by_line_diff_lays_out_hunks_as_difflib(changed: list[bool], context: int) -> None:
    before = [f"line {i}\n" for i in range(len(changed))]
    after = [line.upper() if c else line for line, c in zip(before, changed)]
    assert list(udiff._aligned_diff(before, after, "a", "b", context)) == list(difflib.unified_diff(before, after, "a", "b", n=context))


def test_diff_without_fixes_exits_zero(cli, tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text("TODO: ASAP\n", encoding="utf-8")
    r = cli(*ISOLATED, "--diff", "reply.txt", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "No fixes available.\n")


def test_diff_reads_standard_input_and_fix_prints_it_fixed(cli, tmp_path: Path) -> None:
    r = cli(*ISOLATED, "--diff", "-", "--stdin-filename", "reply.txt", stdin="utilize\n")
    assert r.returncode == 1
    assert r.stdout.splitlines()[-2:] == ["-utilize", "+use"]
    r = cli(*ISOLATED, "--fix", "-", stdin="TODO: utilize it\n")  # (the fixed text out, what is left on stderr)
    assert (r.returncode, r.stdout) == (0, "TODO: use it\n")  # (an info finding fails no run)
    assert r.stderr.splitlines() == ["stdin:1:1: CS594 'TODO:' looks like an internal note", "Fixed 1 problem in 1 file.",
                                     "Found 1 problem (1 info)."]
    (tmp_path / "reply.txt").write_text("utilize\n", encoding="utf-8")
    r = cli(*ISOLATED, "--fix", "-", "reply.txt", stdin="utilize\n", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "cslint: error: --fix -: standard input is fixed onto standard output, so it takes no other path\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-be"],
)
def test_fix_keeps_the_encoding_and_byte_order_mark(cli, tmp_path: Path, encoding: str) -> None:
    bom = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + "Café: we utilize it.\r\n".encode(encoding))
    r = cli(*ISOLATED, "--fix", "reply.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == bom + "Café: we use it.\r\n".encode(encoding)


def test_fix_keeps_permissions_symlinks_and_leaves_no_temporary_file(cli, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("utilize\n", encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "link.txt").symlink_to("real.txt")
    r = cli(*ISOLATED, "--fix", "link.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "use\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_file_that_cannot_be_written_is_reported_with_its_problems(cli, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "reply.txt").write_text("utilize\n", encoding="utf-8")
    folder.chmod(0o555)
    try:
        r = cli(*ISOLATED, "--fix", "locked/reply.txt", cwd=tmp_path)
    finally:
        folder.chmod(0o755)
    assert r.returncode == 1
    assert r.lines == ["locked/reply.txt:1:1: CS291 'utilize' is wordy; use 'use'"]
    assert r.stderr.startswith("cslint: locked/reply.txt: not fixed: cannot write it: Permission denied\n")
    assert (folder / "reply.txt").read_text(encoding="utf-8") == "utilize\n"


# --- the fixer as a library -------------------------------------------------------------

def _lint_with_test_rules(source: SourceFile) -> list[Diagnostic]:
    return api.lint_source(source, Config(no_default_rules=True, rules=(str(RULES),)))


def test_a_failed_write_leaves_the_file_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    outcome = fix.fix_file(SourceFile(str(path), path.read_text(encoding="utf-8")), _lint_with_test_rules)
    assert outcome.error == "cannot write it: Permission denied"
    assert path.read_text(encoding="utf-8") == "We will utilize it.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]


def test_a_file_edited_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))

    def lint_while_someone_saves(s: SourceFile) -> list[Diagnostic]:
        path.write_text("We will utilize it. Edited meanwhile.\n", encoding="utf-8")
        return _lint_with_test_rules(s)

    outcome = fix.fix_file(source, lint_while_someone_saves)
    assert outcome.error == "it changed while cslint was running"
    assert path.read_text(encoding="utf-8") == "We will utilize it. Edited meanwhile.\n"
    assert [d.code for d in outcome.found] == ["CS291"]


def test_a_file_deleted_or_read_only_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))

    def lint_while_someone_deletes(s: SourceFile) -> list[Diagnostic]:
        path.unlink(missing_ok=True)
        return _lint_with_test_rules(s)

    assert fix.fix_file(source, lint_while_someone_deletes).error == "cannot read it again: No such file or directory"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    path.chmod(0o444)
    assert fix.fix_file(source, _lint_with_test_rules).error == "it is read-only"
    assert path.read_text(encoding="utf-8") == "We will utilize it.\n"


def test_a_same_size_edit_within_the_same_timestamp_is_caught_by_content(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))
    snapshot = os.stat(path)
    path.write_text("We shall utilize it\n", encoding="utf-8")  # same size
    os.utime(path, ns=(snapshot.st_atime_ns, snapshot.st_mtime_ns))  # same mtime
    outcome = fix.fix_source(source, _lint_with_test_rules)
    with pytest.raises(writeback.NotWritten, match="changed while cslint was running"):
        writeback.write(str(path), source.text, outcome.text, source.encoding, snapshot)
    assert path.read_text(encoding="utf-8") == "We shall utilize it\n"


def test_rules_that_undo_each_other_stop_after_the_cap() -> None:
    def flip(source: SourceFile) -> list[Diagnostic]:
        other = "bar" if source.text == "foo" else "foo"
        return [Diagnostic(source.path, 1, 1, 1, 4, "CS291", "flip", "clarity", "info", "m", None, Fix(0, 3, other, other))]

    calls: list[str] = []

    def counting(source: SourceFile) -> list[Diagnostic]:
        calls.append(source.text)
        return flip(source)

    outcome = fix.fix_source(SourceFile("x.txt", "foo"), counting)
    assert not outcome.converged
    assert len(calls) == fix.MAX_ROUNDS + 1
    assert outcome.applied == fix.MAX_ROUNDS


def test_unsafe_fixes_only_when_asked() -> None:
    source = SourceFile("x.txt", "Reply ASAP.")
    assert fix.fix_source(source, _lint_with_test_rules).text == "Reply ASAP."
    assert fix.fix_source(source, _lint_with_test_rules, unsafe=True).text == "Reply today."


def _pipe_reader(source: SourceFile) -> list[Segment]:
    """A toy container: replies separated by '|', verbatim."""
    out, start = [], 0
    for part in source.text.split("|"):
        out.append(Segment(part, start))
        start += len(part) + 1
    return out


def test_fixes_that_would_split_a_reply_are_set_aside_and_the_rest_applied() -> None:
    text = "a utilize|b utilize|c utilize|d utilize"

    def lint(source: SourceFile) -> list[Diagnostic]:
        out = []
        for i, part in enumerate(source.text.split("|")):
            start = sum(len(p) + 1 for p in source.text.split("|")[:i]) + part.find("utilize")
            if "utilize" in part:
                replacement = "use|it" if part.startswith(("b", "d")) else "use"
                out.append(Diagnostic("x", 1, start + 1, 1, start + 8, "CS291", "w", "clarity", "info", "m", None,
                                      Fix(start, start + 7, replacement, replacement)))
        return out

    outcome = fix.fix_source(SourceFile("x", text), lint, read=_pipe_reader)
    assert outcome.text == "a use|b utilize|c use|d utilize"
    assert (outcome.applied, outcome.rejected) == (2, 2)
    assert [d.column for d in outcome.remaining] == [9, 25]
