"""A number with more digits than Python converts to an int (4,300 by default,
``sys.get_int_max_str_digits``) does not cost the reply beside it (issue 24, item 10):
it is kept as written and the reply is linted."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cslint.api import lint_text
from cslint.config import Config

RULES = str(Path(__file__).parent / "data" / "fix-rules")
DIGITS = "9" * (sys.get_int_max_str_digits() + 1 if hasattr(sys, "get_int_max_str_digits") else 5000)


@pytest.mark.parametrize(("name", "text"), [
    ("macros.json", f'[{{"id": {DIGITS}, "title": "Big", "body": "We will utilize it."}}]'),
    ("export.jsonl", f'{{"id": {DIGITS}, "title": "Big", "body": "We will utilize it."}}\n'),
    ("macros.yml", f"- id: {DIGITS}\n  title: Big\n  body: We will utilize it.\n"),
])
def test_a_huge_integer_keeps_the_reply_linted(name: str, text: str) -> None:
    found = lint_text(text, filename=name, config=Config(no_default_rules=True, rules=(RULES,)))
    assert [(d.code, d.item.id if d.item else None) for d in found] == [("CS291", DIGITS)]


def test_the_report_of_a_huge_id_is_valid_json(cli, tmp_path: Path) -> None:
    (tmp_path / "export.jsonl").write_text(f'{{"id": {DIGITS}, "body": "We will utilize it."}}\n', encoding="utf-8")
    r = cli("--isolated", "--no-default-rules", "--rules", RULES, "--format", "json", "export.jsonl", cwd=tmp_path)
    assert [(d["code"], d["item"]["id"]) for d in json.loads(r.stdout)] == [("CS291", DIGITS)]
