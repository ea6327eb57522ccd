"""The one record every stage agrees on: what was found, where, and how to fix it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
Applicability = Literal["safe", "unsafe"]

#: Severities from the most to the least serious; ``--fail-level`` compares by this order.
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}
SEVERITIES: tuple[str, ...] = tuple(SEVERITY_RANK)


@dataclass(frozen=True, slots=True)
class Item:
    """The macro (saved reply, canned response) a diagnostic belongs to.

    Files that hold many replies name each one, so a team can find the macro in their
    helpdesk and not only the line in an export.
    """

    id: str | None
    title: str | None

    def label(self) -> str:
        return self.title or (f"#{self.id}" if self.id is not None else "")


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement for the flagged span.

    ``start`` and ``end`` are character offsets into the decoded source file and ``encoded``
    is the replacement escaped for its container (a JSON string, a CSV field, HTML), so the
    fixer splices it in without re-parsing or re-serialising anything else in the file.
    ``replacement`` is the same text as the customer would read it.
    """

    start: int
    end: int
    replacement: str
    encoded: str
    applicability: Applicability = "safe"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. Lines and columns are 1-based and counted in characters (code points);
    ``end_line``/``end_column`` point just past the flagged text, as in SARIF and LSP."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    principle: str
    severity: Severity
    message: str
    item: Item | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """The documented JSON shape (docs/output.md); ``score.py`` and CI tools read it."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "principle": self.principle,
            "severity": self.severity,
            "message": self.message,
            "item": None if self.item is None else {"id": self.item.id, "title": self.item.title},
            "fix": None
            if self.fix is None
            else {"replacement": self.fix.replacement, "applicability": self.fix.applicability},
        }
