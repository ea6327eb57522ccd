"""The command line as a user meets it: output lines, exit status, JSON, options."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import __version__

BAD = "As I said, please be advised that the order shipped.\n"


@pytest.fixture
def replies(tmp_path: Path) -> Path:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text("Hi Sam, your order shipped today and arrives Friday.\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "shout.md").write_text("Hello.\n\nPLEASE DO NOT reply!!\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "skipped.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    return tmp_path


def test_default_output_lines_and_exit_status(cli, replies: Path) -> None:
    r = cli("--isolated", ".", cwd=replies)
    assert r.returncode == 1
    assert r.lines == [
        "bad.txt:1:1: CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it",
        "bad.txt:1:12: CS201 [*] 'please be advised that' is stilted; use 'please note that'",
        "sub/shout.md:3:1: CS501 'PLEASE DO NOT' is written in capitals, which reads as shouting",
        "sub/shout.md:3:20: CS502 '!!': repeated punctuation reads as shouting or exasperation",
    ]
    assert "Found 4 problems (4 warnings)." in r.stderr


def test_clean_file_exits_zero_silently(cli, replies: Path) -> None:
    r = cli("--isolated", "good.txt", cwd=replies)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_json_output_has_the_documented_keys(cli, replies: Path) -> None:
    r = cli("--isolated", "--format", "json", "bad.txt", cwd=replies)
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert [d["code"] for d in data] == ["CS101", "CS201"]
    first = data[0]
    assert {k: first[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "rule", "principle", "severity", "item")} == {
        "path": "bad.txt", "line": 1, "column": 1, "end_line": 1, "end_column": 10, "code": "CS101",
        "rule": "passive-aggressive", "principle": "respect", "severity": "warning", "item": None,
    }
    assert data[1]["fix"] == {"replacement": "please note that", "applicability": "safe"}


def test_json_output_is_an_empty_array_when_clean(cli, replies: Path) -> None:
    r = cli("--isolated", "--format", "json", "good.txt", cwd=replies)
    assert (r.returncode, json.loads(r.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        (["--select", "CS1"], ["CS101"]),
        (["--ignore", "CS1"], ["CS201"]),
        (["--select", "CS101", "--ignore", "CS1"], ["CS101"]),  # the longer prefix wins
        (["--select", "CS1", "--ignore", "CS1"], []),  # on a tie, ignore wins
        (["--select", "CS1", "--extend-select", "CS2"], ["CS101", "CS201"]),
        (["--extend-ignore", "CS201"], ["CS101"]),
        (["--select", "cs2"], ["CS201"]),
    ],
)
def test_select_and_ignore_by_prefix(cli, replies: Path, options: list[str], codes: list[str]) -> None:
    r = cli("--isolated", "--format", "json", *options, "bad.txt", cwd=replies)
    assert [d["code"] for d in json.loads(r.stdout)] == codes
    assert r.returncode == (1 if codes else 0)


def test_fail_level_and_exit_zero(cli, replies: Path) -> None:
    assert cli("--isolated", "--fail-level", "error", "bad.txt", cwd=replies).returncode == 0
    assert cli("--isolated", "--fail-level", "warning", "bad.txt", cwd=replies).returncode == 1
    r = cli("--isolated", "--exit-zero", "bad.txt", cwd=replies)
    assert r.returncode == 0 and len(r.lines) == 2


def test_quiet_prints_no_summary(cli, replies: Path) -> None:
    r = cli("--isolated", "-q", "bad.txt", cwd=replies)
    assert r.returncode == 1 and len(r.lines) == 2 and r.stderr == ""


def test_stdin_with_and_without_a_filename(cli) -> None:
    r = cli("--isolated", "-", stdin=BAD)
    assert r.lines[0].startswith("stdin:1:1: CS101 ")
    r = cli("--isolated", "--stdin-filename", "macros/refund.txt", "-", stdin=BAD)
    assert r.lines[0].startswith("macros/refund.txt:1:1: CS101 ")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("We will utilize it.\n".encode("utf-8-sig"), "stdin:1:9: CS201 "),  # the byte-order mark is no character
        ("We will utilize it.\n".encode("utf-16"), "stdin:1:9: CS201 "),
        (b"We will utilize it \xff\n", "stdin:1:1: CS902 not valid UTF-8 (byte 0xff at offset 19)"),
    ],
)
def test_stdin_is_decoded_as_a_file_is(cli, data: bytes, expected: str) -> None:
    assert cli("--isolated", "-", stdin=data).lines[0].startswith(expected)


def test_missing_file_is_reported_and_the_run_goes_on(cli, replies: Path) -> None:
    r = cli("--isolated", "nope.txt", "bad.txt", cwd=replies)
    assert r.returncode == 1
    assert r.lines[0].startswith("bad.txt:1:1: CS101")
    assert "nope.txt:1:1: CS902 no such file or folder" in r.lines


FORMAT_RULES = Path(__file__).parent / "fixtures" / "formats" / "rules"


def test_a_folder_walk_lints_every_extension_a_reader_declares(cli, tmp_path: Path) -> None:
    """The walked extensions come from the readers: .ndjson, .tsv, .markdown, .text and
    .htm files were once skipped in folders while named files of those kinds were read."""
    files = {
        "a.ndjson": '{"id": "7", "text": "As I said, it ships today."}\n',
        "b.tsv": "title\ttext\nShipping\tWe utilize couriers.\n",
        "c.markdown": "Thanks!\n\nAs I said, it ships today.\n",
        "d.text": "We utilize couriers.\n",
        "e.htm": "<p>As I said, it ships today.</p>\n",
        "f.rst": "As I said, no reader declares .rst.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = cli("--isolated", "--no-default-rules", "--rules", str(FORMAT_RULES), ".", cwd=tmp_path)
    assert r.lines == [
        "a.ndjson:1:22: CS181 'As I said' points back at an earlier message [macro: #7]",
        "b.tsv:2:13: CS281 'utilize' is a fixed test word [macro: Shipping]",
        "c.markdown:3:1: CS181 'As I said' points back at an earlier message",
        "d.text:1:4: CS281 'utilize' is a fixed test word",
        "e.htm:1:4: CS181 'As I said' points back at an earlier message",
    ]


def test_version(cli) -> None:
    r = cli("--version")
    assert (r.returncode, r.stdout.strip()) == (0, f"cslint {__version__}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml", "x.txt"], "--format: unknown format 'xml'"),
        (["--input-format", "nope", "x.txt"], "--input-format: unknown format 'nope'"),
        (["--config", "missing.toml", "x.txt"], "--config: missing.toml: no such file"),
        (["--fail-level", "fatal", "x.txt"], "invalid choice"),
        (["--rules", "no-such-dir", "x.txt"], "no-such-dir: rule folder not found"),
    ],
)
def test_usage_errors_exit_2_with_one_line(cli, tmp_path: Path, args: list[str], message: str) -> None:
    r = cli("--isolated", *args, cwd=tmp_path)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_extra_rule_folder_and_no_default_rules(cli, tmp_path: Path) -> None:
    rules = tmp_path / "team-rules"
    rules.mkdir()
    (rules / "no-ticket.yml").write_text(
        "code: CS281\nname: say-request\nprinciple: clarity\nseverity: error\ntype: substitution\n"
        "message: \"say {suggestion}, not '{match}'\"\ndescription: Customers have requests, not tickets.\n"
        "source: team style guide\nswap: {ticket: request}\n"
        "examples: {flag: [Your ticket is open.], pass: [Your request is open.]}\n",
        encoding="utf-8",
    )
    (tmp_path / "r.txt").write_text("As I said, your ticket is open.\n", encoding="utf-8")
    both = cli("--isolated", "--rules", "team-rules", "r.txt", cwd=tmp_path)
    assert {"CS101", "CS281"} <= {line.split()[1] for line in both.lines}  # shipped and team rules both run
    only = cli("--isolated", "--no-default-rules", "--rules", "team-rules", "r.txt", cwd=tmp_path)
    assert only.lines == ["r.txt:1:17: CS281 [*] say 'request', not 'ticket'"]


def test_rules_lists_every_rule(cli) -> None:
    r = cli("rules")
    assert r.returncode == 0
    codes = [line.split()[0] for line in r.lines]
    assert codes == sorted(codes) and "CS101" in codes and "CS301" in codes
    assert r.lines[codes.index("CS101")].split()[1:] == ["passive-aggressive", "respect", "warning"]


def test_rule_explains_one_rule_with_examples(cli) -> None:
    r = cli("rule", "cs101")
    assert r.returncode == 0
    assert r.lines[0] == "CS101 passive-aggressive"
    assert "Flags:" in r.stdout and "Passes:" in r.stdout
    missing = cli("rule", "CS999")
    assert missing.returncode == 2 and "no rule 'CS999'" in missing.stderr


def test_check_rules_runs_examples(cli, tmp_path: Path) -> None:
    (tmp_path / "ok.yml").write_text(
        "code: CS181\nname: no-whatever\nprinciple: respect\nseverity: warning\ntype: phrases\n"
        "message: avoid '{match}'\ndescription: Dismissive.\nsource: team\nphrases: [whatever]\n"
        "examples: {flag: [Whatever.], pass: [What ever happened?]}\n",
        encoding="utf-8",
    )
    r = cli("check-rules", str(tmp_path))
    assert (r.returncode, r.lines[-1]) == (0, "1 rule checked: 0 invalid, 0 failing examples")
    (tmp_path / "bad.yml").write_text(
        "code: CS182\nname: no-fine\nprinciple: respect\nseverity: warning\ntype: phrases\n"
        "message: avoid '{match}'\ndescription: x\nsource: team\nphrases: [fine]\n"
        "examples: {flag: [All good.], pass: [That is fine.]}\n",
        encoding="utf-8",
    )
    r = cli("check-rules", str(tmp_path))
    assert r.returncode == 1
    assert f"{tmp_path / 'bad.yml'}: CS182 does not flag its 'flag' example 1: 'All good.'" in r.lines
    assert f"{tmp_path / 'bad.yml'}: CS182 flags its 'pass' example 1 at column 9: 'That is fine.'" in r.lines


def test_python_dash_m_and_console_script_agree(cli) -> None:
    assert cli("--version").stdout.startswith("cslint ")


def test_an_opt_in_rule_is_off_until_its_principle_or_code_is_selected(cli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("We're sooooo glad, yessss.\n", encoding="utf-8")
    assert cli("--isolated", "r.txt", cwd=tmp_path).lines == []
    for options in (["--extend-select", "CS507"], ["--select", "CS5"]):
        r = cli("--isolated", "-q", *options, "r.txt", cwd=tmp_path)
        assert [line.split(": ")[1].split()[0] for line in r.lines] == ["CS507", "CS507"], options
    assert cli("rules").lines[[l.split()[0] for l in cli("rules").lines].index("CS507")].endswith("(opt-in)")


def test_output_is_written_once_per_file(replies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the output is unbuffered (PYTHONUNBUFFERED, as many CI images set), each
    write is a system call: a file's lines go out together, in the order they are found."""
    import io

    from cslint.cli import main as cli

    class Counted(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Counted.writes += 1
            return super().write(text)

    out = Counted()
    monkeypatch.chdir(replies)
    assert cli.run_lint(["--isolated", "-j", "1", "."], out) == 1
    assert out.getvalue().splitlines() == [
        "bad.txt:1:1: CS101 'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it",
        "bad.txt:1:12: CS201 [*] 'please be advised that' is stilted; use 'please note that'",
        "sub/shout.md:3:1: CS501 'PLEASE DO NOT' is written in capitals, which reads as shouting",
        "sub/shout.md:3:20: CS502 '!!': repeated punctuation reads as shouting or exasperation",
    ]
    assert Counted.writes == 2
