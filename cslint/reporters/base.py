"""The reporter contract: diagnostics in, text on a stream out.

Reporters get every diagnostic through :meth:`Reporter.handle` as soon as it is found
(line formats stream), and :meth:`Reporter.finish` once at the end (formats that are one
document, such as JSON or SARIF, write then). :meth:`Reporter.start` comes before the
diagnostics of each file that was read, so a format can show source lines or count the
files that passed. Logs and errors never go through a reporter.

Every format writes valid UTF-8: a lone surrogate in a finding (from a JSON escape in a
reply) or in a file name that is not UTF-8 is written as ``\\udXXX``
(:func:`printable_diagnostic`), the same text in every format.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO, ClassVar, TextIO

from ..diagnostic import Diagnostic, Item
from ..rulefiles.parse import Rule
from ..sources.document import SourceFile


@dataclass(frozen=True)
class ReportOptions:
    #: The rules of the run (SARIF describes them; ``--statistics`` names them).
    rules: Sequence[Rule] = ()
    #: ``--show-source``: print the flagged line and a caret under the span (human formats).
    show_source: bool = False
    #: ``--unsafe-fixes``: findings with an unsafe fix are marked fixable too.
    unsafe_fixes: bool = False
    #: ``--fix`` ran: what is left was tried, and is not marked fixable.
    fixed: bool = False
    #: The output file opened for bytes, for a format that is a binary file
    #: (:attr:`Reporter.binary`); such a format writes nothing to its text stream.
    output: BinaryIO | None = None


#: A code point UTF-8 cannot carry: half of a surrogate pair, alone.
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    r"""``text`` with each lone surrogate written as the six characters ``\udXXX``, so
    that every format writes valid UTF-8. Such code points come from a JSON escape
    (``"\ud800"``) in a reply or a macro title, and from a file name that is not UTF-8
    (Python keeps its bytes as ``\udc80`` to ``\udcff``: the byte 0xE9 shows as ``\udce9``).

    >>> printable("[INSERT \ud800 NAME] in caf\udce9.txt")
    '[INSERT \\ud800 NAME] in caf\\udce9.txt'
    """
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable_diagnostic(d: Diagnostic) -> Diagnostic:
    """``d`` with every text :func:`printable` (``d`` itself when they all are)."""
    item, fix = d.item, d.fix
    texts = [d.path, d.code, d.rule, d.principle, d.message]
    if item is not None:
        texts += [item.id or "", item.title or ""]
    if fix is not None:
        texts += [fix.replacement, fix.encoded]
    if not any(_SURROGATE.search(text) for text in texts):
        return d
    if item is not None:
        item = Item(item.id and printable(item.id), item.title and printable(item.title))
    if fix is not None:
        fix = replace(fix, replacement=printable(fix.replacement), encoded=printable(fix.encoded))
    return replace(d, path=printable(d.path), code=printable(d.code), rule=printable(d.rule),
                   principle=printable(d.principle), message=printable(d.message), item=item, fix=fix)


#: Lines longer than this are shown as a window around the flagged span (``--show-source``).
SHOWN_LINE = 160
#: Characters of such a line shown on each side of the span.
SHOWN_AROUND = 40


class Reporter:
    name: ClassVar[str]
    #: The format is a binary file (Parquet), written to :attr:`ReportOptions.output`:
    #: the command line refuses it without ``--output-file``.
    binary: ClassVar[bool] = False

    @classmethod
    def missing(cls) -> str | None:
        """What this format needs that is not installed (a library of an optional extra),
        said to the user in one line; None when it can be used."""
        return None

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReportOptions()
        self.source: SourceFile | None = None

    def start(self, source: SourceFile) -> None:
        """Called with each file read, before its diagnostics."""
        self.source = source

    def handle(self, diagnostic: Diagnostic) -> None:
        """Called once per diagnostic, in output order."""

    def finish(self) -> None:
        """Called once after the last diagnostic."""

    def fixable(self, d: Diagnostic) -> bool:
        """Whether ``--fix`` (with ``--unsafe-fixes`` if given) would fix this finding; the
        human formats mark it ``[*]``, as ruff does."""
        options = self.options
        return d.fix is not None and not options.fixed and (d.fix.applicability == "safe" or options.unsafe_fixes)

    def snippet(self, d: Diagnostic, indent: str = "") -> str:
        """With ``--show-source``: the flagged line and carets under the flagged span, as
        flake8 and ruff print them (tabs before the span are kept so the carets line up).
        Empty without the option or when the file's text is not at hand.

        A line longer than :data:`SHOWN_LINE` characters (a reply written on one line) is
        shown as a window from :data:`SHOWN_AROUND` characters before the span to as many
        after it, at most :data:`SHOWN_LINE` long, with '…' where it is cut: printed
        whole under each of its findings, it would make the output grow with the square
        of the line."""
        source = self.source
        if not self.options.show_source or source is None or source.path != d.path:
            return ""
        line_start, line_end = source.line_bounds(d.line)
        length = line_end - line_start
        first = d.column - 1
        stop = d.end_column - 1 if d.end_line == d.line else length
        low, high = 0, length
        if length > SHOWN_LINE:
            low = max(0, first - SHOWN_AROUND)
            high = min(length, max(stop, first + 1) + SHOWN_AROUND, low + SHOWN_LINE)
        text = source.text[line_start + low : line_start + high]
        before = "…" if low else ""
        after = "…" if high < length else ""
        lead = " " * len(before) + "".join(c if c == "\t" else " " for c in text[: first - low])
        carets = "^" * max(1, min(stop, high) - first)
        return printable(f"{indent}{before}{text}{after}\n{indent}{lead}{carets}\n")


class DocumentReporter(Reporter):
    """A format that is one document (JSON, SARIF, JUnit XML): it keeps the diagnostics and
    writes everything in :meth:`finish`."""

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(stream, options)
        self.diagnostics: list[Diagnostic] = []

    def handle(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
