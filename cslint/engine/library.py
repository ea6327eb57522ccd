"""The library pass: once every file of a run is read, each library rule judges what it
observed in all of them (:mod:`cslint.checks.library`), and its verdicts become
diagnostics at the observed spans.

It runs in the process that reports, after the files' own diagnostics: the observations
come back from the worker processes with each file's diagnostics, in the order of the
files, so ``-j 1`` and ``-j N`` judge the same list. What a rule can work out of the
observations before the last file is in is worked out as they come in (:class:`Library`).
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
    library = Library(rules)
    library.add(observed)
    return library.judged()


class Library:
    """The library pass over a run whose files come in one after the other: each file's
    observations are added as they come in (in file order), and what the rules can
    work out of them before the last file is in (:meth:`LibraryCheck.gather`) is worked
    out then, in the process that reports, while the workers lint the other files."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = [rule for rule in rules if isinstance(rule.check, LibraryCheck)]
        #: Each rule's observations so far, and what it gathered of them.
        self._observed: list[list[Observed]] = [[] for _ in self._rules]
        self._gathered: list[object] = [None for _ in self._rules]

    def add(self, observed: Sequence[Observed]) -> None:
        """The observations of one file (or of several, in file order)."""
        by_code: dict[str, list[Observed]] = {}
        for o in observed:
            by_code.setdefault(o.code, []).append(o)
        for k, rule in enumerate(self._rules):
            mine = by_code.get(rule.code)
            if mine:
                assert isinstance(rule.check, LibraryCheck)
                self._gathered[k] = rule.check.gather([o.value for o in mine], self._gathered[k])
                self._observed[k].extend(mine)

    def judged(self) -> list[Judged]:
        """The findings of the library rules on every observation added (see :func:`judged`)."""
        out: list[Judged] = []
        for rule, mine, gathered in zip(self._rules, self._observed, self._gathered):
            if not mine:
                continue
            assert isinstance(rule.check, LibraryCheck)
            for verdict in rule.check.judge_gathered(mine, gathered):
                o = mine[verdict.at]
                if o.suppressed:
                    continue
                d = Diagnostic(o.path, o.line, o.column, o.end_line, o.end_column, rule.code, rule.name,
                               rule.principle, rule.severity, rule.format_message(verdict.fields), o.item)  # type: ignore[arg-type]
                out.append(Judged(d, verdict.fields, tuple(mine[i] for i in verdict.related), o))
        out.sort(key=lambda j: j.diagnostic.sort_key())
        return out
