"""Bad input never crashes a run: each odd file gets correct diagnostics or one CS902
naming it (and the line where known), and the other files are still linted."""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from cslint import Config, lint_paths

GOOD = "As I said, it shipped.\n"
TIMEOUT_RULE = """\
code: CS189
name: slow-pattern
principle: respect
severity: warning
type: phrases
message: "found '{match}'"
description: A pattern that backtracks catastrophically.
source: test
word-boundaries: false
phrases: ["(a+)+b"]
examples: {flag: [aab], pass: [c]}
"""

CP1252 = '; it reads as cp1252 (Windows-1252, which includes Latin-1): pass --encoding cp1252, or encoding = "cp1252" in the configuration'


def lint(cli, folder: Path, *args: str) -> tuple[int, list[dict]]:
    r = cli("--isolated", "--format", "json", "--select", "CS101,CS9", *args, ".", cwd=folder)
    assert "Traceback" not in r.stderr
    return r.returncode, [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in json.loads(r.stdout)]


def test_each_bad_file_gets_one_cs902_and_the_run_goes_on(cli, tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"As I said\x00\x01\x02\xff")
    (tmp_path / "latin1.txt").write_bytes(b"Hello.\nAs I said, caf\xe9.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"A\x00s\x00\x00\xd8")
    (tmp_path / "z_good.md").write_text(GOOD, encoding="utf-8")
    status, found = lint(cli, tmp_path)
    assert status == 1
    found = [(p, line, col, code, msg if code == "CS902" else None) for p, line, col, code, msg in found]
    assert found == [
        ("a_good.txt", 1, 1, "CS101", None),
        ("bad-utf16.txt", 1, 1, "CS902", "invalid utf-16 text: unexpected end of data"),
        ("binary.txt", 1, 1, "CS902", "binary file (contains NUL bytes), not text"),
        ("latin1.txt", 2, 1, "CS902", "not valid UTF-8 (byte 0xe9 at offset 21)" + CP1252),
        ("z_good.md", 1, 1, "CS101", None),
    ]


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (codecs.BOM_UTF8 + b"Hi.\nAs I said.", (2, 1)),  # the BOM is not a column
        ("Hi.\nAs I said.".encode("utf-16"), (2, 1)),
        ("Hi.\nAs I said.".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), (2, 1)),
        (b"one\rtwo\rAs I said.", (3, 1)),  # classic Mac line endings
        (b"one\r\ntwo\nthree\rAs I said.", (4, 1)),  # mixed
        (b"x" * 100 + b" As I said", (1, 102)),
    ],
)
def test_encodings_and_line_endings_keep_positions(cli, tmp_path: Path, data: bytes, position: tuple[int, int]) -> None:
    (tmp_path / "r.txt").write_bytes(data)
    _, found = lint(cli, tmp_path)
    assert [(line, col, code) for _, line, col, code, _ in found] == [(*position, "CS101")]


def test_symlink_loop_and_dangling_link_do_not_hang_or_crash(cli, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("..", tmp_path / "sub" / "loop")
    os.symlink("missing.txt", tmp_path / "dangling.txt")
    status, found = lint(cli, tmp_path)
    assert [(p, code) for p, _, _, code, _ in found] == [("dangling.txt", "CS902"), ("sub/r.txt", "CS101")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(cli, tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        _, found = lint(cli, tmp_path)
    finally:
        path.chmod(0o600)
    assert [(p, code) for p, _, _, code, _ in found] == [("secret.txt", "CS902")]
    assert "Permission denied" in found[0][4]


@pytest.fixture
def backtracking(tmp_path: Path) -> tuple[Path, Path]:
    """A folder holding a rule whose pattern backtracks catastrophically, and a reply that
    sets it off."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yml").write_text(TIMEOUT_RULE, encoding="utf-8")
    reply = tmp_path / "r.txt"
    reply.write_text("a" * 5000 + "!\n", encoding="utf-8")
    return rules, reply


def test_catastrophic_pattern_is_stopped_and_reported(backtracking: tuple[Path, Path]) -> None:
    rules, reply = backtracking
    found = list(lint_paths([reply], Config(rules=(str(rules),), no_default_rules=True)))
    assert [(d.code, d.severity) for d in found] == [("CS903", "warning")]
    assert "CS189" in found[0].message and "slow.yml" in found[0].message


def test_a_crash_inside_a_rule_is_an_internal_error_naming_the_file(monkeypatch, tmp_path: Path) -> None:
    from cslint.checks.phrases import Phrases

    def boom(self, prose):  # noqa: ANN001
        raise RuntimeError("kaboom")

    monkeypatch.setattr(Phrases, "find", boom)
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "s.txt").write_text(GOOD, encoding="utf-8")
    found = list(lint_paths([tmp_path], Config(select=("CS101", "CS904"))))
    assert [(Path(d.path).name, d.code) for d in found] == [("r.txt", "CS904"), ("s.txt", "CS904")]
    assert "internal error (RuntimeError: kaboom); please report it with this file" in found[0].message


def test_a_long_ordinary_reply_is_never_cut_short_by_the_time_limit(monkeypatch, tmp_path: Path) -> None:
    """The time limit stops backtracking, not honest work: the limit grows with the reply, so
    a 1 MB reply is scanned in full even with a limit far below its scanning time."""
    from cslint.runtime import timelimit

    monkeypatch.setattr(timelimit, "SECONDS", 0.1)
    line = "Thanks for waiting, as advised earlier the parcel left our depot in Leeds this morning.\n"
    reply = tmp_path / "long.txt"
    reply.write_text(line * (1_000_000 // len(line)), encoding="utf-8")
    found = list(lint_paths([reply], Config(select=("CS101", "CS903"))))
    assert "CS903" not in {d.code for d in found}
    assert len(found) == 1_000_000 // len(line)


def test_a_100_mb_file_gets_one_cs902_and_the_run_goes_on(cli, tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    with big.open("wb") as f:  # sparse: 100 MB on disk costs nothing to create
        f.truncate(100_000_000)
    (tmp_path / "r.txt").write_text(GOOD, encoding="utf-8")
    status, found = lint(cli, tmp_path)
    assert status == 1
    assert [(p, line, code) for p, line, _, code, _ in found] == [("dump.txt", 1, "CS902"), ("r.txt", 1, "CS101")]
    assert found[0][4] == ("too large to lint (100.0 MB; the limit is 64 MB): raise max-file-size, "
                           "or export the replies as JSON Lines, which is streamed")
    (tmp_path / "cslint.toml").write_text("max-file-size = 200\n", encoding="utf-8")
    r = cli("--format", "json", "--select", "CS9", "dump.txt", cwd=tmp_path)
    assert [d["message"] for d in json.loads(r.stdout)] == ["binary file (contains NUL bytes), not text"]


@pytest.mark.slow
def test_a_single_10_mb_line_is_linted_with_exact_columns(tmp_path: Path) -> None:
    sentence = "Thanks for waiting, the parcel left our depot this morning and should arrive soon. "
    line = sentence * (10_000_000 // len(sentence)) + "As I said, done."
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    found = [d for d in lint_paths([tmp_path / "long.txt"], Config(select=("CS101", "CS9")))]
    assert [(d.code, d.line, d.column) for d in found] == [("CS101", 1, len(line) - len("As I said, done.") + 1)]


def test_rule_timeouts_can_be_ignored_like_any_code(backtracking: tuple[Path, Path]) -> None:
    rules, reply = backtracking
    config = Config(rules=(str(rules),), no_default_rules=True, ignore=("CS903",))
    assert list(lint_paths([reply], config)) == []
