"""One schema for the configuration and rule files: where each key stands in a TOML file,
and the docs' key tables generated from the declarations."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint.schema import docs
from cslint.schema.toml import key_lines

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("page", sorted(docs.tables()))
def test_the_key_tables_in_the_docs_match_the_declarations(page: str) -> None:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert docs.render(page, text) == text, f"docs/{page} is out of date; run: {docs.REGENERATE}"


def test_a_missing_or_unknown_table_region_is_an_error() -> None:
    text = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="expected"):
        docs.render("writing-rules.md", text.replace("<!-- begin: metric keys -->", ""))
    with pytest.raises(ValueError, match="expected"):
        docs.render("configuration.md", text)


def test_key_lines_of_every_way_toml_writes_a_key() -> None:
    text = (
        "# cslint settings\n"
        "[tool.cslint]\n"
        "select = [\n"
        '  "CS1",  # respect\n'
        "  'CS2',\n"
        "]\n"
        'notes = """\n'
        "fake = 1\n"
        '"""\n'
        'per-file-ignores = { "legal/*" = ["CS2"], drafts = [] }\n'
        "rule-settings.cs201.swap = {'ticket' = \"request\"}\n"
        "[tool.cslint.rule-settings.CS701]\n"
        "max = 30\n"
        "[ tool . cslint . \"input-format\" ]\n"
        '"a.b" = "zendesk"\n'
    )
    lines = key_lines(text)
    tool = ("tool", "cslint")
    assert lines[tool] == 2
    assert lines[(*tool, "select")] == 3
    assert lines[(*tool, "notes")] == 7
    assert (*tool, "fake") not in lines
    assert lines[(*tool, "per-file-ignores")] == lines[(*tool, "per-file-ignores", "legal/*")] == 10
    assert lines[(*tool, "rule-settings")] == lines[(*tool, "rule-settings", "cs201", "swap", "ticket")] == 11
    assert lines[(*tool, "rule-settings", "CS701")] == 12
    assert lines[(*tool, "rule-settings", "CS701", "max")] == 13
    assert lines[(*tool, "input-format", "a.b")] == 15
