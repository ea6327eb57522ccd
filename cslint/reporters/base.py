"""The reporter contract: diagnostics in, text on a stream out.

Reporters get every diagnostic through :meth:`Reporter.handle` as soon as it is found
(line formats stream), and :meth:`Reporter.finish` once at the end (formats that are one
document, such as JSON or SARIF, write then). :meth:`Reporter.start` comes before the
diagnostics of each file that was read, so a format can show source lines or count the
files that passed. Logs and errors never go through a reporter.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TextIO

from ..diagnostic import Diagnostic
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


#: Lines longer than this are shown as a window around the flagged span (``--show-source``).
SHOWN_LINE = 160
#: Characters of such a line shown on each side of the span.
SHOWN_AROUND = 40


class Reporter:
    name: ClassVar[str]

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
        return f"{indent}{before}{text}{after}\n{indent}{lead}{carets}\n"


class DocumentReporter(Reporter):
    """A format that is one document (JSON, SARIF, JUnit XML): it keeps the diagnostics and
    writes everything in :meth:`finish`."""

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(stream, options)
        self.diagnostics: list[Diagnostic] = []

    def handle(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
