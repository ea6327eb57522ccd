"""A reply says the same thing in several wordings: with its contractions or without
("isn't available", "is not available"; "your order's been cancelled", "your order has
been cancelled"), in an agent's voice or the brand's ("I'll pass this on to my team",
"we'll pass this on to our team"), and with or without an adverb that changes nothing a
rule looks at ("has been escalated", "has now been escalated"). Each pair here must get
the same codes, so that a rule written in one form does not miss (or misread) the
other. The pairs come from the gaps ``scripts/wording_gaps.py`` and a trial adverb swap
found on real replies (docs/eval.md, "seventh session"); the sentences are written here."""
from __future__ import annotations

import pytest

from cslint import lint_text

#: (with contractions; the same written out; the code both must get, or a principle's
#: range, "CS3", when neither may get a code of it)
PAIRS = [
    ("Your order's been cancelled.", "Your order has been cancelled.", "CS304"),
    ("It's shut off tonight for the promotion.", "It is shut off tonight for the promotion.", "CS304"),
    ("They've been removed from the store.", "They have been removed from the store.", "CS304"),
    ("Your card's been declined.", "Your card has been declined.", "CS304"),
    ("The item isn't available in your country.", "The item is not available in your country.", "CS304"),
    ("Your refund wasn't approved.", "Your refund was not approved.", "CS304"),
    ("Changes aren't allowed once the booking is confirmed.", "Changes are not allowed once the booking is confirmed.", "CS304"),
    ("You won't be eligible for this offer.", "You will not be eligible for this offer.", "CS304"),
    ("We aren't able to recover that run.", "We are not able to recover that run.", "CS304"),
    ("Your parcel's lost.", "Your parcel is lost.", "CS301"),
    ("The app's down right now.", "The app is down right now.", "CS301"),
    ("As we checked, there's a double payment in the booking.", "As we checked, there is a double payment in the booking.", "CS301"),
    ("That's expected behavior.", "That is expected behavior.", "CS108"),
    ("Sorry, it's strictly not allowed to change the passenger.", "Sorry, it is strictly not allowed to change the passenger.", "CS106"),
    ("We're sorry as you'll need a government ID at the counter.", "We are sorry as you will need a government ID at the counter.", "CS303"),
    ("Sorry you haven't received your package yet. What does the tracking say?",
     "Sorry you have not received your package yet. What does the tracking say?", "CS3"),
    ("There's nothing wrong with a second helping!", "There is nothing wrong with a second helping!", "CS3"),
    ("We're afraid that album isn't available to stream just yet.", "We are afraid that album is not available to stream just yet.", "CS3"),
]


#: (the brand's voice; the agent's; the code both must get)
PERSON_PAIRS = [
    ("We'll get this passed on to our devs so they can look into it.",
     "I'll get this passed on to my devs so they can look into it.", "CS401"),
    ("Thanks for waiting. Please await our response.", "Thanks for waiting. Please await my response.", "CS401"),
    ("You'll get an email as soon as we have a delivery date.", "You'll get an email as soon as I have a delivery date.", "CS402"),
    ("We are working to fix it as quickly as we can.", "I am working to fix it as quickly as I can.", "CS402"),
    ("We're happy to follow up with you there shortly.", "I'm happy to follow up with you there shortly.", "CS402"),
    ("We look forward to seeing you soon!", "I look forward to seeing you soon!", "CS4"),
    ("That is not the experience we want you to have. Your flight was delayed by the storm.",
     "That is not the experience I want you to have. Your flight was delayed by the storm.", "CS3"),
    ("We replied via DM. Kindly check and we will advise you accordingly.",
     "I replied via DM. Kindly check and I will advise you accordingly.", "CS205"),
]


#: (as written; with an adverb that changes nothing the rule looks at; the code both must get)
ADVERB_PAIRS = [
    ("Unfortunately we're unable to recover the songs.", "Unfortunately we're really unable to recover the songs.", "CS304"),
    ("We are not able to assist with this request.", "We are truly not able to assist with this request.", "CS103"),
    ("The issue has been escalated internally.", "The issue has now been escalated internally.", "CS403"),
    ("Flights run as normal. Guests will be notified if anything changes.",
     "Flights run as normal. Guests will now be notified if anything changes.", "CS4"),
    ("As the meat is prepackaged, a charge will be applied.", "As the meat is prepackaged, a charge will now be applied.", "CS304"),
]


def _codes(text: str, principle: str) -> set[str]:
    return {d.code for d in lint_text(text) if d.code.startswith(principle)}


@pytest.mark.parametrize(("one", "other", "code"), PAIRS + PERSON_PAIRS + ADVERB_PAIRS)
def test_both_wordings_get_the_same_codes(one: str, other: str, code: str) -> None:
    principle = code[:3]
    expected = {code} if len(code) > 3 else set()
    assert (_codes(one, principle), _codes(other, principle)) == (expected, expected)
