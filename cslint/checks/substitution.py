"""``substitution``: a phrase that has a plainer alternative, with a fix to apply it."""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..engine.masking import Prose
from ..runtime import timelimit
from .base import MATCHING_KEYS, Check, Finding, Key, Needs


def match_case(template: str, suggestion: str) -> str:
    """Give the suggestion the capitalisation of the words it replaces.

    >>> match_case("Utilize", "use")
    'Use'
    >>> match_case("ETA", "expected time")
    'expected time'
    >>> match_case("MAC address", "your device's hardware ID")
    "your device's hardware ID"
    """
    first = template.split(maxsplit=1)[0] if template.strip() else template
    if first[:1].isupper() and not first.isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    if template.isupper() and len(template) > 1 and len(template.split()) > 1:
        return suggestion.upper()
    return suggestion


class Substitution(Check):
    type_name = "substitution"
    keys = {
        "swap": Key("swap", required=True, help="phrase -> plainer alternative(s)"),
        "fix": Key(
            "choice",
            default="safe",
            choices=("safe", "unsafe", "none"),
            help="whether --fix may apply the first suggestion (unsafe: only with --unsafe-fixes)",
        ),
        **MATCHING_KEYS,
    }
    message_fields = frozenset({"match", "suggestion"})
    fixable = True

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        swap: Mapping[str, tuple[str, ...]] = options["swap"]
        self._entries = [(self.compile([phrase]), suggestions) for phrase, suggestions in swap.items()]
        self._pattern = self.compile(list(swap))

    def _suggestions(self, text: str, start: int, end: int) -> tuple[str, ...]:
        """The alternatives of the entry that made this match. Each entry is tried where the
        match stands in the whole text, not on the matched words alone, so entries with
        lookarounds ("escalate(?= to the team)") are recognised too."""
        for pattern, suggestions in self._entries:
            m = pattern.match(text, start, timeout=timelimit.per_call(len(text)))
            if m is not None and m.end() == end:
                return suggestions
        return ()  # pragma: no cover - the combined pattern only matches an entry

    def needs(self) -> Needs:
        return Needs(in_reply=(self._pattern,))

    def find(self, prose: Prose) -> Iterator[Finding]:
        fix = self.options.get("fix", "safe")
        text = self.reply_text(prose)
        for m in self.matches(self._pattern, text):
            matched = m.group()
            suggestions = [match_case(matched, s) for s in self._suggestions(text, m.start(), m.end())]
            yield Finding(
                m.start(),
                m.end(),
                {"match": matched, "suggestion": " or ".join(f"'{s}'" for s in suggestions)},
                None if fix == "none" or not suggestions else suggestions[0],
            )
