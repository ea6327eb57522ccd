"""Whether a phrase is asserted, or only asked about or supposed.

"Your order was lost" tells the customer something went wrong; "Was your order lost?" and
"If your order was lost, reply here" do not: they ask whether, or say what to do in case.
A rule that looks for a named fault or a piece of bad news (``skip-in: [question,
conditional]``) counts neither. Two readings, both of one sentence of masked prose:

* **question**: the phrase stands near the start of a yes/no question: the clause holding
  it starts with an auxiliary ("is", "are", "do", "did", "have", "can" ...) and the phrase
  begins within a few words of it ("Is your phone unable to connect?", "Are you getting any
  error?"). A question that presupposes the fault keeps it: "When did the app become
  unresponsive?", "Can you send a screenshot of the error message you're getting?". So
  does a negative auxiliary with no subject after it, a statement said with a rising
  voice ("Can't log in?", "Won't load?"; but "Can't you log in?" asks).
* **conditional**: "if", "unless", "whether", "in case", "in the event", "provided" or
  "should you" stands earlier in the sentence, or "if" / "unless" a few words after the
  phrase in the same clause ("The booking is cancelled if the payment fails", "will be
  expired and cancelled if no payment is made"); or "may", "might"
  or "could" (a possibility: "Someone could have mistakenly entered your address") stands
  a few words before it.

Three things keep a phrase asserted even there, since they take its truth for granted:
"still" before it ("If you're still unable to log in", "Is the app still crashing?": it
was); in a question, "again" just after it ("Is your internet down again?"; not in a
conditional, where "if it starts misbehaving again" looks ahead after a fix); and, in a
conditional, a definite description ("if the damage hasn't been reported within 7 days":
there is damage).
"""
from __future__ import annotations

import regex

from . import sentences

_AUXILIARY = regex.compile(
    r"(?:(?:is|are|was|were|am|do|does|did|have|has|had|can|could|will|would|should|shall|may|might|must)"
    r"(?:n['’]?t)?|ca(?:n['’]?t|nnot)|won['’]?t|shan['’]?t)(?!\w)",
    regex.IGNORECASE,
)
#: Words between clauses: a clause starts after one of them, or after ',', ';', ':', '(' or a dash.
_CLAUSE_BREAK = regex.compile(r"[,;:(–—]|\s-\s|(?<!\w)(?:and|or|but|so|also|then)(?!\w)", regex.IGNORECASE)
_CONDITION = regex.compile(
    r"(?<!\w)(?:if|unless|whether|in case|in the event|provided|providing|assuming|should (?:you|it|this|that|the|your|we|they))(?!\w)",
    regex.IGNORECASE,
)
_CONDITION_AFTER = regex.compile(r"\s*(?:[\w'’-]+\s+){0,3}?(?:if|unless)(?!\w)", regex.IGNORECASE)
#: A possibility, not a fact: "may", "might" or "could" (not "could not") a few words before.
_POSSIBLE = regex.compile(r"(?<!\w)(?:may|might|could(?!\s*(?:not|n['’]t)))(?!\w)(?:\W+\w+){0,8}?\W*$", regex.IGNORECASE)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’]*")
_STILL = regex.compile(r"(?<!\w)still(?!\w)", regex.IGNORECASE)
_NEGATIVE = regex.compile(r"(?:n['’]?t|cannot)$", regex.IGNORECASE)
#: "again" after the phrase in a question: the trouble happened before ("Is it down again?").
_AGAIN = regex.compile(r"[^.!?\n]{0,30}?(?<!\w)again(?!\w)", regex.IGNORECASE)
#: What stands after the auxiliary of a yes/no question: its subject.
_SUBJECT = regex.compile(
    r"(?:I|you|u|we|they|he|she|it|there|this|that|these|those|anyone|anybody|someone|somebody|everyone|"
    r"everybody|everything|anything|something|nothing|your|ur|my|our|the|a|an|any|some|his|her|their|its|"
    r"all|both|each|either|neither|one|y'all|ya)",
    regex.IGNORECASE,
)
#: A definite description: the phrase starts with a determiner, or one stands just before it.
_DEFINITE = regex.compile(r"(?:the|this|that|these|those|your|our|my)(?!\w)", regex.IGNORECASE)
_DEFINITE_BEFORE = regex.compile(
    r"(?<!\w)(?:the|this|that|these|those|your|our|my)\s+"
    r"(?:(?!(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|not|does|did)\b)[\w-]+\s+){0,2}$",
    regex.IGNORECASE,
)
#: "this", "that", "these" or "those" standing alone as the subject of the phrase's verb
#: ("if this does not work"): a pronoun, not a definite description.
_PRONOUN_BEFORE = regex.compile(r"(?<!\w)(?:this|that|these|those)\s+$", regex.IGNORECASE)
#: How many words may stand between a question's auxiliary and the phrase it asks about.
QUESTION_REACH = 4

KINDS = ("question", "conditional")


def in_question(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start`` is what a yes/no question asks about.

    >>> t = "Thanks. Is your phone unable to connect? Send the error you're getting."
    >>> in_question(t, t.index("unable"), t.index(" to c")), in_question(t, t.index("error"), t.index(" you"))
    (True, False)
    >>> t = "Is the app still crashing?"
    >>> in_question(t, t.index("crash"), len(t) - 1)
    False
    """
    s, e = sentences.around(text, start)
    if not text[s:e].rstrip().endswith("?"):
        return False
    clause = s
    for m in _CLAUSE_BREAK.finditer(text, s, start):
        clause = m.end()
    # (the phrase itself may open the question: "Have you removed the app?")
    words = _WORD.findall(text, clause, start) or _WORD.findall(text, start, end)[:1]
    return (
        bool(words)
        and _AUXILIARY.fullmatch(words[0]) is not None
        and len(words) - 1 <= QUESTION_REACH
        and _inverted(text, clause)
        and not _presupposed(text, clause, end)
        and _AGAIN.match(text, end) is None
    )


def _inverted(text: str, clause: int) -> bool:
    """Whether a negative auxiliary is followed by its subject, as in a yes/no question
    ("Can't you log in?"). Without one ("Can't log in?", "Won't load?") the question is a
    statement said with a rising voice: it takes the trouble for granted. (A positive
    auxiliary is taken to ask: its subject may be any noun, "Are apps crashing?".)"""
    words = _WORD.findall(text, clause, min(len(text), clause + 60))[:3]
    if not words or not _NEGATIVE.search(words[0]):
        return True
    following = words[2:] if len(words) > 1 and words[1].lower() == "not" else words[1:]
    return bool(following) and (
        _SUBJECT.fullmatch(following[0]) is not None or following[0][:1].isupper() or following[0][:1].isdigit()
    )


def in_conditional(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` is only supposed, not asserted.

    >>> t = "If you're unable to sign in, reset it. The order is cancelled if unpaid."
    >>> in_conditional(t, t.index("unable"), t.index(" to sign")), in_conditional(t, t.index("cancelled"), t.index(" if u"))
    (True, True)
    >>> in_conditional("Your flight was cancelled, and if you like we can rebook.", 16, 25)
    False
    >>> in_conditional("This may lead to the suspension of your account.", 17, 31)
    True
    >>> t = "If you're still unable to log in, reply here. If the damage was not reported, call."
    >>> in_conditional(t, t.index("unable"), t.index(" to log")), in_conditional(t, t.index("the dam"), t.index(" was"))
    (False, False)
    >>> t = "If this does not work, send a screenshot. If that outage returns, call."
    >>> in_conditional(t, t.index("does"), t.index(" work")), in_conditional(t, t.index("outage"), t.index(" returns"))
    (True, False)
    """
    s, _ = sentences.around(text, start)
    if _POSSIBLE.search(text, max(s, start - 80), start):
        return not _presupposed(text, s, end)
    pronoun = _PRONOUN_BEFORE.search(text, max(s, start - 8), start) and _AUXILIARY.match(text, start)
    if not pronoun and (_DEFINITE.match(text, start) or _DEFINITE_BEFORE.search(text, max(s, start - 60), start)):
        return False
    condition = _CONDITION.search(text, s, start)
    if condition is not None:
        return not _presupposed(text, condition.end(), end)
    return _CONDITION_AFTER.match(text, end) is not None and not _presupposed(text, start, end)


def _presupposed(text: str, start: int, end: int) -> bool:
    """Whether "still" stands in ``text[start:end]``."""
    return _STILL.search(text, start, end) is not None


def hypothetical(text: str, start: int, end: int, kinds: tuple[str, ...]) -> bool:
    """Whether the phrase at ``start:end`` stands in one of ``kinds`` of clause."""
    return ("question" in kinds and in_question(text, start, end)) or (
        "conditional" in kinds and in_conditional(text, start, end)
    )
