"""Source files, the replies read from them, and the map from a reply back to the file.

Readers decode containers (JSON strings, CSV fields, HTML) into the text a customer reads.
Every character of that text keeps the offset it came from, so a diagnostic found in the
decoded reply points at the exact line and column of the file the user has open.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from ..diagnostic import Item

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


def _identity(text: str) -> str:
    return text


class SourceFile:
    """A decoded file and its line starts (CRLF, CR and LF all end a line)."""

    __slots__ = ("path", "text", "encoding", "_line_starts")

    def __init__(self, path: str, text: str, encoding: str = "utf-8") -> None:
        self.path = path
        self.text = text
        #: How the file was decoded; ``--fix`` writes it back the same way.
        self.encoding = encoding
        self._line_starts: list[int] | None = None

    def _starts(self) -> list[int]:
        starts = self._line_starts
        if starts is None:
            text = self.text
            if "\r" in text:
                starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
            else:  # LF only (most files): lengths of the lines, summed at C speed
                starts = [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]
            self._line_starts = starts
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count code points.

        >>> SourceFile("r.txt", "Hi\\r\\nthere 👋 now").position(12)
        (2, 9)
        """
        starts = self._starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def lines(self) -> Iterator[tuple[int, str]]:
        """``(offset, text without its line break)`` of every line, in order: for a reader
        that reads a file line by line, with the line starts that positions then reuse.

        >>> list(SourceFile("r.jsonl", "a\\r\\n\\rb").lines())
        [(0, 'a'), (3, ''), (4, 'b')]
        """
        text, starts = self.text, self._starts()
        for start, end in zip(starts, [*starts[1:], len(text)]):
            yield start, text[start:end].rstrip("\r\n")

    def line_around(self, offset: int) -> tuple[int, int]:
        """Where the line holding ``offset`` starts, and where the next one starts (after
        this one's line break): a binary search in the line starts, found once.

        >>> SourceFile("r.txt", "Hi\\r\\nthere\\n").line_around(5)
        (4, 10)
        """
        return self._span(bisect_right(self._starts(), offset))

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Offsets of a 1-based line's first character and of its end (before the line
        break), for ``--show-source``; an empty span for a line the text does not have (a
        notice can name one).

        >>> SourceFile("r.txt", "Hi\\r\\nthere\\n").line_bounds(2)
        (4, 9)
        """
        if not 1 <= line <= len(self._starts()):
            return 0, 0
        start, end = self._span(line)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def _span(self, line: int) -> tuple[int, int]:
        """Where a 1-based line starts, and where the next one starts (or the text ends)."""
        starts = self._starts()
        return starts[line - 1], (starts[line] if line < len(starts) else len(self.text))


@dataclass(slots=True)
class Segment:
    """One reply (a whole text file, or one macro of a library) ready to lint.

    ``origin`` maps reply offsets to file offsets: an ``int`` when the reply is a verbatim
    slice of the file starting there (the fast, common case), otherwise a sequence with one
    file offset for every character of ``text`` plus one for its end.
    """

    text: str
    origin: int | Sequence[int] = 0
    item: Item | None = None
    #: The customer's message this reply answers, where the file carries it.
    context: str | None = None
    #: Escapes replacement text for the container the reply lives in (used by ``--fix``).
    encode: Callable[[str], str] = field(default=_identity)
    #: False for internal notes, which customers never see (Zendesk private comments).
    public: bool = True

    def to_source(self, offset: int) -> int:
        origin = self.origin
        if isinstance(origin, int):
            return origin + offset
        return origin[offset]

    def end_to_source(self, end: int, file_text: str) -> int:
        """The file offset just past ``text[:end]``: right after its last character when
        that character stands verbatim in the file, so markup that follows it (a closing
        ``</b>``) stays out of the span; otherwise where the next character starts.
        (``&``, ``\\`` and quotes are never taken as verbatim: they also open ``&amp;``,
        ``\\\\`` and doubled quotes.)"""
        origin = self.origin
        if isinstance(origin, int):
            return origin + end
        last, char = origin[end - 1], self.text[end - 1]
        if origin[end] > last + 1 and char not in "&\\'\"" and file_text[last : last + 1] == char:
            return last + 1
        return origin[end]

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when text[start:end] stands unchanged and contiguous in the file, the
        condition for a fix to be spliced in safely."""
        origin = self.origin
        if isinstance(origin, int):
            return True
        return origin[end] - origin[start] == end - start and all(
            origin[i + 1] - origin[i] == 1 for i in range(start, end)
        )


class Deferred:
    """A reply read from its file whose text is decoded only where it is linted: decoding
    (an HTML body's markup) is most of the work of reading an export, and the replies of
    a shared file (:class:`cslint.runtime.parallel.Share`) are linted in other processes.
    What is known without decoding is at hand: ``size`` (the characters to decode), the
    item, the customer's message and whether customers see it.

    >>> later = Deferred(lambda context: Segment("Hi", 5, None, context), 9, None, "Where is it?")
    >>> later.size, later.segment().text, later.segment().context
    (9, 'Hi', 'Where is it?')
    """

    __slots__ = ("_make", "context", "item", "public", "size")

    def __init__(self, make: Callable[[str | None], Segment], size: int, item: Item | None,
                 context: str | None = None, public: bool = True) -> None:
        self._make = make
        self.size = size
        self.item = item
        self.context = context
        self.public = public

    def segment(self) -> Segment:
        """The reply, decoded now (with :attr:`context` as it is now)."""
        return self._make(self.context)


def decoded(reply: Segment | Deferred) -> Segment:
    """A reply, decoded if it was :class:`Deferred`."""
    return reply.segment() if isinstance(reply, Deferred) else reply
