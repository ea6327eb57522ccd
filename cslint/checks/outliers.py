"""``tone-outlier``: a macro that reads far harder than the rest of its library.

A fixed reading-grade limit (CS702) misfires on libraries written for developers, where
every reply is technical. What stands out to a customer is the one macro written unlike
the others: pasted from a policy document, or grown by edits into one long sentence. The
rule measures each macro's Flesch-Kincaid grade and its words per sentence, and reports
a macro whose measure is far above the library's own median.

"Far above" is a robust z-score, ``(x - median) / (1.4826 * MAD)`` with MAD the median
absolute deviation from the median: Iglewicz and Hoaglin's modified z-score, which one
extreme macro cannot inflate the way it inflates a mean and a standard deviation. A
macro is reported when the score of either measure exceeds ``threshold`` (3.5, their
recommended cut-off), once, with the measure that stands out most.

Two guards keep the score about reading, not about form. Only sentences of
``min-sentence-words`` words or more count: a greeting, a sign-off or a list of
"Ticket ID: ..." fields is not a sentence a reader struggles with, and a library of
notifications made of such lines would otherwise make every prose macro an outlier. And
the spread is at least ``min-spread`` of the median: in a library of near-identical
macros the MAD is close to 0, and two words more per sentence would be "far". Macros with
fewer than ``min-words`` words in such sentences are not measured (a grade of two
sentences is noise), and a library with fewer than ``min-macros`` measured macros is not
judged.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..engine.masking import Prose
from .base import Key
from .library import LibraryCheck, Observation, Observed, Verdict
from .sentences import grade, measures

#: What 1.4826 * MAD estimates: the standard deviation of normally distributed values.
_CONSISTENCY = 1.4826
#: The measures, in the order their figures are shown, and how a value is written.
_MEASURES = (("reading grade", "{:.1f}"), ("words per sentence", "{:.0f}"))


class ToneOutlier(LibraryCheck):
    type_name = "tone-outlier"
    keys = {
        "threshold": Key("number", default=3.5,
                         help="report a macro whose robust z-score (from the library's median and MAD) is above this"),
        "min-words": Key("int", default=30, help="macros with fewer words (in sentences that count) are not measured"),
        "min-sentence-words": Key("int", default=4,
                                  help="shorter sentences (a greeting, a sign-off, a 'Label: value' line) do not count"),
        "min-spread": Key("number", default=0.25,
                          help="the spread the z-score divides by is at least this share of the median"),
        "min-macros": Key("int", default=10, help="a library with fewer measured macros is not judged"),
    }
    message_fields = frozenset({"match", "measure", "value", "median", "z"})

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if options["threshold"] <= 0:
            return "'threshold' must be above 0"
        return None

    def observe(self, prose: Prose) -> Iterable[Observation]:
        text = prose.text
        least = self.options["min-sentence-words"]
        counted = [sentence for sentence in measures(text) if sentence[0] >= least]
        count = len(counted)
        n, syllables = sum(words for words, _ in counted), sum(syllables for _, syllables in counted)
        if not count or n < max(1, self.options["min-words"]):
            return ()
        shown = prose.raw or text  # the body as written, from its first to its last character
        start = len(shown) - len(shown.lstrip())
        return (Observation(start, len(shown.rstrip()), (grade(n, syllables, count), n / count)),)

    def judge(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        if len(observed) < max(1, self.options["min-macros"]):
            return
        threshold = self.options["threshold"]
        columns = list(zip(*(o.value for o in observed), strict=True))
        spread = self.options["min-spread"]
        # (imported here: every run imports the rule types, only a library's end needs it)
        import statistics

        centres = []
        for values in columns:
            median = statistics.median(values)
            mad = statistics.median(abs(v - median) for v in values)
            centres.append((median, max(_CONSISTENCY * mad, spread * abs(median))))
        for i, o in enumerate(observed):
            scores = [((v - median) / scale if scale else 0.0, k) for k, (v, (median, scale)) in enumerate(zip(o.value, centres, strict=True))]
            z, k = max(scores)
            if z > threshold:
                name, form = _MEASURES[k]
                yield Verdict(i, {"match": "", "measure": name, "value": form.format(o.value[k]),
                                  "median": form.format(centres[k][0]), "z": f"{z:.1f}"})
