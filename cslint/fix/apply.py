"""Apply the fixes diagnostics carry, and write files back exactly as they were otherwise.

A support team's macro library is data their helpdesk imports, so a fix may change the
flagged words and nothing else: every other byte (line endings, byte-order mark, JSON
escapes, YAML and CSV quoting) stays as it was. Readers already escaped each replacement
for its container (``Fix.encoded``) and the engine only offers a fix where the flagged text
stands verbatim in the file, so fixing is splicing strings into the decoded file text and
encoding it back the way it was decoded.

Fixes are applied in rounds until none is left (a fix may reveal another), with a cap so
a pair of rules that undo each other cannot loop forever. A file is written atomically,
and only when it still holds what was read: a file edited during the run is left alone.
"""
from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from ..diagnostic import Diagnostic, Fix
from ..engine.linter import FIX_OUTSIDE, notice
from ..sources.document import Segment, SourceFile
from . import writeback
from .udiff import unified_diff

#: Rounds of fixing before giving up on reaching a text with no fix left.
MAX_ROUNDS = 10

Lint = Callable[[SourceFile], list[Diagnostic]]
#: The replies of a file, as its reader gives them (raises when it cannot read the file).
Read = Callable[[SourceFile], Iterable[Segment]]


def eligible(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``--fix`` applies this fix (unsafe ones only with ``--unsafe-fixes``)."""
    return fix is not None and (fix.applicability == "safe" or unsafe)


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Splice the encoded replacements into ``text``; a fix that overlaps one before it is
    skipped (the next round sees it again if it still applies). Returns the new text and
    the fixes applied.

    >>> f = lambda s, e, r: Fix(s, e, r, r)
    >>> text, done = apply("we will utilize it prior to Monday", [f(19, 27, "before"), f(8, 15, "use"), f(8, 18, "use it")])
    >>> text, [fix.replacement for fix in done]
    ('we will use it before Monday', ['use', 'before'])
    """
    parts: list[str] = []
    done = 0
    applied: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < done:
            continue
        parts.append(text[done:fix.start])
        parts.append(fix.encoded)
        done = fix.end
        applied.append(fix)
    parts.append(text[done:])
    return "".join(parts), applied


def _reply_span(segment: Segment, fix: Fix) -> tuple[int, int] | None:
    """Where a fix's file span lies in a reply, if it lies there verbatim."""
    origin = segment.origin
    if isinstance(origin, int):
        start, end = fix.start - origin, fix.end - origin
        inside = 0 <= start <= end <= len(segment.text)
    else:
        start, end = bisect_left(origin, fix.start), bisect_left(origin, fix.end)
        inside = end < len(origin) and origin[start] == fix.start and origin[end] == fix.end
    return (start, end) if inside and segment.is_verbatim(start, end) else None


def expected_replies(segments: Sequence[Segment], fixes: Iterable[Fix]) -> list[str] | None:
    """The reply texts the fixes should produce: each flagged span replaced by the
    replacement as the customer reads it. None when a fix lies verbatim in no reply."""
    # Replies are found by where they start in the file; a fix belongs to the last reply
    # starting at or before it (or, where replies nest or interleave, one further back).
    by_start = sorted(range(len(segments)), key=lambda i: _file_start(segments[i]))
    starts = [_file_start(segments[i]) for i in by_start]
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        for k in range(bisect_right(starts, fix.start) - 1, -1, -1):
            index = by_start[k]
            span = _reply_span(segments[index], fix)
            if span is not None:
                edits.setdefault(index, []).append((*span, fix.replacement))
                break
        else:
            return None
    return [_spliced(s.text, edits[i]) if i in edits else s.text for i, s in enumerate(segments)]


def _spliced(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) put in, the edits given from the last
    to the first (fixes that were applied never overlap): one pass over the reply, where
    splicing them in one at a time would copy a long reply once per fix."""
    pieces: list[str] = []
    cut = len(text)
    for start, end, replacement in edits:
        pieces += (text[end:cut], replacement)
        cut = start
    pieces.append(text[:cut])
    return "".join(reversed(pieces))


def _file_start(segment: Segment) -> int:
    origin = segment.origin
    return origin if isinstance(origin, int) else origin[0]


class Check:
    """Proof that fixed text reads as intended: read again, the file must hold the same
    replies (same macros, same order) whose texts differ only by the replacements.

    This is what keeps a fix from changing a file's structure when a replacement cannot be
    written in its container (a comma in an unquoted CSV field, ``: `` in a plain YAML
    scalar): such a fix is set aside and the finding stays reported.
    """

    def __init__(self, read: Read, path: str, encoding: str) -> None:
        self.read = read
        self.path = path
        self.encoding = encoding
        self._base: tuple[str, list[Segment] | None] | None = None

    def replies(self, text: str) -> list[Segment] | None:
        try:
            return list(self.read(SourceFile(self.path, text, self.encoding)))
        except Exception:  # noqa: BLE001 - any failure to read the fixed text means "not this fix"
            return None

    def holds(self, before: str, fixes: list[Fix]) -> bool:
        """Whether ``before`` with ``fixes`` applied reads as intended."""
        if self._base is None or self._base[0] != before:
            self._base = (before, self.replies(before))
        old, new = self._base[1], self.replies(apply(before, fixes)[0])
        if old is None or new is None or len(old) != len(new):
            return False
        texts = expected_replies(old, fixes)
        return texts is not None and all(
            n.text == t and (n.item, n.context, n.public) == (o.item, o.context, o.public)
            for o, n, t in zip(old, new, texts)
        )

    def settle(self, text: str, fixes: list[Fix]) -> tuple[str, list[Fix], list[Fix]]:
        """Apply the fixes that keep the file reading as intended: the new text, the fixes
        applied, and the fixes set aside. Bad fixes are found by halving, so a large file
        with one bad fix is read a few dozen times, not once per fix."""
        _, done = apply(text, fixes)
        good, bad = self._sort(text, done)
        if bad and good and not self.holds(text, good):  # good alone, bad together: keep none
            good, bad = [], done
        return apply(text, good)[0], good, bad

    def _sort(self, text: str, fixes: list[Fix]) -> tuple[list[Fix], list[Fix]]:
        if self.holds(text, fixes):
            return fixes, []
        if len(fixes) == 1:
            return [], fixes
        half = len(fixes) // 2
        good1, bad1 = self._sort(text, fixes[:half])
        good2, bad2 = self._sort(text, fixes[half:])
        return good1 + good2, bad1 + bad2


@dataclass(frozen=True)
class Outcome:
    """What fixing one file gives: the text before and after, and what is left."""

    source: SourceFile
    text: str
    applied: int
    #: Diagnostics of the text as read.
    found: list[Diagnostic]
    #: Diagnostics of the fixed text.
    remaining: list[Diagnostic]
    #: False when the rounds ran out while fixes were still being found.
    converged: bool = True
    #: Why the fixed text was not written, when it was not.
    error: str | None = None
    #: Fixes set aside because the file would not read as intended with them.
    rejected: int = 0
    #: Not written because the file resolves outside the paths the run was given.
    outside: bool = False

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    @property
    def fixed_source(self) -> SourceFile:
        return SourceFile(self.source.path, self.text, self.source.encoding)


def fix_source(
    source: SourceFile, lint: Lint, *, read: Read | None = None, unsafe: bool = False, max_rounds: int = MAX_ROUNDS,
) -> Outcome:
    """Lint, apply the eligible fixes, and lint again until no eligible fix is left.

    With ``read`` (the file's reader), every round is checked (:class:`Check`) and a fix
    that would change more than its reply's words is set aside.
    """
    found = diagnostics = lint(source)
    check = Check(read, source.path, source.encoding) if read is not None else None
    text = source.text
    applied = set_aside = 0
    rejected: set[tuple[str, str]] = set()  # (flagged text, replacement) of set-aside fixes
    for _ in range(max_rounds):
        fixes = [d.fix for d in diagnostics if eligible(d.fix, unsafe)
                 and (text[d.fix.start:d.fix.end], d.fix.encoded) not in rejected]  # type: ignore[union-attr]
        if not fixes:
            return Outcome(source, text, applied, found, diagnostics, rejected=set_aside)
        if check is None:
            new, done = apply(text, fixes)  # type: ignore[arg-type]
        else:
            new, done, bad = check.settle(text, fixes)  # type: ignore[arg-type]
            rejected.update((text[f.start:f.end], f.encoded) for f in bad)
            set_aside += len(bad)
        applied += len(done)
        if new != text:
            text = new
            diagnostics = lint(SourceFile(source.path, text, source.encoding))
    converged = not any(eligible(d.fix, unsafe) for d in diagnostics)
    return Outcome(source, text, applied, found, diagnostics, converged, rejected=set_aside)


def fix_file(
    source: SourceFile, lint: Lint, *, read: Read | None = None, unsafe: bool = False, dry_run: bool = False,
    within: Sequence[str] | None = None,
) -> Outcome:
    """Fix one file read from disk and, unless ``dry_run``, write it back
    (:func:`cslint.fix.writeback.write`, which refuses a file that resolves outside
    ``within``); the outcome's ``error`` says why a changed file was not written."""
    try:
        snapshot: os.stat_result | None = os.stat(os.path.realpath(source.path))
    except OSError:
        snapshot = None  # gone already: writeback.write() finds out and says so
    outcome = fix_source(source, lint, read=read, unsafe=unsafe)
    if not outcome.changed or dry_run:
        return outcome
    try:
        writeback.write(source.path, source.text, outcome.text, source.encoding, snapshot, within)
    except writeback.NotWritten as exc:
        return replace(outcome, error=str(exc), outside=isinstance(exc, writeback.Outside))
    return outcome


class Session:
    """``--fix`` or ``--diff`` over a run: fixes file after file, tells the user on ``log``
    what could not be done, and counts what was (or would be) fixed.

    With ``diff`` set nothing is written: each change goes to ``diff`` as a unified diff.
    With ``emit`` set nothing is written either: each file's text, fixed, goes to ``emit``
    whole (``cslint --fix -`` fixes standard input onto standard output, as ruff does).
    Only files that resolve inside ``within`` (the resolved paths of the run) are written;
    a fix that would write elsewhere is reported as CS907 instead.
    """

    def __init__(self, lint: Lint, read: Read, *, unsafe: bool, log: TextIO, diff: TextIO | None = None,
                 emit: TextIO | None = None, within: Sequence[str] | None = None) -> None:
        self.lint = lint
        self.within = within
        self.read = read
        self.unsafe = unsafe
        self.log = log
        self.diff = diff
        self.emit = emit
        self.fixes = 0
        self.files = 0

    def run(self, source: SourceFile) -> tuple[SourceFile, list[Diagnostic]]:
        """Fix one file; returns the file as it now is and the diagnostics to report."""
        outcome = fix_file(source, self.lint, read=self.read, unsafe=self.unsafe,
                           dry_run=self.diff is not None or self.emit is not None, within=self.within)
        if self.emit is not None:
            self.emit.write(outcome.text)
        if outcome.rejected:
            self.log.write(f"cslint: {source.path}: {outcome.rejected} fix{'es' * (outcome.rejected != 1)} not applied: "
                           "the replacement cannot be written there without changing how the file reads\n")
        if not outcome.converged:
            self.log.write(f"cslint: {source.path}: fixes still apply after {MAX_ROUNDS} rounds; "
                           "two rules may undo each other\n")
        if outcome.outside:
            return source, sorted([*outcome.found, notice(source.path, FIX_OUTSIDE, f"not fixed: {outcome.error}")],
                                  key=Diagnostic.sort_key)
        if outcome.error:
            self.log.write(f"cslint: {source.path}: not fixed: {outcome.error}\n")
            return source, outcome.found
        if outcome.changed:
            self.fixes += outcome.applied
            self.files += 1
            if self.diff is not None:
                self.diff.write(unified_diff(source.text, outcome.text, source.path))
        return outcome.fixed_source, outcome.remaining

    def summary(self) -> str:
        """What was done, for the end of the run."""
        if not self.fixes:
            return "No fixes available." if self.diff is not None else ""
        what = f"{self.fixes} problem{'s' * (self.fixes != 1)} in {self.files} file{'s' * (self.files != 1)}"
        return f"Would fix {what}." if self.diff is not None else f"Fixed {what}."
