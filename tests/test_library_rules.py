"""Library rules (CS8xx): judged across every file of a run, reported at the offending text
of a named macro, the same through the CLI (any -j), the API and every output format."""
from __future__ import annotations

import itertools
import json
from collections import Counter
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cslint import api, lint_paths, load_rules, reporters
from cslint.checks.duplicates import _similar_pairs
from cslint.config import Config
from cslint.diagnostic import Diagnostic
from cslint.engine import library as library_pass
from cslint.rulefiles.parse import RuleFileError

REFUND = ("Thanks for your patience. Your refund has been issued today and should reach your card within "
          "five to seven business days. If it has not arrived by then, reply to this email and we will look into it.")
#: Twenty files of one macro each (enough for -j 2 to use worker processes), and a
#: library of three macros in one JSON file.
FILES = {
    **{f"m{n:02}.txt": f"Macro {n}: we have passed note {n} to the team number {n * 7} today." for n in range(20)},
    "m03.txt": REFUND + "\n",
    "m11.txt": "Hello,\n\n" + REFUND.replace("look into it.", "look into it for you.") + "\n",
    "m12.txt": "Please check your e-mail and reconnect to WiFi.\n",
    "m13.txt": "Check your email, then turn Wi-Fi on.\n",
    "lib.json": json.dumps([
        {"title": "Wifi help", "body": "Turn Wi-Fi off and on again."},
        {"title": "Resend", "body": "We sent the link to your email. The email may take a minute."},
    ], indent=1) + "\n",
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


LINES = [
    "m11.txt:1:1: CS801 nearly the same macro as m03.txt:1 (92% of its wording): merge the two, or make the difference plain",
    "m12.txt:1:19: CS802 'e-mail': write 'email', one spelling for the library (it has 'email' 5x, 'e-mail' 1x)",
    "m12.txt:1:43: CS802 'WiFi': write 'Wi-Fi', one spelling for the library (it has 'Wi-Fi' 2x, 'WiFi' 1x)",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_reports_library_findings_after_every_file_is_read(cli, library: Path, jobs: str) -> None:
    r = cli("--isolated", "--select", "CS8", "-j", jobs, ".", cwd=library)
    assert r.lines == LINES
    assert r.returncode == 0  # info findings: the default fail level is warning


def test_library_rules_are_opt_in(cli, library: Path) -> None:
    r = cli("--isolated", "--select", "CS", "-q", ".", cwd=library)
    assert not [line for line in r.lines if ": CS8" in line]


def test_json_names_the_macro_and_the_whole_span(cli, library: Path) -> None:
    r = cli("--isolated", "--select", "CS8", "--format", "json", ".", cwd=library)
    found = json.loads(r.stdout)
    assert [(d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"]) for d in found] == [
        ("m11.txt", 1, 1, 3, 1 + len(REFUND) + len(" for you"), "CS801"),
        ("m12.txt", 1, 19, 1, 25, "CS802"),
        ("m12.txt", 1, 43, 1, 47, "CS802"),
    ]
    assert found[0]["rule"] == "near-duplicate" and found[0]["principle"] == "consistency"


def test_a_macro_in_a_library_file_is_named(cli, tmp_path: Path) -> None:
    (tmp_path / "lib.json").write_text(json.dumps([
        {"title": "Wifi help", "body": "Turn Wi-Fi off and on again."},
        {"title": "Router", "body": "Restart the router, then reconnect to Wi-Fi."},
        {"title": "Slow", "body": "Move closer to the wifi router."},
    ], indent=1), encoding="utf-8")
    r = cli("--isolated", "--select", "CS802", "--format", "grouped", ".", cwd=tmp_path)
    assert r.lines == [
        "lib.json:",
        "  [macro: Slow]",
        "    12:31  CS802  'wifi': write 'Wi-Fi', one spelling for the library (it has 'Wi-Fi' 2x, 'wifi' 1x)",
    ]


def test_api_gives_what_the_cli_gives(library: Path) -> None:
    found = list(lint_paths([str(library)], Config(select=("CS8",))))
    shown = [f"{Path(d.path).name}:{d.line}:{d.column}: {d.code} {d.message}" for d in found]
    assert shown == [line.replace("m03.txt:1", f"{library / 'm03.txt'}:1") for line in LINES]
    assert found[0].item is None  # a text file is one reply, named by its path


def test_an_unreadable_file_costs_only_its_own_macros(cli, library: Path) -> None:
    (library / "broken.json").write_text('[{"title": "x", "body": "Wi-Fi"', encoding="utf-8")
    r = cli("--isolated", "--select", "CS8,CS902", ".", cwd=library)
    assert r.lines[0].startswith("broken.json:1:")
    assert r.lines[0].split(": ")[1].startswith("CS902")
    assert r.lines[1:] == LINES


def test_a_suppression_comment_hides_the_finding_but_the_words_still_count(cli, library: Path) -> None:
    (library / "m12.txt").write_text("Please check your e-mail and reconnect to WiFi. <!-- cslint: disable-line CS802 -->\n")
    r = cli("--isolated", "--select", "CS8,CS901", ".", cwd=library)
    assert r.lines == LINES[:1]


def test_the_glossary_fixes_the_preferred_form(library: Path) -> None:
    config = Config(select=("CS802",), rule_settings={"CS802": {"preferred": ["e-mail"]}})
    found = [(Path(d.path).name, d.line, d.column, d.message.split(":")[0]) for d in lint_paths([str(library)], config)]
    assert found == [
        ("lib.json", 8, 37, "'email'"), ("lib.json", 8, 48, "'email'"), ("m03.txt", 1, 169, "'email'"),
        ("m11.txt", 3, 169, "'email'"), ("m12.txt", 1, 43, "'WiFi'"), ("m13.txt", 1, 12, "'email'"),
    ]


def test_copies_of_one_body_each_name_the_first(library: Path) -> None:
    for name in ("m05.txt", "m07.txt"):
        (library / name).write_text(REFUND)
    found = [(Path(d.path).name, d.message.split(" (")[0]) for d in lint_paths([str(library)], Config(select=("CS801",)))]
    first = f"nearly the same macro as {library / 'm03.txt'}:1"
    assert found == [("m05.txt", first), ("m07.txt", first), ("m11.txt", first)]


def test_judging_file_by_file_is_judging_at_once(library: Path) -> None:
    """The audit gathers each file's observations as it comes in from the workers
    (engine.library.Library): the findings of judging them all at once."""
    for name in ("m05.txt", "m07.txt"):
        (library / name).write_text(REFUND)
    config = Config(extend_select=("CS8",))
    rules = api.linter_for(config).rules
    files = [api.linted(s, config).observed for s in api.sources([str(library)], config) if not isinstance(s, Diagnostic)]
    at_once = library_pass.judged(rules, [o for observed in files for o in observed])
    by_file = library_pass.Library(rules)
    for observed in files:
        by_file.add(observed)
    assert [j.diagnostic for j in by_file.judged()] == [j.diagnostic for j in at_once]
    assert [j.diagnostic.code for j in at_once].count("CS801") == 3  # (m05, m07 and m11 repeat m03)


_sets = st.lists(st.frozensets(st.integers(0, 12), min_size=1, max_size=10), max_size=14)


@given(_sets, st.sampled_from([0.5, 0.7, 0.8, 0.9, 1.0]))
def test_prefix_filtering_finds_exactly_the_pairs_a_full_comparison_finds(sets: list[frozenset[int]], t: float) -> None:
    brute = {(a, b) for a, b in itertools.combinations(range(len(sets)), 2)
             if len(sets[a] & sets[b]) / len(sets[a] | sets[b]) >= t}
    frequency = Counter(itertools.chain.from_iterable(sets))
    assert {tuple(sorted(p[:2])) for p in _similar_pairs(sets, t, frequency)} == brute


def test_real_libraries(shared: Path) -> None:
    """Near-duplicates and a term variant in the shared macro libraries (docs/audit.md)."""
    repos = shared / "macro_repos"
    found = list(lint_paths([str(repos / "vscode-remote-release"), str(repos / "blender-bugtracker-canned-responses")],
                            Config(select=("CS8",))))
    shown = [(Path(d.path).name, d.line, d.column, d.code, d.item.label() if d.item else "") for d in found]
    assert shown == [
        ("responses.md", 132, 133, "CS802", "CRASH ON STARTUP"),
        ("commands.json", 302, 15, "CS801", "extCpp"),  # the very text of extC++
        ("commands.json", 330, 15, "CS801", "extJS"),  # extTS's, with 'TypeScript/JavaScript'
    ]  # (extC, extC++ and extC# differ by the name of their language: not duplicates)


@pytest.mark.parametrize(("settings", "message"), [
    ({"CS801": {"similarity": 1.5}}, "configuration: 'similarity' must be above 0 and at most 1"),
    ({"CS802": {"terms": ["--"]}}, "configuration: the term '--' has no letters"),
    ({"CS802": {"terms": [3]}}, "configuration: 'terms': must be a list of non-empty texts"),
])
def test_bad_settings_are_refused_when_the_rules_load(settings: dict[str, dict[str, object]], message: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rules(Config(rule_settings=settings))
    assert str(caught.value) == message


@pytest.mark.parametrize("name", reporters.names())
def test_every_format_carries_the_library_findings(cli, library: Path, name: str) -> None:
    out_file = ["--output-file", "out.parquet"] if name == "parquet" else []
    r = cli("--isolated", "--select", "CS801", "--format", name, *out_file, ".", cwd=library)
    assert r.returncode == 0, r.stderr
    message = "nearly the same macro as m03.txt:1 (92% of its wording): merge the two, or make the difference plain"
    end = 1 + len(REFUND) + len(" for you")
    if name in ("json", "jsonl", "parquet"):
        if name == "parquet":
            rows = pytest.importorskip("pyarrow.parquet").read_table(library / "out.parquet").to_pylist()
        else:
            rows = json.loads(r.stdout) if name == "json" else [json.loads(line) for line in r.lines]
        assert [(d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["message"]) for d in rows] == [
            ("m11.txt", 1, 1, 3, end, "CS801", message)]
    elif name == "sarif":
        [result] = json.loads(r.stdout)["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]
        assert (result["ruleId"], result["message"]["text"], location["artifactLocation"]["uri"], location["region"]) == (
            "CS801", message, "m11.txt", {"startLine": 1, "startColumn": 1, "endLine": 3, "endColumn": end})
    elif name == "junit":
        failed = [c for c in ET.fromstring(r.stdout).iter("testcase") if c.find("failure") is not None]
        assert [(c.get("file"), c.get("line"), c.find("failure").get("type")) for c in failed] == [  # type: ignore[union-attr]
            ("m11.txt", "1", "CS801")]
    elif name == "github":
        assert r.lines == [f"::notice file=m11.txt,line=1,endLine=3,title=CS801::{message.replace('%', '%25')}"]
    elif name == "grouped":
        assert r.lines == ["m11.txt:", f"  1:1  CS801  {message}"]
    else:
        assert r.lines == [f"m11.txt:1:1: CS801 {message}"]


def test_fix_reports_the_library_findings_of_the_fixed_files(cli, library: Path) -> None:
    (library / "m14.txt").write_text("We utilize e-mail for returns.\n", encoding="utf-8")
    r = cli("--isolated", "--select", "CS8,CS201", "--fix", ".", cwd=library)
    assert (library / "m14.txt").read_text(encoding="utf-8") == "We use e-mail for returns.\n"
    assert r.lines == [  # the library judged as it is once fixed: 'e-mail' where 'utilize' stood before
        *(line.replace("'e-mail' 1x", "'e-mail' 2x") for line in LINES),
        "m14.txt:1:8: CS802 'e-mail': write 'email', one spelling for the library (it has 'email' 5x, 'e-mail' 2x)",
    ]
    assert r.stderr.splitlines() == ["Fixed 1 problem in 1 file.", "Found 4 problems (4 info)."]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_library_option_judges_every_file_and_reports_the_named(cli, library: Path, jobs: str) -> None:
    (library / "m05.txt").write_text("We utilize a courier for returns.\n", encoding="utf-8")
    (library / "broken.json").write_text('[{"title": "x", "body": "Wi-Fi"', encoding="utf-8")
    named = cli("--isolated", "--select", "CS8,CS201,CS9", "-j", jobs, "--library", ".", "m03.txt", "m12.txt", cwd=library)
    # m11's finding names m03; m12's spellings are counted over the whole library; m05's
    # 'utilize' and the broken file are not in the files named
    assert named.lines == LINES
    alone = cli("--isolated", "--select", "CS8,CS201,CS9", "-j", jobs, "m03.txt", "m12.txt", cwd=library)
    assert alone.lines == [  # without the library: no duplicate, and the spellings of two files
        "m12.txt:1:19: CS802 'e-mail': write 'email', one spelling for the library (it has 'email' 1x, 'e-mail' 1x)"]


def test_library_option_with_grouped_and_junit_lists_only_the_files_named(cli, library: Path) -> None:
    r = cli("--isolated", "--select", "CS8", "--format", "junit", "--library", ".", "m12.txt", cwd=library)
    cases = list(ET.fromstring(r.stdout).iter("testcase"))
    assert [(c.get("file"), c.get("name")) for c in cases] == [("m12.txt", "1:19 CS802"), ("m12.txt", "1:43 CS802")]


@pytest.mark.parametrize(("argv", "message"), [
    (["--library", "nowhere", "m03.txt"], "--library: nowhere: no such file or folder"),
    (["--library", ".", "-"], "--library: the files to report on are named as paths, not read from standard input"),
])
def test_library_option_refuses(cli, library: Path, argv: list[str], message: str) -> None:
    r = cli("--isolated", *argv, cwd=library)
    assert (r.returncode, r.stderr) == (2, f"cslint: error: {message}\n")


def test_api_takes_one_path_or_a_path_object(library: Path) -> None:
    config = Config(select=("CS8",))
    as_text = [(d.code, d.line, d.column) for d in lint_paths(str(library), config)]
    assert as_text == [(d.code, d.line, d.column) for d in lint_paths(library, config)] == [
        ("CS801", 1, 1), ("CS802", 1, 19), ("CS802", 1, 43)]
