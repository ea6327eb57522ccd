"""Conditions rule files can state: a phrase only asked about or supposed does not count
(skip-in), a required phrase in the trigger's own sentence (required-in), and one finding
per problem (yields-to)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import Config, RuleFileError, lint_text, load_rules

HEADER = """\
code: {code}
name: {name}
principle: empathy
severity: warning
message: "'{{match}}'"
description: A team's rule.
source: team style guide
examples: {{flag: [{flag}], pass: [{passes}]}}
"""


def rule(folder: Path, code: str, body: str, flag: str = "x", passes: str = "y") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yml"
    path.write_text(HEADER.format(code=code, name=code.lower(), flag=flag, passes=passes) + body, encoding="utf-8")
    return path


def found(folder: Path, text: str) -> list[tuple[int, str]]:
    config = Config(rules=(str(folder),), no_default_rules=True)
    return [(d.column, d.code) for d in lint_text(text, config=config)]


def test_skip_in_question_and_conditional(tmp_path: Path) -> None:
    rule(tmp_path, "CS381", "type: phrases\nskip-in: [question, conditional]\nphrases: [unable to log in]\n")
    assert found(tmp_path, "You were unable to log in.") == [(10, "CS381")]
    assert found(tmp_path, "Are you unable to log in?") == []
    assert found(tmp_path, "If you're unable to log in, reset it.") == []
    assert found(tmp_path, "When were you unable to log in?") == [(15, "CS381")]  # presupposed
    assert found(tmp_path, "If you're still unable to log in, reply here.") == [(17, "CS381")]  # "still"


def test_a_question_that_takes_the_trouble_for_granted_counts(tmp_path: Path) -> None:
    rule(tmp_path, "CS382", "type: phrases\nskip-in: [question, conditional]\nphrases: [log in, down]\n")
    # a negative auxiliary with no subject after it is a statement with a rising voice
    assert found(tmp_path, "Can't log in? Reset your password.") == [(7, "CS382")]
    assert found(tmp_path, "Can't you log in? Reset your password.") == []
    assert found(tmp_path, "Can you log in now?") == []
    # "again" after the phrase in a question: it happened before
    assert found(tmp_path, "Is the site down again?") == [(13, "CS382")]
    assert found(tmp_path, "Is the site down?") == []
    # in a conditional, "again" looks ahead to a trouble that may not come back
    assert found(tmp_path, "Shout if it goes down again.") == []


def test_skip_in_accepts_only_known_kinds(tmp_path: Path) -> None:
    path = rule(tmp_path, "CS381", "type: phrases\nskip-in: [sarcasm]\nphrases: [x]\n")
    with pytest.raises(RuleFileError, match=rf"^{path}:10: 'skip-in': must be a list of question, conditional"):
        found(tmp_path, "x")


def test_required_in_the_triggers_sentence(tmp_path: Path) -> None:
    body = "type: requires\nrequired-in: sentence\ntrigger: [\"we'll get back to you\"]\nrequired: [today, tomorrow]\n"
    rule(tmp_path / "a", "CS381", body)
    text = "We'll get back to you today. Thanks! We'll get back to you. Bye, see you tomorrow."
    assert found(tmp_path / "a", text) == [(38, "CS381")]
    # the whole reply: "tomorrow" anywhere would do
    rule(tmp_path / "b", "CS381", body.replace("required-in: sentence\n", ""))
    assert found(tmp_path / "b", text) == []


def test_required_in_sentence_needs_a_trigger_in_the_reply(tmp_path: Path) -> None:
    path = rule(tmp_path, "CS381", "type: requires\nrequired-in: sentence\ntrigger-in: context\ntrigger: [x]\nrequired: [y]\n")
    with pytest.raises(RuleFileError, match=rf"^{path}:1: 'required-in: sentence' needs 'trigger-in: reply'"):
        found(tmp_path, "x")


def test_yields_to_within_reply_sentence_and_span(tmp_path: Path) -> None:
    text = "Sorry for any inconvenience. We regret any inconvenience."
    for within, phrase, expected in (
        ("reply", "any inconvenience", [(1, "CS381")]),
        ("sentence", "any inconvenience", [(1, "CS381"), (40, "CS382")]),
        ("span", "inconvenience", [(1, "CS381"), (44, "CS382")]),
    ):
        folder = tmp_path / within
        rule(folder, "CS381", "type: phrases\nphrases: [sorry for any inconvenience]\n")
        rule(folder, "CS382", f"type: phrases\nyields-to: [CS381]\nyields-within: {within}\nphrases: [{phrase}]\n")
        assert found(folder, text) == expected, within
    # a rule yielded to that is switched off silences nothing
    config = Config(rules=(str(tmp_path / "reply"),), no_default_rules=True, ignore=("CS381",))
    assert [d.code for d in lint_text(text, config=config)] == ["CS382", "CS382"]


def test_yields_in_a_circle_or_to_itself_are_refused(tmp_path: Path) -> None:
    rule(tmp_path / "a", "CS381", "type: phrases\nyields-to: [CS382]\nphrases: [a]\n")
    rule(tmp_path / "a", "CS382", "type: phrases\nyields-to: [CS381]\nphrases: [b]\n")
    with pytest.raises(RuleFileError, match="rules yield to each other in a circle: CS381 -> CS382 -> CS381"):
        load_rules(Config(rules=(str(tmp_path / "a"),), no_default_rules=True))
    path = rule(tmp_path / "b", "CS382", "type: phrases\nyields-to: [CS382]\nphrases: [b]\n")
    with pytest.raises(RuleFileError, match=rf"^{path}:10: 'yields-to': CS382 cannot yield to itself"):
        load_rules(Config(rules=(str(tmp_path / "b"),), no_default_rules=True))


def test_one_finding_for_a_complaint_the_reply_also_names() -> None:
    quoted = "\n\nOn Mon, Nov 20, 2017 at 10:02 AM, Customer <c@example.com> wrote:\n> The app keeps crashing, worst update ever!\n"
    # the reply names the fault: CS301 reports, CS305 (the customer's complaint) yields
    assert [d.code for d in lint_text("The app keeps crashing on iOS 11. Please update." + quoted)] == ["CS301"]
    # the reply names nothing: the complaint alone is reported, at the reply's first word
    assert [(d.column, d.code) for d in lint_text("Please update to 11.2." + quoted)] == [(1, "CS305")]
    assert lint_text("Sorry about the crashes! Please update to 11.2." + quoted) == []
