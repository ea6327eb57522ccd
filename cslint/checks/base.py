"""What every rule type shares: its schema of rule-file keys and the ``find`` contract.

A rule type is a small class: it declares the keys it reads from a rule file (validated
before it is built, so a type never sees malformed data), finds spans in masked prose,
and may declare what it needs to match (:meth:`Check.needs`). It knows nothing of files,
positions, output or speed: the engine turns findings into diagnostics, and the prefilter
(:mod:`cslint.prefilter`) derives from the declared patterns where a rule can find
something, so that it runs only there.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import regex

from ..engine.masking import Prose
from . import patterns, sentences
from .patterns import Pattern


@dataclass(frozen=True, slots=True)
class Key:
    """One rule-file key of a rule type.

    ``kind`` is one of ``phrases`` (a list of phrase entries, see :mod:`cslint.checks.patterns`),
    ``swap`` (a mapping of phrase entry to one or more suggestions), ``text``, ``int``,
    ``number``, ``bool``, ``choice`` (one of ``choices``), ``choices`` (a list of them),
    ``texts`` (a list of plain texts) or ``codes`` (a list of rule codes).
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


class Needs(NamedTuple):
    """The matches without which a rule finds nothing (see :meth:`Check.needs`).

    Every finding needs ``at_least`` matches of the patterns ``in_reply`` in the text
    the rule reads (:meth:`Check.reply_text`), or a match of one of ``in_context`` in the
    customer's message. The patterns are what :meth:`Check.compile` gives, or compiled
    ``regex`` patterns.
    """

    in_reply: Sequence[Pattern] = ()
    in_context: Sequence[Pattern] = ()
    at_least: int = 1


#: Keys every phrase-based type accepts.
MATCHING_KEYS: dict[str, Key] = {
    "ignorecase": Key("bool", default=True, help="match regardless of case"),
    "word-boundaries": Key("bool", default=True, help="phrases match whole words only"),
    "exceptions": Key(
        "phrases", default=(), help="a match inside one of these phrases is not reported"
    ),
    "sentence-exceptions": Key(
        "phrases",
        default=(),
        help="a match in a sentence that holds one of these phrases anywhere is not reported "
        "(\"cancelled as you requested\": the request may come before or after the match)",
    ),
    "skip-in": Key(
        "choices",
        default=(),
        choices=("question", "conditional"),
        help="a match asked about in a yes/no question or supposed in a conditional clause is not reported "
        "(see cslint.checks.clauses)",
    ),
    "text": Key(
        "choice",
        default="prose",
        choices=("prose", "raw"),
        help="what the rule reads: prose (placeholders, links, code and quoted history blanked) "
        "or raw (the reply as written, only quoted history blanked; for rules about placeholders)",
    ),
}


#: How far (characters) around a match an exception phrase may start or end.
EXCEPTION_REACH = 200


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
        self._exceptions = self.compile(options["exceptions"]) if options.get("exceptions") else None
        self._in_sentence = self.compile(options["sentence-exceptions"]) if options.get("sentence-exceptions") else None

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        """A problem between keys that each look valid alone (checked at load time)."""
        return None

    @property
    def applicability(self) -> str:
        """``safe``, ``unsafe`` or ``none``: whether ``--fix`` may apply replacements."""
        return str(self.options.get("fix", "safe"))

    def compile(self, entries: Sequence[str]) -> Pattern:
        """Compile phrase entries (see :mod:`cslint.checks.patterns`) with this rule's
        matching options: one pattern that matches any of them."""
        return patterns.compile_entries(
            entries,
            ignorecase=self.options.get("ignorecase", True),
            word_boundaries=self.options.get("word-boundaries", True),
        )

    @property
    def reads_raw(self) -> bool:
        """True when the rule reads the reply as written (the ``text: raw`` key)."""
        return self.options.get("text") == "raw"

    def reply_text(self, prose: Prose) -> str:
        """The reply as this rule reads it (see the ``text`` key)."""
        return prose.raw if self.reads_raw and prose.raw else prose.text

    def needs(self) -> Needs | None:
        """What every finding of this rule needs to match; None (the default) when the
        rule may report without any match (a measure, a minimum count).

        A statement about the rule, not a setting: the prefilter reads the patterns'
        regular expressions and skips the rule on a reply where none of them can match,
        which is most rules on most replies. Without it the rule runs on every reply,
        which is always correct, only slower."""
        return None

    def find(self, prose: Prose) -> Iterable[Finding]:  # pragma: no cover - abstract
        """The rule's findings in one reply, in any iterable (a generator is fine)."""
        raise NotImplementedError

    def excepted(self, text: str, start: int, end: int) -> bool:
        """True when an exception phrase covers ``text[start:end]``.

        Exceptions are looked for from the line that starts ``EXCEPTION_REACH`` characters
        before the span to the line break that follows it by as much, so a check costs the
        same in a megabyte reply as in a short one (a window ends at a line break, never
        inside a word, so no lookahead sees a false end of text; a look-behind sees the
        text before the window). A line break is looked for only two reaches further: a
        longer line (a whole reply on one line, as in many exports) is cut at a space
        there instead, or else each check would read the whole line, and a line full of
        findings would take time growing with its square.

        A sentence exception is looked for in the span's sentence only, before or after
        the span. As an exception that must cover the span, the same condition needs a
        pattern from the sentence's start ("[^.!?]*as requested[^.!?]*"), which has no
        fixed start for the prefilter and is tried at every character of the window.
        """
        if self._in_sentence is not None:
            low, high = sentences.around(text, start)
            if next(iter(patterns.finditer(self._in_sentence, text, low, max(high, end))), None) is not None:
                return True
        if self._exceptions is None:
            return False
        reach = EXCEPTION_REACH
        edge, far = max(0, start - reach), max(0, start - 3 * reach)
        low = text.rfind("\n", far, edge) + 1
        if not low and far:  # no line break near enough: a long line
            low = text.rfind(" ", far, edge) + 1 or far
        edge, far = end + reach, end + 3 * reach
        high = text.find("\n", edge, far)
        if high < 0:
            high = len(text) if far >= len(text) else text.find(" ", edge, far)
            if high < 0:
                high = far
        for m in patterns.finditer(self._exceptions, text, low, high):
            if m.start() > start:
                break
            if m.end() >= end:
                return True
        return False

    def matches(self, pattern: Pattern, text: str) -> Iterator[regex.Match[str]]:
        """Matches of ``pattern`` that no exception covers (nor, with ``skip-in``, a
        question or a conditional clause)."""
        skip = self.options.get("skip-in")
        for m in patterns.finditer(pattern, text):
            if (self._exceptions is not None or self._in_sentence is not None) and self.excepted(text, m.start(), m.end()):
                continue
            if skip:
                from . import clauses  # (only rules with skip-in, and only on a match)

                if clauses.hypothetical(text, m.start(), m.end(), skip):
                    continue
            yield m
