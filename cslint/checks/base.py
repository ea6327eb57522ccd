"""What every rule type shares: its schema of rule-file keys and the ``find`` contract.

A rule type is a small class: it declares the keys it reads from a rule file (validated
before it is built, so a type never sees malformed data) and finds spans in masked prose.
It knows nothing of files, positions or output; the engine turns findings into diagnostics.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import regex

from .. import patterns
from ..masking import Prose


@dataclass(frozen=True, slots=True)
class Key:
    """One rule-file key of a rule type.

    ``kind`` is one of ``phrases`` (a list of phrase entries, see :mod:`cslint.patterns`),
    ``swap`` (a mapping of phrase entry to one or more suggestions), ``text``, ``int``,
    ``number``, ``bool`` or ``choice`` (one of ``choices``).
    """

    kind: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    help: str = ""


class Finding(NamedTuple):
    """A span of the reply (character offsets) and the values its message may use."""

    start: int
    end: int
    fields: Mapping[str, object]
    replacement: str | None = None


#: Keys every phrase-based type accepts.
MATCHING_KEYS: dict[str, Key] = {
    "ignorecase": Key("bool", default=True, help="match regardless of case"),
    "word-boundaries": Key("bool", default=True, help="phrases match whole words only"),
    "exceptions": Key(
        "phrases", default=(), help="a match inside one of these phrases is not reported"
    ),
    "text": Key(
        "choice",
        default="prose",
        choices=("prose", "raw"),
        help="what the rule reads: prose (placeholders, links, code and quoted history blanked) "
        "or raw (the reply as written, only quoted history blanked; for rules about placeholders)",
    ),
}


class Check:
    """Base class of rule types. Subclasses set ``type_name`` and ``keys``."""

    type_name: ClassVar[str]
    keys: ClassVar[Mapping[str, Key]]
    #: The ``{fields}`` a rule's message may use.
    message_fields: ClassVar[frozenset[str]] = frozenset({"match"})
    #: True when findings carry a replacement (``--fix`` can apply it).
    fixable: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options
        self._exceptions = (
            self.compile(options["exceptions"]) if options.get("exceptions") else None
        )

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        """A problem between keys that each look valid alone (checked at load time)."""
        return None

    @property
    def applicability(self) -> str:
        """``safe``, ``unsafe`` or ``none``: whether ``--fix`` may apply replacements."""
        return str(self.options.get("fix", "safe"))

    def compile(self, entries: Sequence[str]) -> regex.Pattern[str]:
        """Compile phrase entries with this rule's matching options."""
        return patterns.compile_entries(
            entries,
            ignorecase=self.options.get("ignorecase", True),
            word_boundaries=self.options.get("word-boundaries", True),
        )

    def reply_text(self, prose: Prose) -> str:
        """The reply as this rule reads it (see the ``text`` key)."""
        return prose.raw if self.options.get("text") == "raw" and prose.raw else prose.text

    def find(self, prose: Prose) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def excepted(self, text: str) -> list[tuple[int, int]]:
        """Spans of the text covered by an exception phrase (sorted)."""
        if self._exceptions is None:
            return []
        return [m.span() for m in patterns.finditer(self._exceptions, text)]

    @staticmethod
    def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in spans)

    def matches(self, pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
        """Matches of ``pattern`` that no exception covers."""
        spans: list[tuple[int, int]] | None = None
        for m in patterns.finditer(pattern, text):
            if self._exceptions is not None:
                if spans is None:
                    spans = self.excepted(text)
                if self.inside(spans, m.start(), m.end()):
                    continue
            yield m
