"""The macros of one file as the audit keeps them: their text as a customer reads it, where
they stand in the file, their reading grade, and where each finding falls in their text.

This runs where the file is read (the worker process with ``-j``), as the ``describe``
of :func:`cslint.api.linted`: a reply's offset map turns file positions into offsets of
its text, and the maps do not leave the worker. Findings arrive as file positions (line
and column); :class:`Description` places each in its macro's text. The spans the library
rules observed arrive in their reply's offsets, and are kept for the process that
reports, where their findings are judged.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..checks.library import Observation
from ..checks.sentences import grade, measures
from ..diagnostic import Item
from ..engine.linter import FileResult
from ..engine.masking import Prose
from ..readers._located import LazyMap, first_at
from ..sources.document import Segment, SourceFile

#: Macros with fewer words get no reading grade: the grade of a line or two says more
#: about sentence splitting than about how hard the reply reads.
GRADE_MIN_WORDS = 20

@dataclass(frozen=True)
class Macro:
    """One reply of the library, as the audit shows it. (Picklable at C speed: no
    ``__slots__``, see :class:`cslint.checks.library.Observed`.)"""

    path: str
    item: Item | None
    #: Where it starts and ends in its file (1-based lines and columns).
    line: int
    column: int
    end_line: int
    end_column: int
    #: The text a customer reads (HTML and escapes decoded).
    text: str
    words: int
    #: Flesch-Kincaid grade, None for a macro of fewer than :data:`GRADE_MIN_WORDS` words.
    grade: float | None


@dataclass(frozen=True)
class Placed:
    """A span in the text of one of the file's macros: which macro, and its offsets."""

    macro: int
    start: int
    end: int


@dataclass(frozen=True)
class FileMacros:
    """What :class:`Description` says of one file."""

    macros: list[Macro]
    #: Each of the file's diagnostics (in order) placed in its macro, or None for one that
    #: stands in no macro (a file that cannot be read).
    placed: list[Placed | None]
    #: Where each observation of the library rules (in the order of the file's) stands:
    #: its macro, start and end in the macro's text, three numbers an observation (kept
    #: flat: a library holds several per macro, and they all travel from the workers).
    observed: array[int]


class Description:
    """The macros of one file and where its findings and observations fall in them: the
    :class:`cslint.api.Describing` of an audit. Each macro is described as it is linted,
    from the masked text its rules read."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.macros: list[Macro] = []
        self.replies: list[Segment] = []
        #: Where each reply starts and ends in the file.
        self.bounds: list[tuple[int, int]] = []
        self.observed = array("q")

    def reply(self, segment: Segment, prose: Prose, observations: Sequence[Observation]) -> None:
        source = self.source
        index = len(self.macros)
        start, end = segment.to_source(0), segment.to_source(len(segment.text))
        (line, column), (end_line, end_column) = source.position(start), source.position(end)
        sentences = measures(prose.text)  # (the tone-outlier rule has just measured them)
        words = sum(words for words, _ in sentences)
        shown = round(grade(words, sum(s for _, s in sentences), len(sentences)), 1) if words >= GRADE_MIN_WORDS else None
        self.macros.append(Macro(source.path, segment.item, line, column, end_line, end_column, segment.text, words, shown))
        self.replies.append(segment)
        self.bounds.append((start, end))
        for o in observations:
            self.observed.extend((index, o.start, max(o.start, o.end)))

    def described(self, result: FileResult) -> FileMacros:
        places = _Places(self.source, self.replies, self.bounds)
        placed = [places.place(d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics]
        return FileMacros(self.macros, placed, self.observed)

    def joined(self, parts: Sequence[tuple[FileResult, object]], result: FileResult) -> FileMacros:
        """The file's macros when its replies were described in parts (each in the worker
        process that linted it): each part's macros after the previous part's, and its
        findings and observations with them. A finding stands in the macro its part
        placed it in (no reader's replies touch, so no other part's could hold it); a
        notice of a part of the file that could not be read, in none (the audit lists
        notices apart)."""
        macros: list[Macro] = []
        observed = array("q")
        where: dict[int, Placed | None] = {}
        for found, described in parts:
            assert isinstance(described, FileMacros)
            shift = len(macros)
            macros.extend(described.macros)
            for d, p in zip(found.diagnostics, described.placed):
                where[id(d)] = Placed(shift + p.macro, p.start, p.end) if p is not None and shift else p
            moved = array("q", described.observed)
            moved[0::3] = array("q", [shift + macro for macro in moved[0::3]])
            observed.extend(moved)
        return FileMacros(macros, [where.get(id(d)) for d in result.diagnostics], observed)


class _Places:
    """File positions to macro text offsets, through each reply's offset map."""

    def __init__(self, source: SourceFile, replies: Sequence[Segment], bounds: list[tuple[int, int]]) -> None:
        self.source = source
        self.replies = replies
        self.bounds = bounds
        #: The replies in the order of where they start (file order, for every reader so far).
        self.order = sorted(range(len(bounds)), key=lambda i: bounds[i][0])
        self.starts = [bounds[i][0] for i in self.order]

    def offset(self, line: int, column: int) -> int:
        return self.source.line_bounds(line)[0] + column - 1

    def place(self, line: int, column: int, end_line: int, end_column: int) -> Placed | None:
        """The macro holding the span that starts at ``line``, ``column``, and the span's
        offsets in its text; None when no macro holds it."""
        start = self.offset(line, column)
        end = self.offset(end_line, end_column)
        at = bisect_left(self.starts, start + 1) - 1  # the last macro starting at or before it
        while at >= 0 and not self.bounds[self.order[at]][0] <= start <= self.bounds[self.order[at]][1]:
            at -= 1  # (replies nest in no format; this only steps over empty ones)
        if at < 0:
            return None
        index = self.order[at]
        segment = self.replies[index]
        length = len(segment.text)
        first = _text_offset(segment, start, length)
        last = max(first, _text_offset(segment, end, length))
        return Placed(index, first, last)


def _text_offset(segment: Segment, offset: int, length: int) -> int:
    """The offset in ``segment``'s text of the character at file ``offset`` (the next one
    when that character is markup the text does not hold)."""
    origin = segment.origin
    if isinstance(origin, int):
        at = offset - origin
    else:
        if isinstance(origin, LazyMap):
            origin = origin.resolved()
        at = first_at(origin, offset)  # (past the text's end when the map holds more: clamped below)
    return min(max(at, 0), length)
