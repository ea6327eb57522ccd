"""``phrases``: report any of a list of phrases (dismissive wording, non-apologies)."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..engine.masking import Prose
from .base import MATCHING_KEYS, Check, Finding, Key, Needs


class Phrases(Check):
    type_name = "phrases"
    keys = {
        "phrases": Key("phrases", required=True, help="phrases to report"),
        **MATCHING_KEYS,
    }

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self._pattern = self.compile(options["phrases"])

    def needs(self) -> Needs:
        return Needs(in_reply=(self._pattern,))

    def find(self, prose: Prose) -> Iterator[Finding]:
        for m in self.matches(self._pattern, self.reply_text(prose)):
            yield Finding(m.start(), m.end(), {"match": m.group()})
