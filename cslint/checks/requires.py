"""``requires``: when a trigger occurs and none of the required phrases does, report once.

This is how a rule notices what is *missing*: bad news with no apology, a promise of
contact with no time. The trigger may be looked for in the reply, in the customer's
message the reply answers (quoted e-mail history or a reader's context field), or both:
a customer who reports a problem expects an apology even when the reply never names it.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..engine.masking import Prose
from . import patterns, sentences
from .base import MATCHING_KEYS, Check, Finding, Key, Needs

_FIRST_WORD = regex.compile(r"[\p{L}\p{N}][^\s]*")


class Requires(Check):
    type_name = "requires"
    keys = {
        "trigger": Key("phrases", required=True, help="phrases that make the required ones necessary"),
        "required": Key("phrases", required=True, help="phrases of which at least one must occur"),
        "trigger-in": Key(
            "choice",
            default="reply",
            choices=("reply", "context", "either"),
            help="where the trigger is looked for: the reply, the customer's message, or either",
        ),
        "required-in": Key(
            "choice",
            default="reply",
            choices=("reply", "sentence"),
            help="where a required phrase must stand: anywhere in the reply, or in the trigger's sentence "
            "(then each sentence with a trigger and none of them is reported)",
        ),
        **MATCHING_KEYS,
    }

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self._trigger = self.compile(options["trigger"])
        self._required = self.compile(options["required"])
        self._where = options.get("trigger-in", "reply")
        self._per_sentence = options.get("required-in") == "sentence"

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if options.get("required-in") == "sentence" and options.get("trigger-in", "reply") != "reply":
            return "'required-in: sentence' needs 'trigger-in: reply' (the customer's message is not a sentence of the reply)"
        return None

    def needs(self) -> Needs:
        trigger = (self._trigger,)
        return Needs(in_reply=trigger if self._where != "context" else (),
                     in_context=trigger if self._where != "reply" else ())

    def find(self, prose: Prose) -> Iterator[Finding]:
        text = self.reply_text(prose)
        if self._per_sentence:
            yield from self._find_per_sentence(text)
            return
        hit = None
        if self._where in ("reply", "either"):
            hit = next(iter(self.matches(self._trigger, text)), None)
        if hit is not None:
            start, end, matched = hit.start(), hit.end(), hit.group()
        elif self._where in ("context", "either") and prose.context:
            in_context = next(iter(self.matches(self._trigger, prose.context)), None)
            first = _FIRST_WORD.search(text)
            if in_context is None or first is None:
                return
            # The customer's words are not in the file: point at the start of the reply.
            start, end, matched = first.start(), first.end(), in_context.group()
        else:
            return
        if patterns.search(self._required, text) is None:
            yield Finding(start, end, {"match": matched})

    def _find_per_sentence(self, text: str) -> Iterator[Finding]:
        """Each trigger whose sentence holds none of the required phrases (one finding
        per sentence)."""
        done = -1
        for hit in self.matches(self._trigger, text):
            start, end = sentences.around(text, hit.start())
            if start <= done:
                continue
            done = start
            if next(iter(patterns.finditer(self._required, text, start, end)), None) is None:
                yield Finding(hit.start(), hit.end(), {"match": hit.group()})
