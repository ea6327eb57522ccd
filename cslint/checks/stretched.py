"""``stretched``: a word with one letter held for effect ("sooooo", "yessss").

Four equal letters in a row are a property of characters, not a phrase. Written as a
phrase list (``a{4,}|b{4,}|...`` inside a word) it must be tried at every word of a
reply that holds such a run; a megabyte reply holds several, so the regular-expression
engine would try the whole list at each of its words. A backreference in the standard
library's engine finds the runs at C speed, and only the few words around them are read
in Python.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..engine.masking import Prose
from .base import MATCHING_KEYS, Check, Finding, Key


#: The longest run a rule may ask for; no word is longer.
MAX_RUN = 100


class Stretched(Check):
    type_name = "stretched"
    keys = {
        "min-run": Key("int", default=4, help="report a word with one letter (a to z, either case) this many times in a row"),
        "exceptions": MATCHING_KEYS["exceptions"],
        "word-boundaries": Key("bool", default=True, help="exception entries match whole words only"),
    }

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if options.get("min-run", 4) < 2:
            return "'min-run' must be 2 or more (one letter is every word)"
        if options.get("min-run", 4) > MAX_RUN:
            # (the run is written out as a pattern that long: 10**30 could not be built)
            return f"'min-run' must be {MAX_RUN} or less"
        return None

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        # ASCII: "a" also matches "A" and nothing else (no Kelvin sign, no long s). The
        # backreference is written out ("\\1\\1\\1+", not "\\1{3,}"): the standard library
        # matches that form faster than the counted repeat, so a reply without a run is
        # ruled out sooner than by lower-casing it for a case-sensitive search.
        backreferences = "\\1" * (options.get("min-run", 4) - 2)
        self._run = re.compile(f"([a-z]){backreferences}\\1+", re.IGNORECASE | re.ASCII)

    def find(self, prose: Prose) -> Iterable[Finding]:
        text = prose.text
        first = self._run.search(text)
        return () if first is None else self._words(text, first.start())

    def _words(self, text: str, first: int) -> Iterator[Finding]:
        """The words holding a run, from the first run on."""
        size = len(text)
        resume = 0
        for m in self._run.finditer(text, first):
            if m.start() < resume:
                continue  # another run in a word already read
            start, end = m.start(), m.end()
            while start and text[start - 1].isalpha():
                start -= 1
            while end < size and text[end].isalpha():
                end += 1
            resume = end
            if start and unicodedata.category(text[start - 1])[0] == "N":
                continue  # letters after a digit ("4eeee") are part of a code, not a word
            if not self.excepted(text, start, end):
                yield Finding(start, end, {"match": text[start:end]})
