"""``default``: one line per finding, ``path:line:col: CODE message``, as flake8 prints.

Editors and CI log parsers already understand this shape. Findings inside a macro library
name the macro, so a team can find it in their helpdesk; a finding ``--fix`` would fix has
``[*]`` after its code, as ruff prints it.
"""
from __future__ import annotations

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic


def described(d: Diagnostic) -> str:
    """The message, and the macro it was found in when the file holds many.

    >>> from cslint.diagnostic import Item
    >>> described(Diagnostic("a.csv", 2, 5, 2, 9, "CS101", "x", "respect", "warning", "Avoid it", Item("7", None)))
    'Avoid it [macro: #7]'
    """
    if d.item is not None and d.item.label():
        return f"{d.message} [macro: {d.item.label()}]"
    return d.message


def line(d: Diagnostic) -> str:
    """
    >>> from cslint.diagnostic import Item
    >>> line(Diagnostic("a.txt", 2, 5, 2, 9, "CS101", "x", "respect", "warning", "Avoid it", Item("7", "Refund")))
    'a.txt:2:5: CS101 Avoid it [macro: Refund]'
    """
    return f"{d.path}:{d.line}:{d.column}: {d.code} {described(d)}"


class DefaultReporter(Reporter):
    name = "default"

    def handle(self, diagnostic: Diagnostic) -> None:
        d = printable_diagnostic(diagnostic)
        mark = " [*]" if self.fixable(diagnostic) else ""
        self.stream.write(f"{d.path}:{d.line}:{d.column}: {d.code}{mark} {described(d)}\n" + self.snippet(diagnostic))


REPORTER = DefaultReporter
