"""The reporter contract: diagnostics in, text on a stream out.

Reporters get every diagnostic through :meth:`Reporter.handle` as soon as it is found
(line formats stream), and :meth:`Reporter.finish` once at the end (formats that are one
document, such as JSON or SARIF, write then). Logs and errors never go through a reporter.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, TextIO

from ..diagnostic import Diagnostic
from ..rulefile import Rule


@dataclass(frozen=True)
class ReportOptions:
    #: The rules of the run (SARIF describes them; ``--statistics`` names them).
    rules: Sequence[Rule] = ()


class Reporter:
    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReportOptions()

    def handle(self, diagnostic: Diagnostic) -> None:
        """Called once per diagnostic, in output order."""

    def finish(self) -> None:
        """Called once after the last diagnostic."""
