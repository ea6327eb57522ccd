"""``limit``: a pattern that occurs more (or fewer) times than a rule allows."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..engine.masking import Prose
from .base import MATCHING_KEYS, Check, Finding, Key, Needs
from .sentences import split


class Limit(Check):
    type_name = "limit"
    keys = {
        "pattern": Key("phrases", required=True, help="what is counted"),
        "max": Key("int", help="report the first occurrence beyond this many"),
        "min": Key("int", help="report when there are fewer than this many"),
        "scope": Key("choice", default="reply", choices=("reply", "sentence"), help="where counting restarts"),
        **MATCHING_KEYS,
    }
    message_fields = frozenset({"match", "count", "max", "min"})

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if options.get("max") is None and options.get("min") is None:
            return "a limit rule needs 'max', 'min' or both"
        return None

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self._pattern = self.compile(options["pattern"])

    def needs(self) -> Needs | None:
        if self.options.get("min") is not None:
            return None  # too few matches (none at all) is a finding too
        return Needs(in_reply=(self._pattern,), at_least=self.options["max"] + 1)  # one too many

    def find(self, prose: Prose) -> Iterator[Finding]:
        text = self.reply_text(prose)
        most, least = self.options.get("max"), self.options.get("min")
        spans = split(text) if self.options.get("scope") == "sentence" else ((0, len(text)),)
        hits = list(self.matches(self._pattern, text))
        first = 0  # hits and spans are both in text order: one walk, linear in the reply
        for start, end in spans:
            while first < len(hits) and hits[first].start() < start:
                first += 1
            after = first
            while after < len(hits) and hits[after].start() < end:
                after += 1
            inside = [m for m in hits[first:after] if m.end() <= end]
            first = after
            count = len(inside)
            fields = {"count": count, "max": most, "min": least}
            if most is not None and count > most:
                extra = inside[most]
                yield Finding(extra.start(), extra.end(), {**fields, "match": extra.group()})
            elif least is not None and count < least and end > start and text[start:end].strip():
                yield Finding(start, end, {**fields, "match": text[start:end]})
