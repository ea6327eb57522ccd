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

import codecs
import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from .diagnostic import Diagnostic, Fix
from .document import SourceFile

#: Rounds of fixing before giving up on reaching a text with no fix left.
MAX_ROUNDS = 10

Lint = Callable[[SourceFile], list[Diagnostic]]


def eligible(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``--fix`` applies this fix (unsafe ones only with ``--unsafe-fixes``)."""
    return fix is not None and (fix.applicability == "safe" or unsafe)


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Splice the encoded replacements into ``text``; a fix that overlaps one before it is
    skipped (the next round sees it again if it still applies). Returns the new text and
    the number of fixes applied.

    >>> f = lambda s, e, r: Fix(s, e, r, r)
    >>> apply("we will utilize it prior to Monday", [f(19, 27, "before"), f(8, 15, "use"), f(8, 18, "use it")])
    ('we will use it before Monday', 2)
    """
    parts: list[str] = []
    done = 0
    applied = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        if fix.start < done:
            continue
        parts.append(text[done:fix.start])
        parts.append(fix.encoded)
        done = fix.end
        applied += 1
    parts.append(text[done:])
    return "".join(parts), applied


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

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    @property
    def fixed_source(self) -> SourceFile:
        return SourceFile(self.source.path, self.text, self.source.encoding)


def fix_source(source: SourceFile, lint: Lint, *, unsafe: bool = False, max_rounds: int = MAX_ROUNDS) -> Outcome:
    """Lint, apply the eligible fixes, and lint again until no eligible fix is left."""
    found = diagnostics = lint(source)
    text = source.text
    applied = 0
    for _ in range(max_rounds):
        fixes = [d.fix for d in diagnostics if eligible(d.fix, unsafe)]
        if not fixes:
            return Outcome(source, text, applied, found, diagnostics)
        text, count = apply(text, fixes)  # type: ignore[arg-type]
        applied += count
        diagnostics = lint(SourceFile(source.path, text, source.encoding))
    converged = not any(eligible(d.fix, unsafe) for d in diagnostics)
    return Outcome(source, text, applied, found, diagnostics, converged)


def unified_diff(outcome: Outcome) -> str:
    """The change as a unified diff (``a/path`` to ``b/path``), as ``git apply`` reads it."""
    path = outcome.source.path
    lines = difflib.unified_diff(
        outcome.source.text.splitlines(keepends=True),
        outcome.text.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def encode(text: str, encoding: str, original: bytes) -> bytes:
    """``text`` in the file's encoding, with the byte-order mark (and byte order) the file
    had: Python's ``utf-16``/``utf-32`` codecs would write the machine's order instead.

    >>> encode("hi", "utf-16", codecs.BOM_UTF16_BE + "x".encode("utf-16-be"))
    b'\\xfe\\xff\\x00h\\x00i'
    """
    if encoding in ("utf-16", "utf-32"):
        bom = original[: 2 if encoding == "utf-16" else 4]
        order = "le" if bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE) else "be"
        return bom + text.encode(f"{encoding}-{order}")
    return text.encode(encoding)


class NotWritten(Exception):
    """The fixed file was not written; ``str()`` says why, for the user."""


def write(outcome: Outcome, snapshot: os.stat_result | None) -> None:
    """Replace the file with the fixed text, atomically and with its permissions.

    ``snapshot`` is the file's status taken when it was read. The file is written only if
    its size and modification time are unchanged and it still holds exactly the text that
    was linted, so an edit made while cslint ran is never lost.
    """
    source = outcome.source
    target = os.path.realpath(source.path)  # a symlink stays a symlink to the fixed file
    try:
        now = os.stat(target)
        original = Path(target).read_bytes()
    except OSError as exc:
        raise NotWritten(f"cannot read it again: {exc.strerror or exc}") from None
    if snapshot is None or (now.st_size, now.st_mtime_ns) != (snapshot.st_size, snapshot.st_mtime_ns) or encode(
        source.text, source.encoding, original
    ) != original:
        raise NotWritten("it changed while cslint was running")
    try:
        _replace(target, encode(outcome.text, source.encoding, original), stat.S_IMODE(now.st_mode))
    except OSError as exc:
        raise NotWritten(f"cannot write it: {exc.strerror or exc}") from None


def _replace(target: str, data: bytes, mode: int) -> None:
    """Write a temporary file beside ``target`` and rename it over ``target``: readers see
    the old file or the new one, never half of it."""
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".cslint", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def fix_file(source: SourceFile, lint: Lint, *, unsafe: bool = False, dry_run: bool = False) -> Outcome:
    """Fix one file read from disk and, unless ``dry_run``, write it back; the outcome's
    ``error`` says why a changed file was not written."""
    try:
        snapshot: os.stat_result | None = os.stat(os.path.realpath(source.path))
    except OSError:
        snapshot = None  # gone already: write() finds out and says so
    outcome = fix_source(source, lint, unsafe=unsafe)
    if not outcome.changed or dry_run:
        return outcome
    try:
        write(outcome, snapshot)
    except NotWritten as exc:
        return replace(outcome, error=str(exc))
    return outcome


class Session:
    """``--fix`` or ``--diff`` over a run: fixes file after file, tells the user on ``log``
    what could not be done, and counts what was (or would be) fixed.

    With ``diff`` set nothing is written: each change goes to ``diff`` as a unified diff.
    """

    def __init__(self, lint: Lint, *, unsafe: bool, log: TextIO, diff: TextIO | None = None) -> None:
        self.lint = lint
        self.unsafe = unsafe
        self.log = log
        self.diff = diff
        self.fixes = 0
        self.files = 0

    def run(self, source: SourceFile) -> tuple[SourceFile, list[Diagnostic]]:
        """Fix one file; returns the file as it now is and the diagnostics to report."""
        outcome = fix_file(source, self.lint, unsafe=self.unsafe, dry_run=self.diff is not None)
        if not outcome.converged:
            self.log.write(f"cslint: {source.path}: fixes still apply after {MAX_ROUNDS} rounds; "
                           "two rules may undo each other\n")
        if outcome.error:
            self.log.write(f"cslint: {source.path}: not fixed: {outcome.error}\n")
            return source, outcome.found
        if outcome.changed:
            self.fixes += outcome.applied
            self.files += 1
            if self.diff is not None:
                self.diff.write(unified_diff(outcome))
        return outcome.fixed_source, outcome.remaining

    def summary(self) -> str:
        """What was done, for the end of the run."""
        if not self.fixes:
            return "No fixes available." if self.diff is not None else ""
        what = f"{self.fixes} problem{'s' * (self.fixes != 1)} in {self.files} file{'s' * (self.files != 1)}"
        return f"Would fix {what}." if self.diff is not None else f"Fixed {what}."
