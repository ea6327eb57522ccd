"""The shipped rule packs: every rule's own examples hold, realistic replies get exactly the
diagnostics a support lead would expect, and docs/rules.md matches the rule files."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cslint import lint_text, load_rules
from cslint.config import Config
from cslint.rulefiles.docs import REGENERATE, render, shipped_rules
from cslint.rulefiles.examples import problems, unmark

ROOT = Path(__file__).resolve().parents[1]
RULES = shipped_rules()
CONFIG = Config()


def test_every_principle_has_rules_and_codes_are_unique() -> None:
    principles = {r.principle for r in RULES}
    assert principles == {
        "respect", "clarity", "empathy", "accountability", "professionalism", "personalization", "readability",
        "consistency", "reliability", "transparency", "competence", "confidentiality", "inclusivity",
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


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_examples_mark_what_they_expect(rule) -> None:  # noqa: ANN001
    """Every substitution rule marks each flagged phrase, with its fix where --fix applies
    one; every other rule marks at least one flag example."""
    marked = [unmark(text) for text in rule.examples_flag]
    if rule.type != "substitution":
        assert any(m.spans for m in marked)
        return
    assert all(m.spans for m in marked)
    if rule.check.applicability != "none":
        assert all(m.fixed is not None and "=>" not in m.fixed for m in marked)


TEAM_RULE = """\
code: CS281
name: say-request
principle: clarity
severity: warning
type: substitution
message: "say {{suggestion}}, not '{{match}}'"
description: Customers have requests, not tickets.
source: team style guide
swap: {{ticket: request, ticket number: reference}}
examples:
  flag: [{flag}]
  pass: [{passing}]
"""


def team_problems(folder: Path, flag: str, passing: str = "Your request is open.") -> list[str]:
    folder.mkdir()
    path = folder / "say-request.yml"
    path.write_text(TEAM_RULE.format(flag=flag, passing=passing), encoding="utf-8")
    (rule,) = load_rules(Config(rules=(str(folder),), no_default_rules=True))
    return [p.replace(f"{path}: ", "") for p in problems(rule)]


@pytest.mark.parametrize(
    ("flag", "passing", "expected"),
    [
        ('"Your <<ticket => request>> is open."', "Your request is open.", []),
        ('"Your <<ticket number => reference>> is 42, <<ticket => request>> open."', "Your request is open.", []),
        ('"Your <<ticket>> is open."', "Your request is open.", []),
        ('"Your ticket is <<open>>."', "Your request is open.",
         ["CS281 flag example 1 reports 'ticket', not what its marks say: 'Your ticket is <<open>>.'"]),
        ('"Your <<ticket => issue>> is open."', "Your request is open.",
         ["CS281 flag example 1: the fix gives 'Your request is open.', the marks say 'Your issue is open.'"]),
        ('"Your <<ticket is open."', "Your request is open.",
         ["CS281 flag example 1 has a '<<' without its '>>' (or the reverse): 'Your <<ticket is open.'"]),
        ('"Your <<ticket => request>> is open."', "Your <<request>> is open.",
         ["CS281 pass example 1 marks a span, but a 'pass' example has nothing to report: 'Your <<request>> is open.'"]),
    ],
)
def test_marks_in_examples_are_checked(tmp_path: Path, flag: str, passing: str, expected: list[str]) -> None:
    assert team_problems(tmp_path / "team", flag, passing) == expected


def test_check_rules_reports_a_wrong_mark(cli, tmp_path: Path) -> None:
    team_problems(tmp_path / "team", '"Your ticket is <<open>>."')
    r = cli("check-rules", str(tmp_path / "team"))
    assert r.returncode == 1
    path = tmp_path / "team" / "say-request.yml"
    assert r.lines == [
        f"{path}: CS281 flag example 1 reports 'ticket', not what its marks say: 'Your ticket is <<open>>.'",
        "1 rule checked: 0 invalid, 1 failing example",
    ]


#: A web address, which a user can open.
_URL = re.compile(r"https?://\S+")
#: A file name outside an address: something only the author's checkout holds.
_FILE = re.compile(r"[\w./-]+\.(?:md|txt|tsv|csv|json|jsonl|ya?ml|py|toml)\b", re.IGNORECASE)
#: Notes and data kept beside the project, never shipped with it.
_PRIVATE = re.compile(r"RUBRIC|helpdesk_domain|research notes|phrase_lists|shared/|eval/", re.IGNORECASE)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_rule_source_cites_only_what_a_user_can_look_up(rule) -> None:  # noqa: ANN001
    """``cslint rule CODE`` prints the source: it names public pages by their address,
    never a file of the author's checkout or the notes kept beside the project."""
    outside_urls = _URL.sub(" ", rule.source)
    assert _FILE.findall(outside_urls) == []
    assert _PRIVATE.findall(rule.source) == []
    assert _URL.search(rule.source), "cite at least one public page by its address"


def test_source_check_refuses_a_private_note() -> None:
    for source in ("helpdesk_domain.md section 3b", "eval/RUBRIC.md apology (a)",
                   "phrase_lists/fillers.txt (https://github.com/words/fillers)"):
        assert _FILE.findall(_URL.sub(" ", source)) or _PRIVATE.findall(source)
    public = "Microsoft Writing Style Guide (https://learn.microsoft.com/en-us/style-guide/capitalization)"
    assert not _FILE.findall(_URL.sub(" ", public)) and not _PRIVATE.findall(public)


def codes(text: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in lint_text(text, filename="reply.txt", config=CONFIG)]


def test_refusal_that_quotes_the_rule() -> None:
    reply = "Hi Suwan, sorry but once a booking is confirmed changes and refunds are not allowed. -Prabu"
    assert codes(reply) == [(1, 11, "CS303"), (1, 49, "CS106")]
    # without the apology, the flat refusal is also bad news delivered without one
    assert codes(reply.replace("sorry but ", "")) == [(1, 39, "CS106"), (1, 39, "CS304")]


def respect_codes(text: str) -> list[tuple[int, int, str]]:
    return [c for c in codes(text) if c[2].startswith("CS1")]


def test_refusal_is_reported_once_and_only_without_an_alternative() -> None:
    # a bare refusal shuts the conversation down
    assert respect_codes("Unfortunately there's nothing we can do about this order.") == [(1, 15, "CS103")]
    # one that cites the policy is reported once, as the policy given for an answer
    assert respect_codes("Unfortunately we can't refund this order, as our policy does not allow it.") == [
        (1, 50, "CS106")
    ]
    # what can still be done, anywhere in the reply, makes it a polite refusal
    assert respect_codes("Unfortunately we can't refund this order, but we can send a replacement today.") == []
    assert respect_codes("Unfortunately we can't refund this order. Our billing team can help on 0800 123 456.") == []


def test_a_missing_next_step_is_reported_once_by_the_rule_that_names_it() -> None:
    # a vague time outranks a faceless passive, which outranks a promise without a time:
    # each rule's required list holds the triggers of the rules above it
    # ("escalated" alone is everyday wording, not CS202's support jargon)
    reply = "Hi Lin, your case has been escalated. The team will reply to you as soon as possible."
    assert codes(reply) == [(1, 66, "CS402")]
    assert codes(reply.replace(" as soon as possible", "")) == [(1, 19, "CS403")]
    assert codes("Hi Lin, the team will reply to you.") == [(1, 23, "CS401")]
    # a time, a step for the customer, or a question silences all three
    assert codes("Hi Lin, your case has been escalated. The team will reply to you within 24 hours.") == []
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
    # "u" is textspeak; "Pls" and "thx" are common short forms, not reported
    assert codes(reply) == [(1, 1, "CS602"), (3, 11, "CS505"), (4, 14, "CS504")]


def test_stretched_words_are_opt_in() -> None:
    reply = "We're sooooo glad it arrived!"
    assert codes(reply) == []
    opted_in = lint_text(reply, filename="reply.txt", config=Config(extend_select=("CS507",)))
    assert [(d.line, d.column, d.code) for d in opted_in] == [(1, 7, "CS507")]


def test_a_gendered_form_letter_greeting_is_reported_once_by_the_greeting_rule() -> None:
    # "Dear Sir" is CS601's form-letter greeting; CS051 yields to it within the span
    assert codes("Hello Sir, your refund has been issued.") == [(1, 1, "CS601")]
    assert codes("Thank you, sir. Your refund has been issued.") == [(1, 12, "CS051")]


def test_public_details_yield_to_the_secret_asked_for_in_the_same_sentence() -> None:
    reply = "@jane Please reply with your full name and a copy of your passport."
    assert [c for c in codes(reply) if c[2].startswith("CS04")] == [(1, 7, "CS041")]
    assert codes("@jane Please reply with your full name.") == [(1, 7, "CS042")]
    assert codes("@jane Please DM us your full name.") == []


def test_blame_is_not_also_a_fault_to_apologise_for() -> None:
    # "you failed to" is CS102's blame, no fault for CS301; a fault of ours elsewhere still is
    assert codes("You failed to update the app before the deadline.") == [(1, 1, "CS102")]
    assert [c[2] for c in codes("You failed to update the app. Our server is down too.")] == ["CS102", "CS301"]


def test_cs0_rules_are_chosen_by_their_prefixes() -> None:
    reply = "We guarantee it arrives tomorrow. Please DM us your password."
    assert codes(reply) == [(1, 35, "CS041")]  # CS011 is opt-in
    chosen = lint_text(reply, filename="reply.txt", config=Config(select=("CS0",)))
    assert [(d.code, d.principle) for d in chosen] == [("CS011", "reliability"), ("CS041", "confidentiality")]
    only = lint_text(reply, filename="reply.txt", config=Config(select=("CS04",)))
    assert [d.code for d in only] == ["CS041"]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        # acronyms and codes are not a raised voice; a phrase in capitals is
        ("I am showing DL 1262 is from LAS JFK?", []),
        ("Please give RBC DI a call at the number below.", []),
        ("The fee is CHANGE FEE + FARE DIFFERENCE.", [(1, 12, "CS501")]),
        # an error message quoted after a colon, and a fill-in slot, are not shouting
        ("I got this error message:\n\nINVALID PHONE NUMBER\n\nPlease check it.", []),
        ("Please contact the author of project <PROJECT NAME>.", [(1, 38, "CS505")]),
        # the word URL in a sentence is no slot; standing where the link belongs it is
        ("Can you send me the URL of your profile page?", []),
        ("Here is your download link: LINK", [(1, 29, "CS505")]),
    ],
)
def test_shouting_and_slots_in_saved_replies(reply: str, expected: list[tuple[int, int, str]]) -> None:
    assert codes(reply) == expected


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
