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
from ..document import SourceFile
from ..rulefile import Rule


@dataclass(frozen=True)
class ReportOptions:
    #: The rules of the run (SARIF describes them; ``--statistics`` names them).
    rules: Sequence[Rule] = ()
    #: ``--show-source``: print the flagged line and a caret under the span (human formats).
    show_source: bool = False


class Reporter:
    name: ClassVar[str]
    description: ClassVar[str] = ""

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

    def snippet(self, d: Diagnostic, indent: str = "") -> str:
        """With ``--show-source``: the flagged line and carets under the flagged span, as
        flake8 and ruff print them (tabs before the span are kept so the carets line up).
        Empty without the option or when the file's text is not at hand."""
        source = self.source
        if not self.options.show_source or source is None or source.path != d.path:
            return ""
        text = source.line_text(d.line)
        lead = "".join(c if c == "\t" else " " for c in text[: d.column - 1])
        stop = d.end_column if d.end_line == d.line else len(text) + 1
        return f"{indent}{text}\n{indent}{lead}{'^' * max(1, stop - d.column)}\n"


class DocumentReporter(Reporter):
    """A format that is one document (JSON, SARIF, JUnit XML): it keeps the diagnostics and
    writes everything in :meth:`finish`."""

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(stream, options)
        self.diagnostics: list[Diagnostic] = []

    def handle(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
