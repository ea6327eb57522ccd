"""Output formats as CI systems and people read them: exact lines, valid documents."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from conftest import ROOT

from cslint import reporters
from cslint.diagnostic import Diagnostic, Item
from cslint.reporters import github

RULES = Path(__file__).parent / "data" / "fix-rules"
#: The test rules only, so the expectations do not move when the shipped rules change.
ISOLATED = ("--isolated", "--no-default-rules", "--rules", str(RULES))
REPLY = "TODO: check\n\tPlease utilize the app prior to Monday, ASAP.\n"


@pytest.fixture
def replies(tmp_path: Path) -> Path:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Thanks, Sam. It ships today.\n", encoding="utf-8")
    return tmp_path


def test_default_with_show_source_puts_carets_under_the_span(cli, replies: Path) -> None:
    r = cli(*ISOLATED, "--show-source", "reply.txt", cwd=replies)
    assert r.returncode == 1
    assert r.stdout.splitlines()[:6] == [
        "reply.txt:1:1: CS594 'TODO:' looks like an internal note",
        "TODO: check",
        "^^^^^",
        "reply.txt:2:9: CS291 [*] 'utilize' is wordy; use 'use'",
        "\tPlease utilize the app prior to Monday, ASAP.",
        "\t       ^^^^^^^",  # the tab before the span stays a tab, so the carets line up
    ]


def test_show_source_shows_a_window_of_a_long_line(cli, tmp_path: Path) -> None:
    """A reply on one long line is shown around each finding, cut with '…', not printed
    whole under every finding on it."""
    line = "Thanks for writing in. " * 20 + "Please utilize the app. " + "It ships today. " * 20
    (tmp_path / "long.txt").write_text(line + "\n", encoding="utf-8")
    r = cli(*ISOLATED, "--show-source", "long.txt", cwd=tmp_path)
    column = line.index("utilize") + 1
    assert r.stdout.splitlines()[:3] == [
        f"long.txt:1:{column}: CS291 [*] 'utilize' is wordy; use 'use'",
        "…" + line[column - 41 : column + 6 + 40] + "…",
        " " * 41 + "^^^^^^^",
    ]


def test_grouped_names_each_file_once(cli, replies: Path) -> None:
    (replies / "second.txt").write_text("Do this in order to win.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--format", "grouped", ".", cwd=replies)
    assert r.returncode == 1
    assert r.stdout == (
        "reply.txt:\n"
        "  1:1   CS594      'TODO:' looks like an internal note\n"
        "  2:9   CS291 [*]  'utilize' is wordy; use 'use'\n"
        "  2:25  CS291 [*]  'prior to' is wordy; use 'before'\n"
        "  2:31  CS293 [*]  'to Monday': give the date, e.g. 'by Monday'\n"
        "  2:42  CS492      'ASAP' promises no time; say when, e.g. 'today'\n"
        "\n"
        "second.txt:\n"
        "  1:9  CS291 [*]  'in order to' is wordy; use 'to'\n"
    )
    assert "Found 6 problems (1 error, 3 warnings, 2 info). 4 fixable with --fix, 1 more fixable with --fix --unsafe-fixes." in r.stderr


def test_statistics_and_count_follow_the_report(cli, replies: Path) -> None:
    r = cli(*ISOLATED, "--statistics", "--count", "reply.txt", cwd=replies)
    assert r.stdout.splitlines()[-5:] == [
        "2     CS291 wordy",
        "1     CS293 weekday",
        "1     CS492 vague-time",
        "1     CS594 no-internal-notes",
        "5",
    ]


def test_output_file_gets_the_report_and_stdout_keeps_the_counts(cli, replies: Path) -> None:
    r = cli(*ISOLATED, "--format", "json", "--output-file", "out.json", "--count", "reply.txt", cwd=replies)
    assert (r.returncode, r.stdout) == (1, "5\n")
    assert [d["code"] for d in json.loads((replies / "out.json").read_text(encoding="utf-8"))] == [
        "CS594", "CS291", "CS291", "CS293", "CS492"]


def test_output_file_is_closed_once_and_nothing_is_left_to_complain(cli, replies: Path) -> None:
    """In Python's development mode a stream closed twice, or written after closing,
    is reported on standard error; a run with --output-file leaves nothing of the kind."""
    r = cli(*ISOLATED, "-q", "--output-file", "out.txt", "reply.txt", cwd=replies, interpreter=("-X", "dev"))
    assert r.returncode == 1 and r.stderr == ""
    assert (replies / "out.txt").read_text(encoding="utf-8").startswith("reply.txt:1:1: CS594 ")


def test_output_file_in_a_missing_folder_is_a_usage_error(cli, replies: Path) -> None:
    r = cli(*ISOLATED, "--output-file", "no/such/out.txt", "reply.txt", cwd=replies)
    assert r.returncode == 2
    assert r.stderr.startswith("cslint: error: --output-file: no/such/out.txt: No such file or directory")


def test_json_keys_and_fix(cli, replies: Path) -> None:
    data = json.loads(cli(*ISOLATED, "--format", "json", "reply.txt", cwd=replies).stdout)
    assert data[1] == {
        "path": "reply.txt", "line": 2, "column": 9, "end_line": 2, "end_column": 16,
        "code": "CS291", "rule": "wordy", "principle": "clarity", "severity": "warning",
        "message": "'utilize' is wordy; use 'use'", "item": None,
        "fix": {"replacement": "use", "applicability": "safe"},
    }
    assert data[0]["fix"] is None
    assert data[4]["fix"] == {"replacement": "today", "applicability": "unsafe"}


# --- GitHub workflow commands -------------------------------------------------------------

def test_github_commands_map_severities(cli, replies: Path) -> None:
    r = cli(*ISOLATED, "--format", "github", "reply.txt", cwd=replies)
    assert r.lines == [
        "::notice file=reply.txt,line=1,col=1,endLine=1,endColumn=6,title=CS594::'TODO:' looks like an internal note",
        "::warning file=reply.txt,line=2,col=9,endLine=2,endColumn=16,title=CS291::'utilize' is wordy; use 'use'",
        "::warning file=reply.txt,line=2,col=25,endLine=2,endColumn=33,title=CS291::'prior to' is wordy; use 'before'",
        "::notice file=reply.txt,line=2,col=31,endLine=2,endColumn=40,title=CS293::'to Monday': give the date, e.g. 'by Monday'",
        "::error file=reply.txt,line=2,col=42,endLine=2,endColumn=46,title=CS492::'ASAP' promises no time; say when, e.g. 'today'",
    ]


def test_github_escapes_properties_and_data_and_drops_columns_across_lines(cli, tmp_path: Path) -> None:
    # The phrase runs over a line break, so the span covers two lines.
    (tmp_path / "50%, re: refund.txt").write_text("Do it prior\r\nto noon, 100% sure.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--format", "github", ".", cwd=tmp_path)
    (line,) = r.stdout.split("\n")[:-1]  # one command: any line break in the message is escaped
    head, message = line.split("::")[1:]
    assert head == "warning file=50%25%2C re%3A refund.txt,line=1,endLine=2,title=CS291"
    assert "\r" not in message and "is wordy; use 'before'" in message


def test_github_escaping_of_a_macro_title() -> None:
    d = Diagnostic("m.json", 3, 4, 3, 8, "CS301", "x", "empathy", "info", "Say 100% sorry", Item("7", "Refund: 50%, late\nfee"))
    assert github.command(d) == (
        "::notice file=m.json,line=3,col=4,endLine=3,endColumn=8,title=CS301::Say 100%25 sorry [macro: Refund: 50%25, late%0Afee]"
    )


# --- SARIF ------------------------------------------------------------------------------

@pytest.fixture
def sarif_schema(shared: Path) -> dict:
    return json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_and_describes_every_code(cli, replies: Path, sarif_schema: dict) -> None:
    (replies / "binary.txt").write_bytes(b"\x00\x01\x02")
    r = cli(*ISOLATED, "--format", "sarif", "reply.txt", "binary.txt", cwd=replies)
    assert r.returncode == 1
    log = json.loads(r.stdout)
    jsonschema.validate(log, sarif_schema)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "cslint"
    assert [r["id"] for r in rules] == ["CS291", "CS293", "CS492", "CS594", "CS902"]
    for rule in rules:  # GitHub refuses empty texts
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    notes = rules[3]
    assert notes["shortDescription"]["text"] == "Test rule without a fix"
    assert notes["defaultConfiguration"] == {"level": "note"}
    assert notes["properties"]["problem.severity"] == "recommendation"
    assert "Flagged:\n- TODO: ask billing" in notes["help"]["text"]
    results = run["results"]
    assert [(x["ruleId"], x["level"], rules[x["ruleIndex"]]["id"]) for x in results] == [
        ("CS902", "error", "CS902"),
        ("CS594", "note", "CS594"),
        ("CS291", "warning", "CS291"),
        ("CS291", "warning", "CS291"),
        ("CS293", "note", "CS293"),
        ("CS492", "error", "CS492"),
    ]
    utilize = results[2]
    assert utilize["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "reply.txt"},
        "region": {"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 16},
    }
    assert utilize["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "use"}


def test_sarif_of_a_clean_run_is_valid(cli, replies: Path, sarif_schema: dict) -> None:
    r = cli(*ISOLATED, "--format", "sarif", "clean.txt", cwd=replies)
    log = json.loads(r.stdout)
    jsonschema.validate(log, sarif_schema)
    assert (r.returncode, log["runs"][0]["results"], log["runs"][0]["tool"]["driver"]["rules"]) == (0, [], [])


def test_sarif_counts_columns_in_code_points(cli, tmp_path: Path, sarif_schema: dict) -> None:
    (tmp_path / "emoji reply.txt").write_text("👋🏽 Hi, utilize it.\n", encoding="utf-8")
    log = json.loads(cli(*ISOLATED, "--format", "sarif", ".", cwd=tmp_path).stdout)
    jsonschema.validate(log, sarif_schema)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "emoji%20reply.txt"},
        "region": {"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 15},
    }


# --- JUnit ------------------------------------------------------------------------------

def test_junit_has_a_failing_case_per_finding_and_a_passing_case_per_clean_file(cli, replies: Path) -> None:
    (replies / "ctrl.txt").write_text("TODO:\x0b later\n", encoding="utf-8")  # not allowed in XML 1.0
    r = cli(*ISOLATED, "--format", "junit", ".", cwd=replies)
    assert r.returncode == 1
    root = ET.fromstring(r.stdout)
    assert root.tag == "testsuites"
    (suite,) = root
    assert (suite.get("tests"), suite.get("failures")) == ("7", "6")
    cases = [(c.get("classname"), c.get("name"), [f.get("type") for f in c]) for c in suite]
    assert cases == [
        ("clean.txt", "no problems", []),
        ("ctrl.txt", "1:1 CS594", ["CS594"]),
        ("reply.txt", "1:1 CS594", ["CS594"]),
        ("reply.txt", "2:9 CS291", ["CS291"]),
        ("reply.txt", "2:25 CS291", ["CS291"]),
        ("reply.txt", "2:31 CS293", ["CS293"]),
        ("reply.txt", "2:42 CS492", ["CS492"]),
    ]
    failure = suite[3][0]
    assert failure.get("message") == "'utilize' is wordy; use 'use'"
    assert failure.text == "reply.txt:2:9: CS291 'utilize' is wordy; use 'use'"


def test_every_format_is_listed_in_help(cli) -> None:
    r = cli("--help")
    assert "default, json, sarif, github, junit, grouped, jsonl, parquet" in " ".join(r.stdout.split())


def test_the_output_file_is_not_linted_when_it_lies_in_the_folder(cli, replies: Path) -> None:
    (replies / "report.json").write_text("[]\n", encoding="utf-8")  # left from an earlier run
    r = cli(*ISOLATED, "--format", "json", "--output-file", "report.json", ".", cwd=replies)
    assert r.returncode == 1
    assert {d["path"] for d in json.loads((replies / "report.json").read_text(encoding="utf-8"))} == {"reply.txt"}


def test_each_format_lives_in_the_module_of_its_name() -> None:
    """The format list is read without importing every format, so a format's name must
    be its module's name."""
    from cslint import reporters

    assert reporters.names()[0] == "default"
    assert [reporters.get(name).name for name in reporters.names()] == reporters.names()
    with pytest.raises(KeyError):
        reporters.get("base")


SLOT_RULE = """\
code: CS595
name: fill-in-slot
principle: professionalism
severity: warning
type: phrases
message: "'{match}' is a slot left unfilled"
description: Test rule whose finding quotes a reply's text.
source: cslint test suite.
phrases: ["\\\\[insert \\\\S+ name\\\\]"]
examples: {flag: ["[INSERT X NAME]"], pass: ["Sam"]}
"""


@pytest.mark.parametrize("name", reporters.names())
def test_every_format_writes_lone_surrogates_and_odd_file_names_as_valid_utf8(tmp_path: Path, name: str) -> None:
    """A JSON escape of half a surrogate pair in a reply and a macro title, and a file
    name that is not UTF-8 (kept by Python as \\udce9 for the byte 0xE9), used to end the
    run with a UnicodeEncodeError in every format but JUnit, which wrote U+FFFD. Every
    format now writes them as the same six characters, \\ud800 and \\udce9, in valid
    UTF-8, and SARIF's URI keeps the name's own byte (%E9)."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slot.yml").write_text(SLOT_RULE, encoding="utf-8")
    (tmp_path / "m.jsonl").write_text('{"id": 1, "title": "Ti\\udc00tle", "text": "Hi [INSERT \\ud800 NAME]."}\n',
                                      encoding="utf-8")
    odd = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / odd).write_text("Hi [INSERT \N{SNOWMAN} NAME].\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):  # pragma: no cover - a file system that refuses such names
        pytest.skip("this file system refuses names that are not UTF-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cslint", "--isolated", "--no-default-rules", "--rules", "rules", "--format", name,
         odd, "m.jsonl", *(["--output-file", "out.parquet"] if name == "parquet" else [])],
        check=False, cwd=tmp_path, capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    out = proc.stdout.decode("utf-8")  # strict: valid UTF-8 or an error
    if name == "parquet":  # (its strings are UTF-8, which pyarrow checks as it reads)
        pq = pytest.importorskip("pyarrow.parquet")
        out = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pq.read_table(tmp_path / "out.parquet").to_pylist())
    slot = "'[INSERT \\ud800 NAME]' is a slot left unfilled"
    if name in ("json", "jsonl", "parquet", "sarif"):
        log = [json.loads(line) for line in out.splitlines()] if name in ("jsonl", "parquet") else json.loads(out)
        if name != "sarif":
            assert [(d["path"], d["message"], d["item"]) for d in log] == [
                ("caf\\udce9.txt", "'[INSERT \N{SNOWMAN} NAME]' is a slot left unfilled", None),
                ("m.jsonl", slot, {"id": "1", "title": "Ti\\udc00tle"}),
            ]
        else:
            results = log["runs"][0]["results"]
            assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["message"]["text"])
                    for r in results] == [
                ("caf%E9.txt", "'[INSERT \N{SNOWMAN} NAME]' is a slot left unfilled"),
                ("m.jsonl", f"{slot} [macro: Ti\\udc00tle]"),
            ]
    elif name == "junit":
        cases = ET.fromstring(out).iter("testcase")
        assert [(c.get("file"), c.find("failure").get("message")) for c in cases] == [  # type: ignore[union-attr]
            ("caf\\udce9.txt", "'[INSERT \N{SNOWMAN} NAME]' is a slot left unfilled"),
            ("m.jsonl", f"{slot} [macro: Ti\\udc00tle]"),
        ]
    else:
        assert "caf\\udce9.txt" in out and slot in out and "[macro: Ti\\udc00tle]" in out  # (grouped: above its findings)
        if name == "default":
            assert out.splitlines() == [
                "caf\\udce9.txt:1:4: CS595 '[INSERT \N{SNOWMAN} NAME]' is a slot left unfilled",
                f"m.jsonl:1:47: CS595 {slot} [macro: Ti\\udc00tle]",
            ]
