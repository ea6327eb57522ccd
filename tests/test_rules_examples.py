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
    assert codes(reply.replace("sorry but ", "")) == [(1, 39, "CS106"), (1, 59, "CS304")]


def test_a_missing_next_step_is_reported_once_by_the_rule_that_names_it() -> None:
    # a vague time outranks a faceless passive, which outranks a promise without a time:
    # each rule's required list holds the triggers of the rules above it
    reply = "Hi Lin, your case has been escalated. The team will reply to you as soon as possible."
    assert codes(reply) == [(1, 19, "CS202"), (1, 66, "CS402")]
    assert codes(reply.replace(" as soon as possible", "")) == [(1, 19, "CS202"), (1, 19, "CS403")]
    assert codes("Hi Lin, the team will reply to you.") == [(1, 23, "CS401")]
    # a time, a step for the customer, or a question silences all three
    assert codes("Hi Lin, your case has been escalated. The team will reply to you within 24 hours.") == [(1, 19, "CS202")]
    assert codes("The team will reply to you soon. Meanwhile, restart the app.") == []
    assert codes("We're looking into it. Which browser are you on?") == []


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


def _accountability_lists() -> dict[str, tuple[list[str], list[str]]]:
    import yaml

    out = {}
    for path in sorted((ROOT / "rules" / "accountability").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["code"]] = (data["trigger"], data["required"])
    return out


def test_next_step_rules_share_their_phrase_families_and_rank_one_above_another() -> None:
    # Until the rules can name shared word classes, the three next-step rules repeat the
    # same families (concrete time, customer action, question, closed, continued): they must
    # stay identical, and each rule's required list holds the triggers of the rules that
    # outrank it, so that one reply gets one finding (CS402 > CS403 > CS401).
    lists = _accountability_lists()
    shared = set(lists["CS402"][1])
    ranking = ["CS402", "CS403", "CS401"]
    for i, code in enumerate(ranking[1:], 1):
        required = set(lists[code][1])
        assert shared <= required, f"{code} lacks shared entries: {sorted(shared - required)[:2]}"
        for higher in ranking[:i]:
            missing = set(lists[higher][0]) - required
            assert not missing, f"{code} does not defer to {higher}: {sorted(missing)[:2]}"
