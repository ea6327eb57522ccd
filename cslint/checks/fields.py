"""``empty-field``: a field of a form left empty in a reply.

Saved replies often hold a small form for the agent to fill in: "Email:", "Password:",
"Receipt Link:", one label a line. One left empty reaches the customer as a label with
nothing after it. A *label* is a line of up to ``max-words`` words, the first
capitalised, ending in a colon; it is *empty* when at most two spaces follow the colon
(a placeholder after it is masked to a longer run of spaces: a value the helpdesk fills
in). An empty label is reported when it stands in a list of labels: the line after it
is a label too, or the line before it is and a blank line (or the end) follows. A label followed by its value on the next line
("EIN:" above "45-3361423", "Mailing Address:" above an address) is not empty.

It is a type of its own, not a phrase list, for speed: a phrase entry that starts with
a class of letters has no literal start for the anchor scan to find, and would have
every reply read for it; this one reads only the replies with a colon at the end of a
line.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import regex

from ..engine.masking import Prose
from .base import Check, Finding, Key

#: A colon at the end of a line (or of the reply), with at most two spaces after it.
_LINE_END_COLON = regex.compile(r":[^\S\r\n]{0,2}(?:\r?\n|\Z)")


class EmptyField(Check):
    type_name = "empty-field"
    keys = {
        "max-words": Key("int", default=3, help="the most words a label has ('Receipt Link:' has two)"),
    }

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if options["max-words"] < 1:
            return "'max-words' must be 1 or more"
        return None

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        more = max(0, int(options["max-words"]) - 1)
        label = rf"\p{{Lu}}\p{{L}}*(?:[^\S\r\n]\p{{L}}+){{0,{more}}}:"
        self._label = regex.compile(rf"[^\S\r\n]*(?P<label>{label})(?P<rest>[^\r\n]*)")

    def find(self, prose: Prose) -> Iterator[Finding]:
        text = prose.text
        if _LINE_END_COLON.search(text) is None:
            return
        raw = prose.raw or text
        lines = _lines(text)
        labels = [self._label.fullmatch(text, s, e) for s, e in lines]
        # blank as written: a line of a link or a placeholder is masked to spaces, not blank
        blank = [not raw[s:e].strip() for s, e in lines]
        for k, m in enumerate(labels):
            if m is None or len(m.group("rest")) > 2 or m.group("rest").strip(" \t\u00a0"):
                continue
            then_blank = k + 1 == len(lines) or blank[k + 1]
            if ((k + 1 < len(lines) and labels[k + 1] is not None)  # a label follows
                    or (k > 0 and labels[k - 1] is not None and then_blank)):  # the last of a list
                yield Finding(m.start("label"), m.end("label"), {"match": m.group("label")})


def _lines(text: str) -> list[tuple[int, int]]:
    """The span of each line, without its line break."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        spans.append((start, end - line.endswith("\r")))
        start = end + 1
    return spans
