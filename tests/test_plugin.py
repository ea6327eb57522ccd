"""Third-party readers, reporters, rule types and rule folders, each through its own
entry-point group, tested with a tiny plugin package built and installed here."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

PLUGIN_RULE = """\
code: CS591
name: no-cheers
principle: professionalism
severity: warning
type: keyword
word: cheers
message: "'{match}' is too casual for Acme"
description: Acme's tone guide.
source: Acme tone guide
examples: {flag: [Cheers for that.], pass: [Thanks for that.]}
"""

PLUGIN_CODE = '''\
"""A tiny cslint plugin: one rule folder, one rule type, one reader and one reporter."""
from pathlib import Path

from cslint.checks import Check, Finding, Key
from cslint.diagnostic import Item
from cslint.readers import Reader
from cslint.reporters import Reporter
from cslint.sources.document import Segment

RULES = Path(__file__).parent / "rules"


def read_lines(source, options):
    """Acme's saved replies: one reply per line, numbered."""
    for number, (start, line) in enumerate(source.lines(), 1):
        if line.strip():
            yield Segment(line, start, Item(str(number), None))


LINES = Reader("acme-lines", (".acme",), read_lines)


class Tally(Reporter):
    name = "acme-tally"

    def __init__(self, stream, options=None):
        super().__init__(stream, options)
        self.codes = []

    def handle(self, diagnostic):
        self.codes.append(diagnostic.code)

    def finish(self):
        self.stream.write(f"{len(self.codes)} for Acme: {' '.join(sorted(self.codes))}\\n")


class Keyword(Check):
    type_name = "keyword"
    keys = {"word": Key("text", required=True)}

    def __init__(self, options):
        super().__init__(options)
        self._pattern = self.compile([options["word"]])

    def find(self, prose):
        for m in self.matches(self._pattern, prose.text):
            yield Finding(m.start(), m.end(), {"match": m.group()})
'''


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("plugin-src")
    pkg = src / "acme_cslint"
    (pkg / "rules").mkdir(parents=True)
    (pkg / "__init__.py").write_text(PLUGIN_CODE, encoding="utf-8")
    (pkg / "rules" / "no-cheers.yml").write_text(PLUGIN_RULE, encoding="utf-8")
    (src / "pyproject.toml").write_text(textwrap.dedent("""\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "acme-cslint"
        version = "1.0"

        [project.entry-points."cslint.rules"]
        acme = "acme_cslint:RULES"

        [project.entry-points."cslint.rule_types"]
        keyword = "acme_cslint:Keyword"

        [project.entry-points."cslint.readers"]
        acme-lines = "acme_cslint:LINES"

        [project.entry-points."cslint.reporters"]
        acme-tally = "acme_cslint:Tally"

        [tool.hatch.build.targets.wheel]
        packages = ["acme_cslint"]
        """), encoding="utf-8")
    site = tmp_path_factory.mktemp("plugin-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--no-build-isolation",
         "--target", str(site), str(src)],
        check=True, capture_output=True,
    )
    return site


def run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(site)])}
    return subprocess.run([sys.executable, "-m", "cslint", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_plugin_rule_type_and_folder_are_loaded(plugin_site: Path, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Cheers for waiting, it shipped.\n", encoding="utf-8")
    r = run(plugin_site, "--isolated", "r.txt", cwd=tmp_path)
    assert r.stdout.splitlines() == ["r.txt:1:1: CS591 'Cheers' is too casual for Acme"]
    assert r.returncode == 1
    listing = run(plugin_site, "rules", cwd=tmp_path)
    assert any(line.split()[:2] == ["CS591", "no-cheers"] for line in listing.stdout.splitlines())


def test_plugin_rules_are_checked_by_check_rules(plugin_site: Path, tmp_path: Path) -> None:
    folder = next(plugin_site.glob("acme_cslint")) / "rules"
    r = run(plugin_site, "check-rules", str(folder), cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[-1] == "1 rule checked: 0 invalid, 0 failing examples"


def test_plugin_reader_and_reporter_are_loaded(plugin_site: Path, tmp_path: Path) -> None:
    """A plugin reader's extension is walked in folders like a built-in one, and a plugin
    format is chosen with --format; both are listed where the built-in ones are."""
    (tmp_path / "saved.acme").write_text("Thanks for writing.\nAs I said, cheers.\n", encoding="utf-8")
    r = run(plugin_site, "--isolated", "--no-default-rules", ".", cwd=tmp_path)
    assert r.stdout.splitlines() == ["saved.acme:2:12: CS591 'cheers' is too casual for Acme [macro: #2]"]
    tally = run(plugin_site, "--isolated", "--format", "acme-tally", "saved.acme", cwd=tmp_path)
    assert tally.stdout == "2 for Acme: CS101 CS591\n"
    unknown = run(plugin_site, "--isolated", "--format", "nope", "saved.acme", cwd=tmp_path)
    assert unknown.stderr.splitlines()[-1].endswith("known: default, json, sarif, github, junit, grouped, jsonl, parquet, acme-tally")


def _fake_install(site: Path, entry_points: str, code: str) -> None:
    """What pip leaves in a folder on the import path: the module and its metadata."""
    (site / "broken_cslint.py").write_text(code, encoding="utf-8")
    info = site / "broken_cslint-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-cslint\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.mark.parametrize(
    ("entry_points", "message"),
    [
        ("[cslint.rules]\nold = broken_cslint:Keyword\n",
         "cslint.rules entry old (broken_cslint:Keyword): is a rule type: declare it in the cslint.rule_types group, under its type_name"),
        ("[cslint.rule_types]\nword = broken_cslint:Keyword\n",
         "cslint.rule_types entry word (broken_cslint:Keyword): names itself 'keyword'; the entry must have the same name"),
        ("[cslint.rule_types]\nphrases = broken_cslint:Keyword\n",
         "cslint.rule_types entry phrases (broken_cslint:Keyword): the rule type 'phrases' is already defined by cslint"),
        ("[cslint.readers]\ntext = broken_cslint:LINES\n",
         "cslint.readers entry text (broken_cslint:LINES): the name 'text' is already taken by cslint.readers.text:READER"),
        ("[cslint.reporters]\nmissing = broken_cslint:Nothing\n",
         "cslint.reporters entry missing (broken_cslint:Nothing): cannot be loaded: module 'broken_cslint' has no attribute 'Nothing'"),
    ],
)
def test_a_misdeclared_plugin_is_refused_with_its_entry(tmp_path: Path, entry_points: str, message: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    _fake_install(site, entry_points, PLUGIN_CODE)
    (tmp_path / "r.txt").write_text("Fine.\n", encoding="utf-8")
    fmt = ("--format", "missing") if "reporters" in entry_points else ()
    r = run(site, "--isolated", *fmt, "r.txt", cwd=tmp_path)
    assert (r.returncode, r.stderr.splitlines()) == (2, [f"cslint: error: {message}"])


RAW_REPORTER = '''\
from cslint.reporters import Reporter


class Raw(Reporter):
    """Writes each message as it came: a lone surrogate in a finding reaches the stream."""
    name = "raw"

    def handle(self, diagnostic):
        self.stream.write(diagnostic.message + "\\n")
'''


@pytest.mark.parametrize("to_file", [False, True])
def test_a_plugin_reporter_writing_a_lone_surrogate_does_not_end_the_run(tmp_path: Path, to_file: bool) -> None:
    """The built-in formats write a lone surrogate (from a JSON escape) as its backslash
    escape; a plugin's reporter that writes it as it came gets the same, on standard output
    and in --output-file, instead of a UnicodeEncodeError after part of the report."""
    site = tmp_path / "site"
    site.mkdir()
    _fake_install(site, "[cslint.reporters]\nraw = broken_cslint:Raw\n", RAW_REPORTER)
    (tmp_path / "m.jsonl").write_text('{"id": 1, "text": "Hi [INSERT \\ud800 NAME]."}\n', encoding="utf-8")
    out = ("--output-file", "report.txt") if to_file else ()
    r = run(site, "--isolated", "--format", "raw", *out, "m.jsonl", cwd=tmp_path)
    written = (tmp_path / "report.txt").read_text(encoding="utf-8") if to_file else r.stdout
    assert (r.returncode, r.stderr, written) == (
        1, "", "'[INSERT \\ud800 NAME]' is a fill-in slot or a note to the agent left in the reply; "
               "replace it before sending\n")
