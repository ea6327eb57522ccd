"""Third-party rule folders and rule types through the ``cslint.rules`` entry points,
tested with a tiny plugin package built and installed here."""
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
"""A tiny cslint plugin: one rule folder and one rule type."""
from pathlib import Path

from cslint.checks import Check, Finding, Key

RULES = Path(__file__).parent / "rules"


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
        acme-keyword = "acme_cslint:Keyword"

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
