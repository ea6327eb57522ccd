"""The Python API: the same results as the CLI, typed, with no I/O in lint_text."""
from __future__ import annotations

import dataclasses
import json
import types
from pathlib import Path

import pytest

import cslint
from cslint import Config, Diagnostic, lint_paths, lint_text, load_rules


def test_lint_text_returns_frozen_diagnostics() -> None:
    (d,) = [d for d in lint_text("Thanks. As I said, it shipped.") if d.code == "CS101"]
    assert (d.path, d.line, d.column, d.end_line, d.end_column) == ("<text>", 1, 9, 1, 18)
    assert (d.rule, d.principle, d.severity, d.item, d.fix) == ("passive-aggressive", "respect", "warning", None, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.line = 2  # type: ignore[misc]


def test_lint_text_filename_is_the_reported_path() -> None:
    assert {d.path for d in lint_text("As I said.", filename="macros/a.txt")} == {"macros/a.txt"}


def test_lint_text_context_is_the_customers_message_as_a_context_field_is(tmp_path: Path) -> None:
    reply, complaint = "Please send us your order number.", "I was charged twice and nobody answers!"
    assert [d.code for d in lint_text(reply)] == []
    (d,) = lint_text(reply, context=complaint)
    assert (d.code, d.line, d.column, d.end_column) == ("CS305", 1, 1, 7)
    assert d.message == "the customer's message is a complaint ('charged twice'); acknowledge how they feel before the procedure"
    # the same finding as a JSON Lines export with a context field gives on the command line
    export = tmp_path / "replies.jsonl"
    export.write_text(json.dumps({"text": reply, "context": complaint}) + "\n", encoding="utf-8")
    assert [(e.code, e.message) for e in lint_paths(export)] == [(d.code, d.message)]
    # a macro's own context field wins over the one given
    table = "answer,customer_message\n" + reply + ",Thanks so much for the quick help\n"
    assert lint_text(table, filename="macros.csv", context=complaint) == []


def test_lint_paths_is_a_lazy_iterator_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("As I said.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Per my last email, yes.\nAs I said.\n", encoding="utf-8")
    result = lint_paths([tmp_path], Config(select=("CS101",)))
    assert isinstance(result, types.GeneratorType)
    assert [(Path(d.path).name, d.line) for d in result] == [("a.txt", 1), ("a.txt", 2), ("b.txt", 1)]


def test_config_and_rules_are_public() -> None:
    rules = load_rules(Config(select=("CS1",)))
    assert any(r.code == "CS101" for r in rules)
    assert set(cslint.__all__) >= {"lint_text", "lint_paths", "Config", "load_rules", "Diagnostic"}
    assert Diagnostic.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_package_ships_type_information() -> None:
    assert (Path(cslint.__file__).parent / "py.typed").is_file()


def test_to_dict_matches_the_json_schema() -> None:
    (d,) = [d for d in lint_text("As I said.") if d.code == "CS101"]
    assert list(d.to_dict()) == [
        "path", "line", "column", "end_line", "end_column", "code", "rule", "principle",
        "severity", "message", "item", "fix",
    ]


def test_a_new_config_per_call_does_not_keep_a_linter_per_call() -> None:
    from cslint import api

    for _ in range(30):
        lint_text("As I said.", config=Config(select=("CS1",)))
    assert len(api._LINTERS) <= api._KEEP  # noqa: SLF001 - the cache's bound is the behaviour
    config = Config()
    assert api.linter_for(config) is api.linter_for(config)
