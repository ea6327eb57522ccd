"""``metric``: a per-sentence (or per-reply) measure against a threshold.

Long sentences and a high reading grade make a reply hard to follow for a customer who
is already frustrated or reading in a second language.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..masking import Prose
from ..sentences import grade, split, syllable_counts, word_count
from .base import Check, Finding, Key


class Metric(Check):
    type_name = "metric"
    keys = {
        "measure": Key("choice", required=True, choices=("words", "characters", "grade"), help="what is measured"),
        "scope": Key("choice", default="sentence", choices=("sentence", "reply"), help="what it is measured on"),
        "max": Key("number", required=True, help="report when the measure is above this"),
        "min-words": Key("int", default=0, help="text with fewer words is not measured (grades of short text are noise)"),
    }
    message_fields = frozenset({"match", "value", "max"})

    def find(self, prose: Prose) -> Iterator[Finding]:
        text = prose.text
        measure, most = self.options["measure"], self.options["max"]
        least = self.options.get("min-words", 0)
        per_sentence_words = measure == "words" and self.options.get("scope") != "reply"
        if least or per_sentence_words:
            total = word_count(text)
            if total < least or (per_sentence_words and total <= most):
                return  # too few words in the whole reply for any finding
        spans, counts = split(text)
        if not spans:
            return
        syllables = syllable_counts(text) if measure == "grade" else [0] * len(spans)
        if self.options.get("scope") == "reply":
            groups = [(spans[0][0], spans[-1][1], sum(counts), sum(syllables), len(spans))]
        else:
            groups = [(s, e, n, syl, 1) for (s, e), n, syl in zip(spans, counts, syllables)]
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
