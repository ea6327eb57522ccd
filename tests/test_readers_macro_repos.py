"""Real macro libraries from public repositories (../shared/macro_repos): every file is
read without an error, replies are named, and every quoted finding sits where it says."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cslint import Config
from cslint.api import lint_source, read_file
from cslint.diagnostic import Diagnostic
from cslint.readers import ReadOptions, choose
from raw_span import csv_field, json_markup, markup, raw_span

_QUOTED = re.compile(r"^'(.+?)' ", re.DOTALL)


@pytest.fixture(scope="module")
def repos() -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "macro_repos"
    if not path.is_dir():
        pytest.skip("../shared/macro_repos is not present")
    return path


@pytest.fixture(scope="module")
def results(repos: Path) -> dict[str, list[Diagnostic]]:
    """Every file (LICENSE and README too), linted with the shipped rules."""
    out = {}
    for path in sorted(p for p in repos.rglob("*") if p.is_file()):
        source = read_file(str(path))
        assert not isinstance(source, Diagnostic), source
        out[path.relative_to(repos).as_posix()] = lint_source(source, Config())
    return out


def test_every_file_reads_without_an_error(results: dict[str, list[Diagnostic]]) -> None:
    problems = [f"{d.path}:{d.line}: {d.code} {d.message}" for ds in results.values() for d in ds if d.code in ("CS902", "CS904")]
    assert problems == []


@pytest.mark.parametrize(
    ("name", "reader", "replies"),
    [
        ("_derived/zendesk-format-from-gumroad/macros.json", "zendesk", 210),
        ("gumroad-help-index/saved_replies.json", "json", 210),
        ("typescript-eslint/.github/replies.yml", "replies-yml", 14),
        ("angular/docs/SAVED_REPLIES.md", "markdown-sections", 10),
        ("blender-bugtracker-canned-responses/responses.md", "markdown-sections", 15),
        ("cs_automation_app/macros.csv", "csv", 65),
        ("osTicket/include/i18n/en_US/templates/premade.yaml", "osticket", 2),
        ("osTicket/include/i18n/en_US/templates/email/ticket.reply.yaml", "osticket", 1),
        ("django-helpdesk/src/helpdesk/fixtures/emailtemplate.json", "json", 16),  # English only, of 160
        ("vscode-remote-release/.github/commands.json", "json", 31),
        ("espanso-gitlab-support/gitlab-support/package.yml", "yaml", 48),
    ],
)
def test_each_layout_is_recognised(repos: Path, name: str, reader: str, replies: int) -> None:
    source = read_file(str(repos / name))
    assert not isinstance(source, Diagnostic)
    chosen = choose(source.path, source.text)
    segments = list(chosen.read(source, ReadOptions()))
    assert (chosen.name, len(segments)) == (reader, replies)
    assert all(s.item is not None and s.item.label() for s in segments)


def test_macro_names_come_from_each_layout(repos: Path, results: dict[str, list[Diagnostic]]) -> None:
    names = {r["name"] for r in yaml.safe_load((repos / "typescript-eslint/.github/replies.yml").read_text())["replies"]}
    titles = {d.item.title for d in results["typescript-eslint/.github/replies.yml"] if d.item}
    assert titles and titles <= names
    zendesk = results["_derived/zendesk-format-from-gumroad/macros.json"]
    assert zendesk and all(d.item and d.item.id and d.item.title for d in zendesk)
    assert "INVALID MESH" in {d.item.title for d in results["blender-bugtracker-canned-responses/responses.md"] if d.item}


def _decoder(name: str):  # type: ignore[no-untyped-def]
    if name.endswith(".json"):
        return json_markup
    if name.endswith(".csv"):
        return csv_field
    if name.endswith((".yaml", ".yml")):
        return markup
    return lambda raw: raw


def test_quoted_findings_point_at_the_quoted_text(repos: Path, results: dict[str, list[Diagnostic]]) -> None:
    """Messages that quote the match ('...') must quote exactly what the span covers."""
    checked = 0
    for name, found in results.items():
        decode = _decoder(name)
        for d in found:
            m = _QUOTED.match(d.message)
            if m is None or d.code.startswith("CS9"):
                continue
            span = " ".join(decode(raw_span(repos / name, d)).split())
            assert span == " ".join(m.group(1).split()), f"{name}:{d.line}:{d.column} {d.code}"
            checked += 1
    assert checked > 100
