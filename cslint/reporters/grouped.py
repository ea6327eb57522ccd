"""``grouped``: the file name once, then its findings indented, for people reading a run.

A macro library with dozens of findings reads better as one block per file than as lines
that all repeat the same long path.
"""
from __future__ import annotations

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic
from .default import described


class GroupedReporter(Reporter):
    name = "grouped"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._path: str | None = None

    def handle(self, diagnostic: Diagnostic) -> None:
        d = printable_diagnostic(diagnostic)
        if d.path != self._path:
            self.stream.write(("\n" if self._path is not None else "") + f"{d.path}:\n")
            self._path = d.path
        self.stream.write(f"  {d.line}:{d.column}  {d.code} {described(d)}\n" + self.snippet(diagnostic, "    "))


REPORTER = GroupedReporter
