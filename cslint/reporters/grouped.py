"""``grouped``: the file name once, then its findings by macro, in aligned columns, for
people reading a run.

A macro library with dozens of findings reads better as one block per file, and within it
one block per macro, than as lines that all repeat the same long path and macro title.
A file's findings are kept until the next file (or the end), so the positions and codes
line up in columns.
"""
from __future__ import annotations

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic


class GroupedReporter(Reporter):
    name = "grouped"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._started = False
        #: The current file's findings: each with its mark and its --show-source lines
        #: (taken when it comes, while its file's text is at hand).
        self._held: list[tuple[Diagnostic, str, str]] = []

    def handle(self, diagnostic: Diagnostic) -> None:
        d = printable_diagnostic(diagnostic)
        if self._held and self._held[0][0].path != d.path:
            self._write()
        self._held.append((d, " [*]" if self.fixable(diagnostic) else "", self.snippet(diagnostic)))

    def finish(self) -> None:
        self._write()

    def _write(self) -> None:
        """The held file: its name, then each run of findings in one macro under the macro."""
        if not self._held:
            return
        held, self._held = self._held, []
        places = [f"{d.line}:{d.column}" for d, _, _ in held]
        width = max(map(len, places))
        code_width = max(len(d.code) + len(mark) for d, mark, _ in held)
        out = ["\n" if self._started else "", f"{held[0][0].path}:\n"]
        self._started = True
        label: str | None = None
        for (d, mark, snippet), place in zip(held, places):
            item = d.item.label() if d.item is not None else ""
            if item != label:
                label = item
                if item:
                    out.append(f"  [macro: {item}]\n")
            indent = "    " if item else "  "
            out.append(f"{indent}{place:<{width}}  {d.code + mark:<{code_width}}  {d.message}\n")
            out.extend(f"{indent}  {line}" for line in snippet.splitlines(keepends=True))
        self.stream.write("".join(out))


REPORTER = GroupedReporter
