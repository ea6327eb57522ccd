"""CS803 greeting drift and CS804 sign-off drift: the library's own habit, learned from it,
and the macros that depart from it, named and placed exactly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cslint import lint_paths, load_rules
from cslint.config import Config
from cslint.rulefiles.parse import RuleFileError


def _library(tmp_path: Path, bodies: list[str]) -> Path:
    macros = [{"title": f"m{n}", "body": body} for n, body in enumerate(bodies)]
    (tmp_path / "lib.json").write_text(json.dumps(macros, indent=1), encoding="utf-8")
    return tmp_path


GREETED = [f"Hi {{{{ticket.requester.first_name}}}},\nYour order {n} has shipped." for n in range(9)]


def test_a_macro_without_the_librarys_greeting_is_named_at_its_first_line(cli, tmp_path: Path) -> None:
    _library(tmp_path, [*GREETED, "Your voucher code is below.", "Hello there! The parcel left today."])
    r = cli("--isolated", "--select", "CS803", ".", cwd=tmp_path)
    assert r.lines == [
        "lib.json:40:12: CS803 no greeting: the library opens with a greeting, most often "
        "'Hi {{ticket.requester.first_name}},' (10 of 11 macros, 91%) [macro: m9]",
        "lib.json:44:12: CS803 'Hello there!': the library opens with 'Hi {{ticket.requester.first_name}},' "
        "(9 of 10 greetings, 90%) [macro: m10]",
    ]


def test_a_name_written_out_is_the_same_pattern_as_a_placeholder(tmp_path: Path) -> None:
    _library(tmp_path, [*GREETED, "Hi Sam Smith,\nThe invoice is attached.", "👋 Hi @{{ author }}! Thanks."])
    assert list(lint_paths([str(tmp_path)], Config(select=("CS803",)))) == []


def test_no_habit_no_finding(tmp_path: Path) -> None:
    """Half the library says 'Hi', half 'Hello': neither is the library's greeting; and a
    library that mostly does not greet has no greeting to miss."""
    half = [("Hi Sam," if n % 2 else "Hello Sam,") + f"\nOrder {n} shipped." for n in range(12)]
    _library(tmp_path, half)
    assert list(lint_paths([str(tmp_path)], Config(select=("CS803",)))) == []
    _library(tmp_path, [f"Order {n} shipped." for n in range(8)] + ["Hi Sam, order 9 shipped.", "Hello, order 10 shipped."])
    assert list(lint_paths([str(tmp_path)], Config(select=("CS803",)))) == []


def test_too_few_macros_are_not_judged_and_the_threshold_is_a_setting(tmp_path: Path) -> None:
    _library(tmp_path, [*GREETED[:5], "Your voucher code is below."])
    assert list(lint_paths([str(tmp_path)], Config(select=("CS803",)))) == []
    config = Config(select=("CS803",), rule_settings={"CS803": {"min-macros": 5}})
    assert [d.item.label() for d in lint_paths([str(tmp_path)], config) if d.item] == ["m5"]


def test_sign_off_with_a_name_line_and_a_missing_one(cli, tmp_path: Path) -> None:
    signed = [f"Your order {n} has shipped.\n\nBest,\n{{{{current_user.first_name}}}}" for n in range(9)]
    _library(tmp_path, [*signed, "Your order 9 has shipped.\n\nBest,\nSam", "Your order 10 has shipped.\n\nCheers!",
                        "Your voucher code is below, and it is valid for a whole year from today."])
    r = cli("--isolated", "--select", "CS804", ".", cwd=tmp_path)
    assert r.lines == [
        "lib.json:44:42: CS804 'Cheers!': the library closes with 'Best,\\n{{current_user.first_name}}' "
        "(10 of 12 macros, 83%) [macro: m10]".replace("\\n", " "),
        "lib.json:48:12: CS804 no sign-off: the library closes with 'Best,\\n{{current_user.first_name}}' "
        "(10 of 12 macros, 83%) [macro: m11]".replace("\\n", " "),
    ]


def test_bad_dominance_is_refused() -> None:
    with pytest.raises(RuleFileError, match="'dominance' must be above 0.5 and at most 1"):
        load_rules(Config(rule_settings={"CS803": {"dominance": 0.4}}))


def test_real_libraries(shared: Path) -> None:
    """docs/audit.md: gumroad's four macros that open with a note or with no greeting, and
    vscode-remote-release's four that do not close with 'Happy Coding!' (each library a
    run of its own: run together, the two would be one library)."""
    repos = shared / "macro_repos"
    config = Config(select=("CS803", "CS804"))
    found = [*lint_paths([str(repos / "gumroad-help-index")], config), *lint_paths([str(repos / "vscode-remote-release")], config)]
    assert [(Path(d.path).name, d.line, d.column, d.code, d.item.label() if d.item else "") for d in found] == [
        ("saved_replies.json", 76, 25, "CS803", "Banned country - Buyer"),
        ("saved_replies.json", 356, 17, "CS803", "Individual to Business Account - Emailing Stripe Support"),
        ("saved_replies.json", 432, 25, "CS803", "Mass Suspension Mistake - Policy"),
        ("saved_replies.json", 696, 17, "CS803", "Submit a feature request - Creator"),
        ("commands.json", 59, 397, "CS804", "*out-of-scope"),
        ("commands.json", 181, 15, "CS804", "jsDebugLogs"),
        ("commands.json", 477, 347, "CS804", "*workspace-trust-docs"),
        ("commands.json", 485, 96, "CS804", "~verification-steps-needed"),
    ]
