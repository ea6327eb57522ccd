"""The project holds together: README's two commands, CI running the same test command,
and documentation links that resolve."""
from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", text, re.S)
    assert block and text.index(block.group(0)) < text.index("## "), "README must open with the commands"
    return block.group(1).strip().splitlines()


def test_readme_opens_with_exactly_two_commands() -> None:
    install_and_run, install_and_test = readme_commands()
    assert install_and_run.startswith("python3 -m venv .venv && . .venv/bin/activate && "), "the virtual environment first"
    assert "pip install ." in install_and_run and "cslint" in install_and_run and "docs/examples" in install_and_run
    assert install_and_test == 'python -m pip install ".[test]" && python -m pytest'


def test_readme_states_the_python_versions_pyproject_requires() -> None:
    import tomllib

    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert requires == ">=3.11"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.11 or newer" in readme[: readme.index("## ")]


def test_docs_hold_no_path_of_a_particular_machine() -> None:
    machine = re.compile(r"(?<![\w.])(?:/work/|/tmp/|/home/|/Users/|/root/|[A-Z]:\\Users)")
    found = [f"{doc.name}:{n}" for doc in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
             for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1) if machine.search(line)]
    assert found == []


def test_rule_sources_cite_public_material() -> None:
    import yaml

    for path in sorted((ROOT / "rules").rglob("*.yml")):
        rule = yaml.safe_load(path.read_text(encoding="utf-8"))
        cited = [rule["source"]] if "source" in rule else list((rule.get("sources") or {}).values())
        assert cited and all(re.search(r"https?://", str(c)) for c in cited), f"{path.name}: cite a public page"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci
    assert readme_commands()[1] in ci.splitlines()


def test_documentation_links_resolve() -> None:
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (doc.parent / target).is_file(), f"{doc.name} links to missing {target}"


def test_bundled_examples_show_several_principles() -> None:
    from cslint import lint_paths

    principles = {d.principle for d in lint_paths([ROOT / "docs" / "examples"])}
    assert len(principles) >= 4


def test_readme_sample_output_is_what_cslint_prints(cli) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"```console\n\$ cslint docs/examples\n(.*?)```", text, re.S)
    assert sample, "README shows a sample run on docs/examples"
    r = cli("--isolated", "docs/examples", cwd=ROOT)
    assert r.stdout == sample.group(1), "README sample is out of date: paste the output of 'cslint docs/examples'"


def test_the_version_is_set_in_one_place_and_the_changelog_has_it() -> None:
    import tomllib

    from hatchling.metadata.core import ProjectMetadata
    from hatchling.plugin.manager import PluginManager

    import cslint

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert ProjectMetadata(str(ROOT), PluginManager()).version == cslint.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(cslint.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
