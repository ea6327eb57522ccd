"""Counts over a run: the closing ``Found ...`` line, ``--statistics`` and ``--count``.

These are about the run, not one format, so every output format gets them the same way;
the command line prints them outside the report so a SARIF or JSON file stays valid.
"""
from __future__ import annotations

from collections import Counter

from ..diagnostic import SEVERITY_RANK, Diagnostic


def _counted(n: int, severity: str) -> str:
    """``2 warnings``, ``1 error``, ``3 info`` (a mass noun, as in "3 info findings")."""
    return f"{n} {severity}{'s' * (n != 1 and severity != 'info')}"


class Tally:
    """Diagnostics counted by code, by severity, and by whether ``--fix`` could fix them."""

    def __init__(self) -> None:
        self.by_code: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.fixable: Counter[str] = Counter()

    def add(self, d: Diagnostic) -> None:
        self.by_code[d.code] += 1
        self.by_severity[d.severity] += 1
        self.names.setdefault(d.code, d.rule)
        if d.fix is not None:
            self.fixable[d.fix.applicability] += 1

    @property
    def total(self) -> int:
        return sum(self.by_code.values())

    def at_least(self, severity: str) -> int:
        """How many diagnostics are at ``severity`` or more serious."""
        rank = SEVERITY_RANK[severity]
        return sum(n for s, n in self.by_severity.items() if SEVERITY_RANK[s] >= rank)

    def found(self, tried: tuple[str, ...] = ()) -> str:
        """The closing line; it points at ``--fix`` for the fixes not ``tried`` in this run.

        >>> t = Tally()
        >>> t.found()
        ''
        >>> for sev in ("warning", "error", "warning"):
        ...     t.add(Diagnostic("a", 1, 1, 1, 2, "CS101", "x", "respect", sev, "m"))
        >>> t.found()
        'Found 3 problems (1 error, 2 warnings).'
        """
        total = self.total
        if not total:
            return ""
        detail = ", ".join(_counted(self.by_severity[s], s) for s in SEVERITY_RANK if self.by_severity[s])
        text = f"Found {total} problem{'s' * (total != 1)} ({detail})."
        safe, unsafe = (0 if kind in tried else self.fixable[kind] for kind in ("safe", "unsafe"))
        hints = [f"{safe} fixable with --fix"] if safe else []
        if unsafe:
            hints.append(f"{unsafe} {'more ' if safe else ''}fixable with --fix --unsafe-fixes")
        if hints:
            text += f" {', '.join(hints)}."
        return text

    def statistics(self) -> str:
        """One line per code, as flake8 prints them: count, code, rule name.

        >>> t = Tally()
        >>> for code in ("CS201", "CS101", "CS201"):
        ...     t.add(Diagnostic("a", 1, 1, 1, 2, code, f"rule-{code}", "p", "info", "m"))
        >>> print(t.statistics(), end="")
        1     CS101 rule-CS101
        2     CS201 rule-CS201
        """
        return "".join(f"{self.by_code[c]:<5} {c} {self.names[c]}\n" for c in sorted(self.by_code))
