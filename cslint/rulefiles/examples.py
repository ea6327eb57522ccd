"""Run a rule's own examples: every ``flag`` text must be reported, every ``pass`` text not.

The test suite runs them for every shipped rule, and ``cslint check-rules`` runs them for
a team's own rules, so a rule's examples are its executable specification.

As in LanguageTool's rule examples, a ``flag`` text may mark what it expects, so that an
example fails when the rule reports the wrong words, not only when it reports nothing:

* ``<<as I said>>`` marks a span the rule must report. When a text has marks, the rule's
  findings in it must be exactly the marked spans (one finding per mark).
* ``<<utilize => use>>`` also states the fix: applying the rule's fixes (safe and unsafe
  alike) must turn the text into the one with every such mark replaced by its right side.

The marks are taken out before the text is linted.

An example of a library rule (:mod:`cslint.checks.library`) is a small library: a line
holding only ``---`` separates its macros, and the rule judges them together.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..checks.library import LibraryCheck
from ..config import Config
from ..diagnostic import Item
from ..engine.linter import Linter
from ..fix.apply import apply
from ..sources.document import Segment, SourceFile
from .parse import Rule

#: A marked span: the flagged text, then optionally `` => `` and its expected replacement.
#: A mark closes at the last ``>>`` of a run, so a span may end in ``>`` (``<<@<user>>>``).
_MARK = re.compile(r"<<(.*?)(?: => (.*?))?>>(?!>)", re.DOTALL)
#: What separates the macros of a library rule's example: a line of its own.
_MACRO_BREAK = re.compile(r"^---[ \t]*(?:\r?\n|$)", re.MULTILINE)


class Marked(NamedTuple):
    """A ``flag`` example with its marks read."""

    #: The example as it is linted, without its marks.
    text: str
    #: The marked spans of ``text``, in order.
    spans: tuple[tuple[int, int], ...]
    #: The text once the rule's fixes are applied, when a mark states a fix.
    fixed: str | None


def unmark(example: str) -> Marked:
    """Read the marks of an example.

    >>> unmark("Please <<utilize => use>> the app, <<as I said>>.")
    Marked(text='Please utilize the app, as I said.', spans=((7, 14), (24, 33)), fixed='Please use the app, as I said.')
    >>> unmark("No marks here.")
    Marked(text='No marks here.', spans=(), fixed=None)
    """
    text: list[str] = []
    fixed: list[str] = []
    spans: list[tuple[int, int]] = []
    states_fix = False
    done = length = 0
    for mark in _MARK.finditer(example):
        before = example[done:mark.start()]
        text += [before, mark[1]]
        fixed += [before, mark[1] if mark[2] is None else mark[2]]
        spans.append((length + len(before), length + len(before) + len(mark[1])))
        length += len(before) + len(mark[1])
        states_fix = states_fix or mark[2] is not None
        done = mark.end()
    text.append(example[done:])
    fixed.append(example[done:])
    return Marked("".join(text), tuple(spans), "".join(fixed) if states_fix else None)


def segments(text: str, library: bool) -> list[Segment]:
    r"""The replies of an example: the whole text, or for a library rule each macro between
    ``---`` lines, named by its number (the macros' offsets are those of the text).

    >>> [(s.text, s.origin, s.item.id) for s in segments("Hi.\n---\nBye.", True)]
    [('Hi.\n', 0, '1'), ('Bye.', 8, '2')]
    """
    if not library:
        return [Segment(text)]
    starts = [0, *(m.end() for m in _MACRO_BREAK.finditer(text))]
    ends = [*(m.start() for m in _MACRO_BREAK.finditer(text)), len(text)]
    return [Segment(text[s:e], s, Item(str(n), None)) for n, (s, e) in enumerate(zip(starts, ends), 1)]


def _span(source: SourceFile, line: int, column: int) -> int:
    return source.line_bounds(line)[0] + column - 1


def problems(rule: Rule) -> list[str]:
    """What is wrong with the rule's examples (empty when they all behave)."""
    linter = Linter([rule], Config(select=(rule.code,)))
    out: list[str] = []
    for expected, examples in (("flag", rule.examples_flag), ("pass", rule.examples_pass)):
        for i, example in enumerate(examples, 1):
            marked = unmark(example)
            where = f"{rule.path}: {rule.code} {expected} example {i}"
            if "<<" in marked.text or ">>" in marked.text:
                out.append(f"{where} has a '<<' without its '>>' (or the reverse): {example!r}")
                continue
            if expected == "pass" and marked.spans:
                out.append(f"{where} marks a span, but a 'pass' example has nothing to report: {example!r}")
                continue
            text = marked.text
            source = SourceFile("<example>", text)
            replies = segments(text, isinstance(rule.check, LibraryCheck))
            found = [d for d in linter.lint_segments(source, replies) if d.code == rule.code]
            if expected == "flag" and not found:
                out.append(f"{rule.path}: {rule.code} does not flag its 'flag' example {i}: {example!r}")
            elif expected == "pass" and found:
                out.append(f"{rule.path}: {rule.code} flags its 'pass' example {i} at column {found[0].column}: {example!r}")
            if expected == "pass" or not found:
                continue
            spans = sorted((_span(source, d.line, d.column), _span(source, d.end_line, d.end_column)) for d in found)
            if marked.spans and spans != sorted(marked.spans):
                shown = ", ".join(repr(text[s:e]) for s, e in spans)
                out.append(f"{where} reports {shown}, not what its marks say: {example!r}")
            if marked.fixed is not None:
                fixed, _ = apply(text, [d.fix for d in found if d.fix is not None])
                if fixed != marked.fixed:
                    out.append(f"{where}: the fix gives {fixed!r}, the marks say {marked.fixed!r}")
    return out
