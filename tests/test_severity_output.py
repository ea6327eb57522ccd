"""Severity and output as people expect (issue 25): info findings do not fail a run, a
minimum severity to show, fixable findings marked, counts that read as English, grouped
output by macro, and options that tell what a run would use. Each test fails on aea93d8."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint.cli.main import main

LONG = "We " + "really " * 40 + "appreciate your patience with this.\n"  # CS701 (info) only
BAD = "As I said, please be advised that the order shipped.\n"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.txt").write_text(LONG, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")

    def call(*argv: str) -> tuple[int, str, str]:
        status = main(["-j", "1", *argv])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_info_findings_are_shown_but_do_not_fail_the_run(run) -> None:
    status, out, err = run("--isolated", "long.txt")
    assert status == 0
    assert out.startswith("long.txt:1:1: CS701 sentence of 46 words") and "(1 info)" in err
    assert run("--isolated", "--fail-level", "info", "long.txt")[0] == 1


def test_min_severity_hides_what_is_below_it(run, tmp_path: Path) -> None:
    assert run("--isolated", "--min-severity", "warning", "long.txt", "bad.txt")[1:] == (
        ("bad.txt:1:1: CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it\n"
         "bad.txt:1:12: CS201 [*] 'please be advised that' is stilted; use 'please note that'\n"),
        "Found 2 problems (2 warnings). 1 fixable with --fix.\n",
    )
    assert run("--isolated", "--min-severity", "error", "long.txt", "bad.txt") == (0, "", "")
    (tmp_path / "cslint.toml").write_text('min-severity = "warning"\n', encoding="utf-8")
    assert run("long.txt") == (0, "", "")


def test_fixable_findings_are_marked_and_counted(run) -> None:
    _, out, err = run("--isolated", "bad.txt")
    assert out.splitlines()[1] == "bad.txt:1:12: CS201 [*] 'please be advised that' is stilted; use 'please note that'"
    assert not out.splitlines()[0].startswith("bad.txt:1:1: CS101 [*]")
    assert err == "Found 2 problems (2 warnings). 1 fixable with --fix.\n"


def test_grouped_output_groups_a_library_by_macro_in_aligned_columns(run, tmp_path: Path) -> None:
    (tmp_path / "macros.csv").write_text(
        'title,body\nRefund,"As I said, please be advised that it shipped."\nShip,"PLEASE DO NOT reply!!"\n', encoding="utf-8")
    _, out, _ = run("--isolated", "--format", "grouped", "macros.csv")
    assert out == (
        "macros.csv:\n"
        "  [macro: Refund]\n"
        "    2:9   CS101      'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it\n"
        "    2:20  CS201 [*]  'please be advised that' is stilted; use 'please note that'\n"
        "  [macro: Ship]\n"
        "    3:7   CS501      'PLEASE DO NOT' is written in capitals, which reads as shouting\n"
        "    3:26  CS502      '!!': repeated punctuation reads as shouting or exasperation\n"
    )


def test_a_run_that_lints_nothing_says_so(run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "logo.png").write_bytes(b"\x89PNG")
    status, out, err = run("--isolated", "empty")
    assert (status, out) == (0, "")
    assert err.startswith("cslint: warning: no file to lint in empty ") and err.count("\n") == 1


def test_show_files_lists_what_would_be_linted_and_lints_nothing(run, tmp_path: Path) -> None:
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.txt").write_text(BAD, encoding="utf-8")
    assert run("--isolated", "--show-files") == (0, "bad.txt\nlong.txt\n", "")


def test_show_settings_names_the_configuration_and_its_values(run, tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('extend-ignore = ["CS7"]\n[per-file-ignores]\n"legal/*" = ["CS2"]\n', encoding="utf-8")
    status, out, err = run("--show-settings", "--fail-level", "error")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"# configuration: {tmp_path / 'cslint.toml'}"
    assert {'extend-ignore = ["CS7"]', 'per-file-ignores = {"legal/*" = ["CS2"]}', 'fail-level = "error"',
            'select = ["CS"]'} <= set(lines)


def test_verbose_tells_the_configuration_and_each_file(run, tmp_path: Path) -> None:
    err = run("--isolated", "-v", ".")[2]
    lines = err.splitlines()
    assert lines[0] == "cslint: configuration: none (the defaults)"
    assert lines[1].startswith("cslint: ") and lines[1].endswith(" rules loaded")
    assert lines[2:4] == ["cslint: linted bad.txt", "cslint: linted long.txt"]


def test_a_legacy_encoding_is_named_with_how_to_pass_it(run, tmp_path: Path) -> None:
    (tmp_path / "export.txt").write_bytes("Café: As I said, we will utilize it.\n".encode("cp1252"))
    out = run("--isolated", "export.txt")[1]
    assert out == ("export.txt:1:1: CS902 not valid UTF-8 (byte 0xe9 at offset 3); it reads as cp1252 (Windows-1252, "
                   'which includes Latin-1): pass --encoding cp1252, or encoding = "cp1252" in the configuration\n')
    out = run("--isolated", "--encoding", "cp1252", "--fix", "export.txt")[1]
    assert out == "export.txt:1:7: CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it\n"
    assert (tmp_path / "export.txt").read_bytes() == "Café: As I said, we will use it.\n".encode("cp1252")  # kept in cp1252
    (tmp_path / "cslint.toml").write_text('encoding = "latin-1"\n', encoding="utf-8")
    assert run("export.txt")[1].startswith("export.txt:1:7: CS101 ")


def test_an_unknown_encoding_is_a_usage_error(run, tmp_path: Path) -> None:
    assert run("--isolated", "--encoding", "klingon", "bad.txt")[::2] == (
        2, "cslint: error: argument --encoding: unknown encoding 'klingon'; e.g. utf-8, cp1252, latin-1 (see 'cslint --help')\n")
    (tmp_path / "cslint.toml").write_text('encoding = "klingon"\n', encoding="utf-8")
    assert run("bad.txt")[2] == f"cslint: error: {tmp_path / 'cslint.toml'}:1: 'encoding': unknown encoding 'klingon'; e.g. utf-8, cp1252, latin-1\n"


def test_a_shouting_finding_stops_at_a_line_break() -> None:
    from cslint import Config, lint_text

    found = lint_text("URGENT NOTICE\r\n\r\nYOUR ACCOUNT is late.\nPLEASE DO NOT\nREPLY.", config=Config(select="CS501"))
    assert [(d.line, d.column, d.end_line, d.end_column, d.message.split("'")[1]) for d in found] == [
        (1, 1, 1, 14, "URGENT NOTICE"), (3, 1, 3, 13, "YOUR ACCOUNT"), (4, 1, 4, 14, "PLEASE DO NOT")]


def test_rule_prints_no_empty_part_and_indents_an_example_of_several_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "ours" / "respect"
    folder.mkdir(parents=True)
    (folder / "r.yml").write_text(
        "code: CS181\nname: as-i-said-again\nprinciple: respect\nseverity: warning\ntype: phrases\n"
        "message: avoid '{match}'\ndescription: >\n  Points back.\n\nsource: team guide\nlink: https://example.com/r\n"
        "phrases: [as I said]\nexamples:\n  flag:\n    - |\n      Hi Sam,\n\n      <<As I said>>, it shipped.\n"
        "  pass: [Hello.]\n", encoding="utf-8")
    assert main(["rule", "CS181", "--rules", "ours"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "CS181 as-i-said-again\nprinciple: respect   severity: warning   type: phrases\n\n"
        "Points back.\n\n"
        f"Message: avoid '{{match}}'\nSource: team guide\nLink: https://example.com/r\nRule file: {folder / 'r.yml'}\n\n"
        "Flags:\n  - Hi Sam,\n    \n    <<As I said>>, it shipped.\nPasses:\n  - Hello.\n"
    )
