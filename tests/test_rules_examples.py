"""The shipped rule packs: every rule's own examples hold, realistic replies get exactly the
diagnostics a support lead would expect, and docs/rules.md matches the rule files."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import lint_text
from cslint.config import Config
from cslint.rulefiles.docs import REGENERATE, render, shipped_rules
from cslint.rulefiles.examples import problems

ROOT = Path(__file__).resolve().parents[1]
RULES = shipped_rules()
CONFIG = Config()


def test_every_principle_has_rules_and_codes_are_unique() -> None:
    principles = {r.principle for r in RULES}
    assert principles == {
        "respect", "clarity", "empathy", "accountability", "professionalism", "personalization", "readability",
    }
    assert len({r.code for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_examples_hold(rule) -> None:  # noqa: ANN001
    assert problems(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_is_documented_with_a_source_and_a_hard_negative(rule) -> None:  # noqa: ANN001
    assert len(rule.description.split()) >= 15, "say why a customer minds"
    assert rule.source.strip()
    assert rule.examples_pass, "at least one reply that looks close but is fine"


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint_text(text, filename="reply.txt", config=CONFIG)]


def test_refusal_that_quotes_the_rule() -> None:
    reply = "Hi Suwan, sorry but once a booking is confirmed changes and refunds are not allowed. -Prabu"
    assert codes(reply) == [(1, 11, "CS303"), (1, 49, "CS106")]
    # without the apology, the flat refusal is also bad news delivered without one
    assert codes(reply.replace("sorry but ", "")) == [(1, 39, "CS106"), (1, 39, "CS304")]


def test_vague_promise_and_faceless_passive() -> None:
    reply = "Hi Lin, your case has been escalated. The team will reply to you as soon as possible."
    assert codes(reply) == [(1, 19, "CS202"), (1, 19, "CS403"), (1, 39, "CS401"), (1, 66, "CS402")]


def test_customer_complaint_in_quoted_history_is_read_but_never_flagged() -> None:
    reply = (
        "Please send me a DM with your account email.\n"
        "\n"
        "On Mon, Nov 20, 2017 at 10:02 AM, Customer <c@example.com> wrote:\n"
        "> You are the worst! As I said, I have been waiting three days!!\n"
    )
    # the complaint makes an acknowledgement necessary; the report points at the reply,
    # and the customer's own "As I said" and "!!" are not the agent's words
    assert codes(reply) == [(1, 1, "CS305")]


def test_template_slots_and_textspeak() -> None:
    reply = "Hey {{ticket.requester.first_name}},\n\nPassword: [INSERT PASSWORD]\nPls DM us if u need more help, thx!"
    assert codes(reply) == [(1, 1, "CS602"), (3, 11, "CS505")]
    opted_in = lint_text(reply, filename="reply.txt", config=Config(extend_select=("CS504",)))
    assert [(d.line, d.column, d.code) for d in opted_in] == [(1, 1, "CS602"), (3, 11, "CS505"), (4, 14, "CS504")]


@pytest.mark.parametrize(
    "reply",
    [
        "Just to confirm, is this the order from Monday? See you soon!",
        "We can't wait to see it! Sorry to hear the first one broke, a new one ships today.",
        "You need to be signed in to see your orders. Tap Account > Sign in.",
        "Sorry to hear that. Could you DM us your order number so we can check?",
        "Thanks for the feedback! We'll pass it on to the right team.",
        "Hi {{ticket.requester.first_name | default: 'there'}}, your refund was issued today and shows within 5 business days.",
    ],
)
def test_good_replies_get_no_warning(reply: str) -> None:
    assert codes(reply) == []


def test_rule_reference_is_up_to_date() -> None:
    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == render(RULES), f"docs/rules.md is out of date; run: {REGENERATE}"


def test_rule_reference_lists_every_rule_under_its_principle() -> None:
    page = render(RULES)
    for rule in RULES:
        assert f"### {rule.code} {rule.name}" in page
    assert "| CS4xx | [Accountability](#accountability) | accountability, reliability" in page
