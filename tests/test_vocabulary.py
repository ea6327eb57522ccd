"""Word classes: each class matches its variants (spellings, contractions, inflections),
rule files reference classes by name and are refused with file and line for an unknown
one, teams and plugins ship classes of their own, and the prefilter still sees patterns
it can anchor."""
from __future__ import annotations

from pathlib import Path

import pytest

from cslint import Config, RuleFileError, lint_text, load_rules
from cslint.checks import patterns
from cslint.rulefiles import vocabulary, wordforms

SHIPPED = vocabulary.shipped()


def matched(name: str, text: str) -> str | None:
    found = patterns.search(SHIPPED.pattern(name), text)
    return None if found is None else found.group()


# (class, text, the words the class matches in it: None for no match)
VARIANTS = [
    ("apology", "We apologise for the wait.", "apologise"),
    ("apology", "We apologize for the wait.", "apologize"),
    ("apology", "Apologising again!", "Apologising"),
    ("apology", "apologizing again", "apologizing"),
    ("apology", "We apologised.", "apologised"),
    ("apology", "My apologies.", "apologies"),
    ("apology", "We owe you an apology.", "apology"),
    ("apology", "We sincerely regret the error.", "We sincerely regret"),
    ("apology", "We regretted it.", "We regretted"),
    ("apology", "We regret to inform you the flight is full.", None),
    ("empathy", "I’m sure that's not the experience we want.", "not the experience we"),
    ("empathy", "We’re gutted to hear that.", "gutted to hear"),
    ("empathy", "I understand.", "I understand"),
    ("empathy", "We’re afraid the tracks are not available in your region.", "We’re afraid"),
    ("empathy", "Don't be afraid of asking.", None),
    ("empathy", "We completely understand how frustrating this is.", "We completely understand"),
    ("empathy", "We can see how frustrating that is.", "We can see how frustrating"),
    ("empathy", "We realize how annoying this is.", "We realize how annoying"),
    ("empathy", "We realise how annoying this is.", "We realise how annoying"),
    ("empathy", "That's not the experience we want for you.", "not the experience we"),
    ("empathy", "That isn’t the experience we want.", "isn’t the experience we"),
    ("empathy", "You must be so frustrated.", "You must be so frustrated"),
    ("empathy", "We're bummed.", "bummed"),
    ("empathy", "Uh-oh!", "Uh-oh"),
    ("empathy", "Thanks for your understanding.", None),
    ("feeling", "Such a disappointment.", "disappointment"),
    ("feeling", "Two disappointments.", "disappointments"),
    ("feeling", "The inconveniences caused.", "inconveniences"),
    ("fault", "Two outages today.", "outages"),
    ("fault", "A known glitch.", "glitch"),
    ("fault", "The glitches are fixed.", "glitches"),
    ("fault", "Sorry for the mix-ups.", "mix-ups"),
    ("fault", "The delays this week.", "delays"),
    ("broken", "Your flight was cancelled due to fog.", "cancelled due to"),
    ("broken", "Your flight was canceled due to fog.", "canceled due to"),
    ("broken", "The app keeps crashing.", "crashing"),
    ("broken", "Crashing waves.", None),
    ("broken", "The app isn't loading.", "loading"),
    ("broken", "The app isnt loading.", "loading"),
    ("broken", "The app is loading.", None),
    ("broken", "The app is not loading.", "loading"),
    ("broken", "The app doesn't load.", "doesn't load"),
    ("broken", "It won't load.", "won't load"),
    ("broken", "You were charged twice.", "charged twice"),
    ("broken", "You were double-charged.", "double-charged"),
    ("bad-news", "Your account has been suspended.", "suspended"),
    ("bad-news", "Suspended ceilings.", None),
    ("bad-news", "Your account got penalised.", "penalised"),
    ("bad-news", "Your account got penalized.", "penalized"),
    ("bad-news", "Your booking was cancelled.", "cancelled"),
    ("bad-news", "Your booking was canceled.", "canceled"),
    ("bad-news", "We've had to close your store.", "We've had to close your"),
    ("bad-news", "We have closed your store.", "We have closed your"),
    ("bad-news", "Your account’s been suspended.", "suspended"),
    ("bad-news", "They've been removed from the store.", "removed"),
    ("bad-news", "It's shut off tonight.", "shut off"),
    ("bad-news", "The item isn’t available in your country.", "isn’t available"),
    ("bad-news", "Your refund wasn't approved.", "wasn't approved"),
    ("bad-news", "Changes aren't allowed once confirmed.", "Changes aren't allowed"),
    ("bad-news", "The album isn't available to stream just yet.", None),
    ("refusal", "Those fares don't allow it.", "don't allow"),
    ("broken", "Your parcel's lost.", "lost"),
    ("broken", "The app's down right now.", "down"),
    ("broken", "There's nothing wrong with that.", None),
    ("broken", "We're down to share a batch with you!", None),
    ("broken", "It's missing some basic information.", None),
    ("refusal", "We can't refund it.", "We can't refund"),
    ("refusal", "We cannot refund it.", "We cannot refund"),
    ("refusal", "We can not refund it.", "We can not refund"),
    ("refusal", "We cant refund it.", "We cant refund"),
    ("refusal", "We're unable to help.", "We're unable to"),
    ("refusal", "We are unable to help.", "We are unable to"),
    ("refusal", "It's against our policy.", "against our policy"),
    ("refusal", "We can refund it today.", None),
    ("alternative-offered", "Instead, you can book online.", "Instead"),
    ("alternative-offered", "Your bank can help with this.", "Your bank can help"),
    ("promise-of-contact", "We'll get back to you.", "get back to you"),
    ("promise-of-contact", "We will get back to you.", "get back to you"),
    ("promise-of-contact", "We’ll be in touch.", "be in touch"),
    ("promise-of-contact", "Our engineers are looking into it.", "looking into"),
    ("promise-of-contact", "We'll see you soon.", None),
    ("concrete-time", "within 24 hours", "within 24 hours"),
    ("concrete-time", "in 3-5 business days", "in 3-5 business days"),
    ("concrete-time", "by Friday", "by Friday"),
    ("concrete-time", "at 5:30pm", "5:30pm"),
    ("concrete-time", "We'll call you tomorrow.", "tomorrow"),
    ("concrete-time", "Tomorrow is a holiday.", None),
    ("concrete-time", "It's fixed in the next update.", "in the next update"),
    ("vague-time", "as soon as possible", "as soon as possible"),
    ("vague-time", "ASAP", "ASAP"),
    ("vague-time", "in due course", "in due course"),
    ("vague-time", "We'll reply shortly.", "shortly"),
    ("vague-time", "See you soon!", None),
    ("vague-time", "We can't give you an ETA.", "can't give you an ETA"),
    ("vague-time", "We cannot give you an ETA.", "cannot give you an ETA"),
    ("vague-time", "We cant give you an ETA.", "cant give you an ETA"),
    ("vague-time", "You will be notified accordingly.", "will be notified accordingly"),
    ("customer-action", "Please DM us your order number.", "Please DM"),
    ("customer-action", "Reply with a screenshot.", "Reply"),
    ("customer-action", "Let us know how it goes.", "Let us"),
    ("customer-action", "Meet us in DM.", "Meet us in DM"),
    ("customer-action", "Don’t forget to restart it.", "Don’t forget to"),
    ("customer-action", "Do not forget to restart it.", "Do not forget to"),
    # "let us" is written in the imperative entry; the class adds "let's" (an invitation to act together)
    ("customer-action", "We got your DM. Let's work together there.", "Let's"),
    ("customer-action", "Let us know if you need anything else.", None),
    ("customer-action", "If you need anything, DM us.", None),
    # the match starts at the verb whether the subject is contracted or not
    ("passive-promise", "You will be contacted by email.", "will be contacted"),
    ("passive-promise", "You’ll be contacted by email.", "You’ll be contacted"),
    ("passive-promise", "Your case is being reviewed.", "is being reviewed"),
    ("passive-promise", "Nothing will be changed.", None),
    ("question-to-customer", "Thanks! Which browser are you using?", "Which browser are you using?"),
    ("question-to-customer", "Thanks, we're on it.", None),
    ("done-deed", "I’ve refunded the order.", "refunded"),
    ("done-deed", "We have refunded it.", "refunded"),
    ("done-deed", "It is fixed now.", "fixed"),
    ("done-deed", "Once it's processed, we'll let you know.", None),
    ("textspeak", "thx 4 ur patience", "4"),
    ("textspeak", "thx for ur patience", "ur"),
    ("textspeak", "see u b4 Friday", "u"),
    ("trouble", "any issues you're having", "issues you're having"),
    ("trouble", "any issues you are having", "issues you are having"),
    ("trouble", "the problems you've been experiencing", "problems you've been experiencing"),
    ("complaint", "I'm so frustrated!", "frustrated"),
    ("complaint", "This is the worst service.", "worst"),
    ("complaint", "I've been waiting three days.", "been waiting three"),
    ("complaint", "I have no problem with it.", None),
    ("guarantee", "We guarantee delivery by Friday.", "We guarantee"),
    ("guarantee", "I guaranteed it.", "I guaranteed"),
    ("guarantee", "We promise it’ll be fixed.", "We promise"),
    ("guarantee", "We promise.", "We promise"),
    ("guarantee", "It won’t happen again.", "It won’t happen again"),
    ("guarantee", "It will not happen again.", "It will not happen again"),
    ("guarantee", "We can't guarantee it.", None),
    ("guarantee", "A money-back guarantee.", None),
    ("vague-cause", "Delayed due to operational requirements.", "due to operational requirements"),
    ("vague-cause", "Delayed due to an operational requirement.", "due to an operational requirement"),
    ("vague-cause", "Owing to unforeseen circumstances.", "circumstances"),
    ("vague-cause", "There was a glitch on our side.", "glitch on our side"),
    ("vague-cause", "Delayed due to fog.", None),
    ("hedge", "I think it shipped.", "I think"),
    ("hedge", "I'm not sure, but it shipped.", "I'm not sure"),
    ("hedge", "I am not entirely sure.", "I am not entirely sure"),
    ("hedge", "We’re pretty sure.", "We’re pretty sure"),
    ("hedge", "It probably shipped.", "probably"),
    ("hedge", "It shipped.", None),
    ("handoff", "You'll need to contact your bank.", "You'll need to contact"),
    ("handoff", "You will have to contact them.", "You will have to contact"),
    ("handoff", "We don’t handle that.", "We don’t handle that"),
    ("handoff", "Please check with your carrier.", "check with your carrier"),
    ("handoff", "We'll check with the team.", None),
    ("warm-handover", "I’ve passed this on to billing.", "I’ve passed this on"),
    ("warm-handover", "We will forward it to them.", "We will forward"),
    ("warm-handover", "Call them on 0800 123 456.", "0800 123 456"),
    ("warm-handover", "You'll need to contact them.", None),
    ("secret", "your passwords", "passwords"),
    ("secret", "the PIN", "PIN"),
    ("secret", "pin the location", None),
    ("secret", "the one-time passcode", "one-time passcode"),
    ("secret", "the CVV", "CVV"),
    ("secret", "a copy of your passport", "a copy of your passport"),
    ("secret", "the NRIC number", "NRIC number"),
    ("secret", "the last 4 digits", None),
    ("personal-detail", "the e-mail address", "e-mail address"),
    ("personal-detail", "your phone number", "phone number"),
    ("personal-detail", "your DOB", "your DOB"),
    ("personal-detail", "an email about it", None),
    ("private-channel", "send us a DM", "DM"),
    ("private-channel", "a direct message", "direct message"),
    ("private-channel", "direct messages", "direct messages"),
    ("private-channel", "at 5 PM", None),
    ("private-channel", "PM us", "PM us"),
    ("data-request", "May we have the number?", "May we have"),
    ("data-request", "What's your email address?", "What's your"),
    ("data-request", "Kindly DM us your number.", "Kindly DM"),
    ("data-request", "We sent you an email.", None),
    ("gendered-group", "Hi guys!", "guys"),
    ("gendered-group", "Hi everyone!", None),
    ("gendered-title", "Thank you, ma’am.", "ma’am"),
    ("gendered-title", "Thank you, Maria.", None),
    ("continued", "We'll check and reply (2 / 3)", "(2 / 3)"),
    ("continued", "We'll check and reply &gt;&gt; ^JB", "&gt;&gt; ^JB"),
    ("continued", "We'll check and reply » /MX\n", "» /MX\n"),
    ("continued", "We'll check and reply… ", "… "),
    ("continued", "We'll check and reply 24/7.", None),
    ("continued", "Version 1.2 fixes it.", None),
    ("mid-adverb", "We're really unable to recover it.", "really"),
    ("mid-adverb", "We are currently not able to refund it.", "currently"),
    ("mid-adverb", "We are unable to recover it.", None),
    ("later-part", "2/2 her bus will wait for her.", "2/2"),
    ("later-part", "We'll sort it from here. (3 / 4)", "(3 / 4)"),
    ("later-part", "  2: having issues? The folks there can help.", "  2:"),
    ("later-part", "&gt;&gt; the refund follows.", "&gt;&gt;"),
    ("later-part", "...and the refund follows.", "...and"),
    ("later-part", "  but the team will be in touch.", "  but"),
    ("later-part", "This outage is due to a power cut. 1/2", None),
    ("later-part", "But we're sorry about the wait.", None),
    ("later-part", "Open 24/7, and version 2.2 fixes it.", None),
]


def test_every_shipped_class_has_its_variants_tested() -> None:
    assert {name for name, _, _ in VARIANTS} == set(SHIPPED)


@pytest.mark.parametrize(("name", "text", "expected"), VARIANTS)
def test_class_matches_its_variants(name: str, text: str, expected: str | None) -> None:
    assert matched(name, text) == expected


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_class_has_sources_and_passing_examples(name: str) -> None:
    wc = SHIPPED[name]
    assert all(source in wc.sources for _, source, _ in wc.entries)
    assert all("http" in citation or "," in citation for citation in wc.sources.values())
    assert vocabulary.problems(SHIPPED, name) == []


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("apologise", {"apologise", "apologize"}),
        ("colour", {"colour", "color"}),
        ("favorite", {"favorite", "favourite"}),
        ("cancelled", {"cancelled", "canceled"}),
        ("traveler", {"traveler", "traveller"}),
        ("centre", {"centre", "center"}),
        ("catalogue", {"catalogue", "catalog"}),
        ("licence", {"licence", "license"}),
        # never another real word
        ("floor", {"floor"}),
        ("four", {"four"}),
        ("filled", {"filled"}),
        ("rise", {"rise"}),
    ],
)
def test_spellings(word: str, forms: set[str]) -> None:
    assert wordforms.spellings(word) == forms


@pytest.mark.parametrize(
    ("word", "some_forms"),
    [
        ("apology", {"apologies"}),
        ("crash", {"crashes", "crashed", "crashing"}),
        ("stop", {"stops", "stopped", "stopping"}),
        ("cancel", {"cancels", "cancelled", "cancelling"}),
        ("lose", {"lost", "losing", "loses"}),
        ("mistake", {"mistook", "mistaken", "mistakes"}),
        ("reset", {"resets", "resetting"}),
        ("freeze", {"froze", "frozen", "freezing"}),
    ],
)
def test_inflections(word: str, some_forms: set[str]) -> None:
    assert some_forms <= wordforms.inflections(word)


def test_contractions_both_ways() -> None:
    assert vocabulary.word_forms("we are sorry") == "(?:we are|we're) sorry"
    assert vocabulary.word_forms("we're sorry") == "(?:we are|we're) sorry"
    assert vocabulary.word_forms("we do not") == "we (?:do not|don't|dont)"
    # a contraction is not made across a quantifier or inside a longer pattern
    assert vocabulary.word_forms("we ar[e]") == "we ar[e]"
    assert vocabulary.word_forms("colou?r") == "colou?r"


def test_references_leave_quantifiers_and_properties_alone() -> None:
    assert vocabulary.references(r"[A-Z]{2,3} \p{Lu}{apology}\{literal\}") == ["apology"]
    assert SHIPPED.expand(r"\p{Lu}{2} [!?]{2,}") == [r"\p{Lu}{2} [!?]{2,}"]


def test_a_leading_class_becomes_one_entry_per_alternative_with_anchors() -> None:
    entries = SHIPPED.expand("{apology},? but")
    assert len(entries) == len(SHIPPED["apology"].alternatives)
    assert "sorry,? but" in entries
    compiled = patterns.compile_entries(entries)
    assert compiled.starts  # every alternative starts with words the anchor scan can find
    assert patterns.search(compiled, "We apologize, but no.").group() == "apologize, but"


# ---------------------------------------------------------------------------------------
# Rule files and class files

RULE = """\
code: CS381
name: team-rule
principle: empathy
severity: warning
type: phrases
message: "'{match}'"
description: A team's rule.
source: team style guide
phrases:
  - "{apology} for any {hassle}"
examples: {flag: [Sorry for any bother.], pass: [Sorry for the bother.]}
"""
CLASS = """\
description: Small annoyances.
sources:
  team: team style guide, 2025
entries:
  - source: team
    phrases: [bother~, hassle~]
examples: {match: [What a bother.], no-match: [No worries.]}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path) -> list:
    return load_rules(Config(rules=(str(folder),), no_default_rules=True))


def test_team_folder_ships_its_own_class_beside_the_shipped_ones(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder / "empathy" / "team-rule.yml", RULE)
    write(folder / "vocabulary" / "hassle.yml", CLASS)
    (rule,) = load(folder)  # the class file is not taken for a rule
    config = Config(rules=(str(folder),), no_default_rules=True)
    found = [d.code for d in lint_text("We apologise for any hassles caused.", config=config)]
    assert found == ["CS381"] and rule.code == "CS381"
    assert lint_text("We apologise for the hassle.", config=config) == []


def test_a_class_that_opens_an_entry_of_another_class_keeps_each_start() -> None:
    # alternative-offered names {continued}, whose "&gt;&gt;" may follow a word with no
    # space ("strictly&gt;&gt;"): one group opening the entry would put a word boundary
    # before it
    offered = SHIPPED.pattern("alternative-offered")
    assert patterns.search(offered, "A change of route is strictly&gt;&gt;").group() == "&gt;&gt;"
    assert patterns.search(offered, "2/2 the airline can help you there.") is not None


def test_unknown_class_in_a_rule_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    path = write(folder / "empathy" / "team-rule.yml", RULE)
    with pytest.raises(RuleFileError) as err:
        load(folder)
    assert str(err.value).startswith(f"{path}:10: 'phrases': unknown word class {{hassle}}; known: ")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (CLASS.replace("[bother~, hassle~]", "[bother~, '{nothing}']"), 5, "unknown word class {nothing}"),
        (CLASS.replace("[bother~, hassle~]", "['{hassle} again']"), 5, "class hassle references itself"),
        (CLASS.replace("source: team\n", "source: elsewhere\n"), 5, "source 'elsewhere' is not a key of 'sources'"),
        (CLASS.replace("[bother~, hassle~]", "['(unclosed']"), 5, "invalid pattern"),
        (CLASS.replace("[bother~, hassle~]", "['(?:a|b)? ~']"), 5, "'~' marks a word to inflect"),
        (CLASS.replace("description: Small annoyances.\n", ""), None, "missing required key 'description'"),
        (CLASS + "colour: red\n", 8, "'colour': unknown key for a word class"),
    ],
)
def test_bad_class_file_is_refused_with_file_and_line(tmp_path: Path, text: str, line: int | None, message: str) -> None:
    folder = tmp_path / "rules"
    write(folder / "empathy" / "team-rule.yml", RULE)
    path = write(folder / "vocabulary" / "hassle.yml", text)
    with pytest.raises(RuleFileError) as err:
        load(folder)
    assert str(err.value).startswith(f"{path}:{line}: " if line else f"{path}: ")
    assert message in str(err.value)


def test_a_class_name_is_defined_once(tmp_path: Path) -> None:
    write(tmp_path / "rules" / "vocabulary" / "apology.yml", CLASS)
    with pytest.raises(RuleFileError, match=r"class apology is already defined by .*rules/vocabulary/apology\.yml"):
        load(tmp_path / "rules")


def test_check_rules_validates_classes_and_runs_their_examples(cli, tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    write(folder / "empathy" / "team-rule.yml", RULE)
    path = write(folder / "vocabulary" / "hassle.yml", CLASS.replace("no-match: [No worries.]", "no-match: [Such a hassle.]"))
    r = cli("check-rules", str(folder), cwd=tmp_path)
    assert r.returncode == 1
    assert r.lines == [
        f"{path}: class hassle matches 'hassle' in its 'no-match' example 1: 'Such a hassle.'",
        "1 rule checked: 0 invalid, 1 failing example",
    ]
    path.write_text(CLASS.replace("phrases: [bother~, hassle~]", "phrases: [bother~, '{nothing}']"), encoding="utf-8")
    r = cli("check-rules", str(folder), cwd=tmp_path)
    assert r.returncode == 2
    assert r.lines[0].startswith(f"{path}:5: 'entries': unknown word class {{nothing}}")
