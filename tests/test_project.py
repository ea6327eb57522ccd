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
    assert "pip install ." in install_and_run and "cslint" in install_and_run and "docs/examples" in install_and_run
    assert install_and_test == 'python -m pip install ".[test]" && python -m pytest'


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
