"""``cslint audit``: the summary a support lead reads, as text, JSON and one HTML file, from
a library with a near-duplicate, a term spelled two ways, an unreadable file and a macro
that tries to inject a script."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cslint.audit import audit_paths
from cslint.config import Config

REFUND = ("Thanks for your patience. Your refund has been issued today and should reach your card within "
          "five to seven business days. If it has not arrived by then, reply to this email and we will look into it.")
ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<script>window.pwned = 1</script>"
#: A small library in two folders (see the module docstring).
LIBRARY = {
    "billing/refund.txt": REFUND + "\n",
    "billing/refund-again.txt": "Hello,\n\n" + REFUND.replace("look into it.", "look into it for you.") + "\n",
    "billing/late.txt": "Please be advised that we will get back to you ASAP.\n",
    "support/wifi.json": json.dumps([
        {"title": "Wifi help", "body": "Turn Wi-Fi off and on again, then utilize the reset button."},
        {"title": "<img src=x onerror=alert(1)>", "body": f"Move closer to the router. {HOSTILE} Reconnect to WiFi & try again."},
        {"title": "Router", "body": "Restart the router, then reconnect to Wi-Fi."},
    ], indent=1) + "\n",
    "support/broken.json": '[{"title": "x", "body": "Wi-Fi"',
}


def write_library(folder: Path) -> Path:
    for name, text in LIBRARY.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


SUMMARY = """\
cslint audit of library: 6 macros in 5 files, 5 findings (3 warnings, 2 info)
  2 macros without a finding; 2 macros in 1 near-duplicate cluster; 1 term spelled several ways; 1 problem reading the library

Findings per principle
  clarity              2  ##############################
  consistency          2  ##############################
  accountability       1  ###############

Findings per folder (or file)
  billing       3  ##############################  in 3 macros
  support       2  ####################            in 3 macros

Reading grade (Flesch-Kincaid)
  median 4.7, middle half 4.5 to 5.0, highest 5.2 (2 macros of 20 words or more)

The 4 worst macros
   1. billing/late.txt:1: 2 warnings (CS201, CS402)
   2. 'Wifi help' (support/wifi.json:4): 1 warning (CS201)
   3. billing/refund.txt:1: 1 info (CS801)
   4. '<img src=x onerror=alert(1)>' (support/wifi.json:8): 1 info (CS802)

Near-duplicates: 1 cluster of 2 macros (merge each into one macro, or make the difference plain)
  1. billing/refund-again.txt:1
     billing/refund.txt:1: 92% of the wording of billing/refund-again.txt:1

Term variants: 1 term spelled several ways
  write 'Wi-Fi' ('Wi-Fi' 2x, 'WiFi' 1x):
     support/wifi.json:8:86 '<img src=x onerror=alert(1)>': 'WiFi'

Problems reading the library (1); the rest of the report stands without them
  support/broken.json:1:32: CS902 cannot read as json: invalid JSON: expected ',' or '}' after an object member
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_summary_names_what_a_lead_acts_on(cli, library: Path, jobs: str) -> None:
    r = cli("audit", "--isolated", "-j", jobs, "library", cwd=library.parent)
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == SUMMARY


def test_unreadable_files_are_listed_and_the_rest_is_reported(cli, library: Path) -> None:
    (library / "support" / "logo.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (library / "support" / "gone.json").symlink_to(library / "nowhere.json")
    r = cli("audit", "--isolated", "library", cwd=library.parent)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "cslint audit of library: 6 macros in 7 files, 5 findings (3 warnings, 2 info)"
    assert r.stdout.split("Problems reading the library")[1] == """ (3); the rest of the report stands without them
  support/broken.json:1:32: CS902 cannot read as json: invalid JSON: expected ',' or '}' after an object member
  support/gone.json:1:1: CS902 no such file or folder
  support/logo.json:1:1: CS902 binary file (contains NUL bytes), not text
"""
    assert r.stdout.split("\nThe 4 worst")[1].split("Problems")[0] == SUMMARY.split("\nThe 4 worst")[1].split("Problems")[0]


def test_json_summary(cli, library: Path) -> None:
    r = cli("audit", "--isolated", "--format", "json", "--top", "1", "library", cwd=library.parent)
    found = json.loads(r.stdout)
    assert {k: found[k] for k in ("root", "files", "macros", "findings", "by_severity", "by_principle", "by_code", "by_folder")} == {
        "root": "library", "files": 5, "macros": 6, "findings": 5,
        "by_severity": {"warning": 3, "info": 2},
        "by_principle": {"clarity": 2, "consistency": 2, "accountability": 1},
        "by_code": {"CS201": 2, "CS402": 1, "CS801": 1, "CS802": 1},
        "by_folder": {"billing": {"macros": 3, "findings": 3}, "support": {"macros": 3, "findings": 2}},
    }
    assert found["reading_grade"] == {"min_words": 20, "macros": 2, "median": 4.7, "quartiles": [4.5, 5.0], "highest": 5.2}
    assert [(w["path"], w["score"], [f["text"] for f in w["findings"]]) for w in found["worst"]] == [
        ("library/billing/late.txt", 4, ["Please be advised that", "ASAP."])]
    assert found["near_duplicates"] == [{
        "macros": [{"path": "library/billing/refund-again.txt", "line": 1, "id": None, "title": None},
                   {"path": "library/billing/refund.txt", "line": 1, "id": None, "title": None}],
        "links": [{"macro": 1, "repeats": 0, "similarity": 92}]}]
    [variant] = found["term_variants"]
    assert (variant["write"], variant["spellings"], [(a["line"], a["column"], a["text"], a["macro"]["title"]) for a in variant["at"]]) == (
        "Wi-Fi", "'Wi-Fi' 2x, 'WiFi' 1x", [(8, 86, "WiFi", "<img src=x onerror=alert(1)>")])
    assert [(e["path"], e["line"], e["code"]) for e in found["errors"]] == [("library/support/broken.json", 1, "CS902")]


def test_the_api_gives_the_audit(library: Path) -> None:
    audit = audit_paths(library, Config())
    assert len(audit.macros) == 6 and audit.files == 5
    assert [(audit.where(c.macros[0]), [audit.where(i) for i in c.macros]) for c in audit.clusters] == [
        ("billing/refund-again.txt:1", ["billing/refund-again.txt:1", "billing/refund.txt:1"])]
    assert [(f.diagnostic.code, audit.macros[f.macro].text[f.start:f.end]) for f in audit.findings if f.macro is not None
            and f.diagnostic.code != "CS801"] == [
        ("CS201", "Please be advised that"), ("CS402", "ASAP."), ("CS201", "utilize"), ("CS802", "WiFi")]


def test_selection_options_apply(cli, library: Path) -> None:
    r = cli("audit", "--isolated", "--format", "json", "--ignore", "CS801", "--select", "CS8,CS9", "library", cwd=library.parent)
    found = json.loads(r.stdout)
    assert (found["by_code"], found["near_duplicates"]) == ({"CS802": 1}, [])
    bad = cli("audit", "--isolated", "--select", "CS77", "library", cwd=library.parent)
    assert bad.returncode == 2
    assert bad.stderr.startswith("cslint: error: --select: no rule has a code starting with 'CS77'")


def test_a_library_written_with_another_configuration(cli, library: Path) -> None:
    (library / "cslint.toml").write_text('extend-ignore = ["CS4"]\n[rule-settings.CS802]\npreferred = ["WiFi"]\n', encoding="utf-8")
    r = cli("audit", "--format", "json", ".", cwd=library)
    found = json.loads(r.stdout)
    assert "CS402" not in found["by_code"]
    assert [(v["write"], [a["text"] for a in v["at"]]) for v in found["term_variants"]] == [("WiFi", ["Wi-Fi", "Wi-Fi"])]


class _Page(HTMLParser):
    """What a browser would make of the page: its elements and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_html_is_one_file_that_loads_nothing_and_escapes_the_macros(cli, library: Path) -> None:
    r = cli("audit", "--isolated", "--format", "html", "--output-file", "report.html", "library", cwd=library.parent)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    page = (library.parent / "report.html").read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(page)
    # nothing to fetch: no linked resource, no URL anywhere, and a policy forbidding it
    assert not [a for _, attrs in parsed.tags for a in ("src", "href") if a in attrs]
    assert "://" not in page
    policy = next(attrs["content"] for tag, attrs in parsed.tags if tag == "meta" and attrs.get("http-equiv"))
    assert policy is not None and policy.startswith("default-src 'none';")
    # the macros' markup is text: only the report's own three scripts (data, code) and no injected element
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    assert not [tag for tag, _ in parsed.tags if tag == "img"]
    assert HOSTILE not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    data = json.loads(next(s for s in parsed.scripts if s.startswith("{")))
    assert [m["t"] for m in data["macros"]][3:5] == ["Wifi help", "<img src=x onerror=alert(1)>"]
    assert HOSTILE in data["macros"][4]["x"]
    # charts: findings per principle, per folder, and the reading-grade spread, as inline SVG
    assert [attrs["id"] for tag, attrs in parsed.tags if tag == "figure"] == ["chart-principle", "chart-folder", "chart-grade"]
    assert [attrs.get("aria-label") for tag, attrs in parsed.tags if tag == "svg"] == [
        "Findings per principle", "Findings per folder or file", "Macros per reading grade"]


def test_html_to_standard_output_and_an_empty_library(cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = cli("audit", "--isolated", "--format", "html", "empty", cwd=tmp_path)
    assert r.returncode == 0
    assert r.stdout.startswith("<!DOCTYPE html>") and "No macro has a finding." in r.stdout
    text = cli("audit", "--isolated", "empty", cwd=tmp_path)
    assert text.stdout.splitlines()[0] == "cslint audit of empty: 0 macros in 0 files, 0 findings"


def test_audit_takes_no_standard_input(cli, library: Path) -> None:
    r = cli("audit", "-", cwd=library)
    assert (r.returncode, r.stderr) == (2, "cslint: error: cslint audit reads a library from files and folders, not standard input\n")


def test_the_sample_in_the_docs_is_what_cslint_audit_prints(cli) -> None:
    root = ROOT
    sample = re.search(r"```console\n\$ cslint audit docs/audit-example\n(.*?)```",
                       (root / "docs" / "audit.md").read_text(encoding="utf-8"), re.S)
    assert sample, "docs/audit.md shows a sample audit of docs/audit-example"
    r = cli("audit", "--isolated", "docs/audit-example", cwd=root)
    assert r.stdout == sample.group(1), "docs/audit.md's sample is out of date: paste 'cslint audit docs/audit-example'"


@pytest.mark.parametrize("report", ["text", "json", "html"])
def test_a_lone_surrogate_in_a_macro_is_written_as_valid_utf8(tmp_path: Path, report: str) -> None:
    """A JSON escape of half a surrogate pair in a macro's title and text (a broken export)
    is written as its six characters, \\ud800, in every report: never a UnicodeEncodeError."""
    (tmp_path / "lib.jsonl").write_text('{"id": 1, "title": "Ti\\udc00tle", "text": "Please be advised \\ud800 it is late."}\n',
                                        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "cslint", "audit", "--isolated", "--format", report, "lib.jsonl"],
                          cwd=tmp_path, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0 and proc.stderr == b""
    out = proc.stdout.decode("utf-8")  # strict: valid UTF-8 or an error
    if report == "json":
        assert json.loads(out)["worst"][0]["title"] == "Ti\\udc00tle"
    elif report == "html":
        data = json.loads(out.split('<script type="application/json" id="audit-data">')[1].split("</script>")[0])
        assert data["macros"][0]["t"] == "Ti\udc00tle"  # (JSON's own escape: the browser gets the code point)
        assert "Ti\\udc00tle" in out.split('<script type="application/json"')[0]
    else:
        assert "'Ti\\udc00tle' (lib.jsonl:1)" in out
