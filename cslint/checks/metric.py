"""``metric``: a per-sentence (or per-reply) measure against a threshold.

Long sentences and a high reading grade make a reply hard to follow for a customer who
is already frustrated or reading in a second language.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..engine.masking import Prose
from .base import Check, Finding, Key
from .sentences import grade, holds_words, split, syllables, totals, word_bound, words

#: Replies shorter than this are first bounded (:func:`word_bound`), which reads all of
#: them; a longer one is counted up to the threshold at once.
_BOUNDED_CHARS = 10_000


class Metric(Check):
    type_name = "metric"
    keys = {
        "measure": Key("choice", required=True, choices=("words", "characters", "grade"), help="what is measured"),
        "scope": Key("choice", default="sentence", choices=("sentence", "reply"), help="what it is measured on"),
        "max": Key("number", required=True, help="report when the measure is above this"),
        "min-words": Key("int", default=0, help="text with fewer words is not measured (grades of short text are noise)"),
    }
    message_fields = frozenset({"match", "value", "max"})

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        #: The fewest words a reply needs for any finding (0: no such bound): ``min-words``,
        #: and for a measure in words, one more than ``max``.
        self._least_words = options.get("min-words", 0)
        if options["measure"] == "words":
            self._least_words = max(self._least_words, math.floor(options["max"]) + 1)

    def find(self, prose: Prose) -> Iterable[Finding]:
        text = prose.text
        # too few words in the whole reply for any finding: the quick bound says so for
        # most short replies, a count that stops at the threshold for the rest (a long
        # reply goes straight to the count, which then reads only its first words)
        needed = self._least_words
        if needed and ((len(text) < _BOUNDED_CHARS and word_bound(text) < needed) or not holds_words(text, needed)):
            return ()
        return self._measured(text)

    def _measured(self, text: str) -> Iterator[Finding]:
        measure, most = self.options["measure"], self.options["max"]
        least = self.options.get("min-words", 0)
        per_reply = self.options.get("scope") == "reply"
        spans = split(text)
        if not spans:
            return
        if per_reply:
            n, syl = totals(text) if measure != "characters" or least else (0, 0)
            groups = [(spans[0][0], spans[-1][1], n, syl, len(spans))]
        else:
            if measure == "words" and not least:
                # n words take at least 2n - 1 characters: a shorter sentence cannot have
                # more than `max`, so only the long ones are counted
                shortest = 2 * (int(most) + 1) - 1
                spans = tuple((s, e) for s, e in spans if e - s >= shortest)
            groups = [(s, e, *self._counted(text, s, e, measure == "grade"), 1) for s, e in spans]
        for start, end, n, syl, sentences in groups:
            if least and n < least:
                continue
            value: float
            if measure == "words":
                value = n
            elif measure == "characters":
                value = end - start
            else:
                value = grade(n, syl, sentences)
            if value > most:
                shown = round(value, 1) if isinstance(value, float) else value
                yield Finding(start, end, {"match": text[start:end], "value": shown, "max": most})

    @staticmethod
    def _counted(text: str, start: int, end: int, with_syllables: bool) -> tuple[int, int]:
        found = words(text, start, end)
        return len(found), sum(map(syllables, found)) if with_syllables else 0
