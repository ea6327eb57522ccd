"""The library pass: once every file of a run is read, each library rule judges what it
observed in all of them (:mod:`cslint.checks.library`), and its verdicts become
diagnostics at the observed spans.

It runs in the process that reports, after the files' own diagnostics: the observations
come back from the worker processes with each file's diagnostics, in the order of the
files, so ``-j 1`` and ``-j N`` judge the same list.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from ..checks.library import LibraryCheck, Observed
from ..diagnostic import Diagnostic
from ..rulefiles.parse import Rule


class Judged(NamedTuple):
    """A library finding, with what made it: the rule's message fields and the other
    observations it is about (:attr:`cslint.checks.library.Verdict.related`)."""

    diagnostic: Diagnostic
    fields: Mapping[str, object]
    related: tuple[Observed, ...]
    #: The observation reported.
    observed: Observed


def judge(rules: Iterable[Rule], observed: Sequence[Observed]) -> list[Diagnostic]:
    """The diagnostics of the library ``rules`` on the ``observed`` spans, sorted by
    position (:func:`judged`, without what made them)."""
    return [j.diagnostic for j in judged(rules, observed)]


def judged(rules: Iterable[Rule], observed: Sequence[Observed]) -> list[Judged]:
    """The findings of the library ``rules`` on the ``observed`` spans, sorted by the
    position of their diagnostics. A rule judges only its own observations; one reported
    where a suppression comment covers it is left out."""
    by_code: dict[str, list[Observed]] = {}
    for o in observed:
        by_code.setdefault(o.code, []).append(o)
    out: list[Judged] = []
    for rule in rules:
        mine = by_code.get(rule.code)
        if not mine or not isinstance(rule.check, LibraryCheck):
            continue
        for verdict in rule.check.judge(mine):
            o = mine[verdict.at]
            if o.suppressed:
                continue
            d = Diagnostic(o.path, o.line, o.column, o.end_line, o.end_column, rule.code, rule.name,
                           rule.principle, rule.severity, rule.format_message(verdict.fields), o.item)  # type: ignore[arg-type]
            out.append(Judged(d, verdict.fields, tuple(mine[i] for i in verdict.related), o))
    out.sort(key=lambda j: j.diagnostic.sort_key())
    return out
