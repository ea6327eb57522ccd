"""cslint's places and findings as the Language Server Protocol states them.

cslint counts lines (ended by CR, LF or CRLF, as LSP ends them too) and columns in
characters (code points). LSP counts columns in the code units of the encoding client and
server agreed on: UTF-16 unless the client offers another. An emoji before a finding is
one column to cslint and two to an editor speaking UTF-16, so every column goes through
:class:`Positions`, which knows the buffer's lines.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

from lsprotocol import types

from ..diagnostic import Diagnostic
from ..reporters.default import described
from ..rulefiles import plugins
from ..rulefiles.parse import Rule
from ..schema import SchemaError
from ..sources.document import SourceFile

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding`` (``utf-8``, ``utf-16``, ``utf-32``).

    >>> units("a😀b", "utf-16"), units("a😀b", "utf-8"), units("a😀b", "utf-32")
    (4, 6, 3)
    """
    if text.isascii() or encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if c > "\uffff")  # (beyond the BMP: a surrogate pair)


#: The characters that take more than one code unit, by encoding.
_WIDE = {"utf-8": re.compile(r"[^\x00-\x7f]"), "utf-16": re.compile(r"[\U00010000-\U0010ffff]")}


class Positions:
    """LSP positions in one buffer, in the agreed encoding.

    Each line is looked at once: where it starts and ends, and where its characters of
    more than one code unit stand, so a position is a binary search even in a buffer of
    one long line with thousands of findings."""

    def __init__(self, source: SourceFile, encoding: str) -> None:
        self.source = source
        self.encoding = encoding
        #: The number of the buffer's last line (1-based); a buffer ending with a line
        #: break has an empty line after it.
        self.last_line = source.position(len(source.text))[0]
        self._wide = None if source.text.isascii() else _WIDE.get(encoding)
        self._lines: dict[int, tuple[int, int, list[int], list[int]]] = {}

    def _line(self, line: int) -> tuple[int, int, list[int], list[int]]:
        """Where a 1-based line starts and ends; the columns (0-based) of its characters
        of more than one unit, and the units they add, summed up to each of them."""
        known = self._lines.get(line)
        if known is None:
            start, end = self.source.line_bounds(line)
            columns: list[int] = []
            added: list[int] = []
            if self._wide is not None:
                total = 0
                for m in self._wide.finditer(self.source.text, start, end):
                    total += units(m.group(), self.encoding) - 1
                    columns.append(m.start() - start)
                    added.append(total)
            known = self._lines[line] = (start, end, columns, added)
        return known

    def _units(self, line: int, column: int) -> int:
        """The units before the 0-based ``column`` of a line."""
        _, _, columns, added = self._line(line)
        wide = bisect_left(columns, column)
        return column + (added[wide - 1] if wide else 0)

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based cslint ``line`` and ``column``; a place past the
        end of its line (or of the buffer) is its end."""
        if line > self.last_line:
            line, column = self.last_line, len(self.source.text) + 1
        line = max(line, 1)
        start, end, _, _ = self._line(line)
        return types.Position(line=line - 1, character=self._units(line, min(max(column - 1, 0), end - start)))

    def at(self, offset: int) -> types.Position:
        """The LSP position of a character offset in the buffer."""
        return self.position(*self.source.position(offset))

    def range(self, d: Diagnostic) -> types.Range:
        return types.Range(start=self.position(d.line, d.column), end=self.position(d.end_line, d.end_column))

    def span(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.at(start), end=self.at(end))

    def offset(self, position: types.Position) -> int:
        """The character offset of an LSP position: of the first character that starts
        at or after it (a column past its line's end is the end of the line; a line past
        the buffer's end, the end of the buffer)."""
        if position.line + 1 > self.last_line:
            return len(self.source.text)
        line = position.line + 1
        start, end, _, _ = self._line(line)
        column = bisect_left(range(end - start + 1), position.character, key=lambda c: self._units(line, c))
        return start + column


def doc_link(rule: Rule) -> str:
    """Where a rule is explained: its own ``link``, else its section of the rule reference
    (``docs/rules.md``, where that page stands beside the shipped rules, as in a source
    checkout), else the rule file itself, whose description and examples say it all."""
    if rule.link:
        return rule.link
    path = Path(rule.path).absolute()
    shipped = plugins.default_rules_dir()
    reference = shipped.parent / "docs" / "rules.md"
    if path.is_relative_to(shipped) and reference.is_file():
        return f"{reference.as_uri()}#{rule.code.lower()}-{rule.name.lower()}"
    return path.as_uri()


def diagnostic(d: Diagnostic, positions: Positions, rule: Rule | None) -> types.Diagnostic:
    """One finding as the editor shows it: its exact range, the macro it is in named in
    the message, and the rule's code linked to its documentation."""
    return types.Diagnostic(
        range=positions.range(d),
        message=described(d),
        severity=SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=doc_link(rule)) if rule is not None else None,
        source="cslint",
    )


def problem_range(problem: SchemaError) -> types.Range:
    """The whole line of a rule or configuration file a problem names (its first when it
    names none)."""
    line = max((problem.line or 1) - 1, 0)
    return types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line + 1, character=0))


def problem_text(problem: SchemaError) -> str:
    return f"{problem.key!r}: {problem.problem}" if problem.key else problem.problem


def file_problem(problem: SchemaError) -> types.Diagnostic:
    """A rule file (or configuration file) cslint cannot use, shown on that file."""
    return types.Diagnostic(range=problem_range(problem), message=problem_text(problem),
                            severity=types.DiagnosticSeverity.Error, source="cslint")


def not_linted(problem: SchemaError) -> types.Diagnostic:
    """What a buffer shows while the rules or configuration it needs cannot be used."""
    where = types.Location(uri=Path(problem.path).absolute().as_uri(), range=problem_range(problem))
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        message=f"not linted: {problem}", severity=types.DiagnosticSeverity.Error, source="cslint",
        related_information=[types.DiagnosticRelatedInformation(location=where, message=problem_text(problem))],
    )


def more(count: int, positions: Positions) -> types.Diagnostic:
    """The last diagnostic of a buffer with more findings than an editor is sent."""
    end = positions.at(len(positions.source.text))
    return types.Diagnostic(
        range=types.Range(start=end, end=end), severity=types.DiagnosticSeverity.Information, source="cslint",
        message=f"{count:,} more findings are not shown here; run cslint on the file to see them all",
    )
