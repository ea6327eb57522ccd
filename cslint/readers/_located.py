"""Strings decoded from a container that still know where each character stood.

A parsed macro file is ordinary Python data (dicts, lists, numbers) except that its
strings are :class:`Located`: a ``str`` that can say, when asked, which file offset every
character came from and how to write new text back in the same container syntax. Most
strings in a file (keys, ids, dates) are never asked, so the offset map is computed
lazily, on the few reply bodies that are linted.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property

from ..sources.document import SourceFile
from .base import ReadError


class Located(str):
    """A decoded string plus the file span of its raw form (quotes excluded).

    Subclasses say how the raw form maps to the text (:meth:`_origin`) and how to escape
    replacement text for it (:meth:`encode`).
    """

    start: int
    end: int

    def __new__(cls, value: str, start: int, end: int) -> Located:
        self = super().__new__(cls, value)
        self.start = start
        self.end = end
        return self

    @cached_property
    def origin(self) -> int | Sequence[int]:
        """An ``int`` when the text is a verbatim slice of the file starting there,
        otherwise one file offset per character plus one for the end."""
        built = self._origin()
        return built if isinstance(built, int) else compact(built)

    def _origin(self) -> int | Sequence[int]:
        return self.start

    def escape(self, text: str) -> str:
        return text


class LazyMap(Sequence[int]):
    """An offset map built on first use. Most replies have no finding, so their maps
    (HTML and escape decoding, YAML alignment) are never built at all."""

    __slots__ = ("_build", "_length", "_map")

    def __init__(self, build: Callable[[], int | Sequence[int]], length: int) -> None:
        self._build: Callable[[], int | Sequence[int]] | None = build
        self._length = length  # characters of the text, plus one for its end
        self._map: Sequence[int] | None = None

    def _get(self) -> Sequence[int]:
        if self._map is None:
            built = self._build()  # type: ignore[misc]
            self._map = range(built, built + self._length) if isinstance(built, int) else compact(built)
            self._build = None
        return self._map

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return self._get()[index]

    def resolved(self) -> Sequence[int]:
        """The map itself, built now if it was not: for a caller that reads many offsets
        (a binary search), one call instead of one per offset."""
        return self._get()

    def __len__(self) -> int:
        return self._length


def compact(offsets: Sequence[int]) -> Sequence[int]:
    """An offset map kept as machine integers (8 bytes an offset, not a Python int and a
    list slot, about 40): a library export keeps every reply's map until its last reply
    is linted, and the library rules need the map of every reply. A map kept as its runs
    (:class:`Runs`) is small already.

    >>> compact([3, 4, 9])
    array('q', [3, 4, 9])
    """
    return offsets if isinstance(offsets, (array, range, Piecewise)) else array("q", offsets)


class Piecewise(Sequence[int]):
    """An offset map that is not written out offset by offset, and finds where a file
    offset falls in it (:meth:`first_at`) without reading every offset."""

    __slots__ = ()

    def first_at(self, offset: int) -> int:  # pragma: no cover - abstract
        """What ``bisect_left`` gives on the whole map: the first index whose file offset
        is ``offset`` or more (the length when there is none). Maps never go back."""
        raise NotImplementedError


class Runs(Piecewise):
    """The offset map :func:`spans_map` describes, kept as its runs: each run a stretch of
    characters copied from the file (one offset after the other) or decoded from one
    substitution (all at its raw start). Building it costs a step per substitution, not
    per character (a map written out, then packed as machine integers, was the larger
    part of placing a finding in an HTML reply), and an offset is a binary search away.

    >>> m = Runs(10, [(2, 4, 1)], 4, 15)
    >>> list(m), m[-1], len(m), [m.first_at(x) for x in (9, 12, 13, 14, 15, 16)]
    ([10, 11, 12, 14, 15], 15, 5, [0, 2, 3, 3, 4, 5])
    """

    __slots__ = ("_at", "_base", "_count", "_end", "_step", "_top")

    def __init__(self, start: int, pieces: Sequence[tuple[int, int, int]], length: int, end: int) -> None:
        at: list[int] = []
        base: list[int] = []
        step: list[int] = []
        told = 0

        def run(size: int, first: int, each: int) -> None:
            nonlocal told
            if size > 0 and told < length:
                at.append(told)
                base.append(first)
                step.append(each)
                told += size

        pos = 0
        for raw_start, raw_end, size in pieces:
            run(raw_start - pos, start + pos, 1)
            run(size, start + raw_start, 0)
            pos = raw_end
        run(end - start - pos, start + pos, 1)
        count = min(told, length)
        self._at, self._base, self._step = at, base, step
        #: The last offset of each run (runs never go back, so neither do these).
        self._top = [b + (stop - a - 1) * s for a, b, s, stop in zip(at, base, step, [*at[1:], count])]
        self._count = count  # offsets before the end's
        self._end = end

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        count = self._count
        if index < 0:
            index += count + 1
        if index == count:
            return self._end
        if not 0 <= index < count:
            raise IndexError("offset map index out of range")
        k = bisect_right(self._at, index) - 1
        return self._base[k] + (index - self._at[k]) * self._step[k]

    def __len__(self) -> int:
        return self._count + 1

    def first_at(self, offset: int) -> int:
        k = bisect_left(self._top, offset)
        if k == len(self._top):
            return self._count if self._end >= offset else self._count + 1
        if not self._step[k]:
            return self._at[k]
        return self._at[k] + max(0, offset - self._base[k])


class Composed(Piecewise):
    """``outer[inner[i]]`` for every ``i``: a map into a text that ``outer`` maps into
    the file (HTML inside a JSON string with escapes), neither written out.

    >>> m = Composed(array("q", [5, 7, 9, 11]), Runs(0, [(1, 2, 0)], 2, 3))
    >>> list(m), [m.first_at(x) for x in (5, 6, 9, 11, 12)]
    ([5, 9, 11], [0, 1, 1, 2, 3])
    """

    __slots__ = ("_inner", "_outer")

    def __init__(self, outer: Sequence[int], inner: Runs) -> None:
        self._outer = outer
        self._inner = inner

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return self._outer[self._inner[index]]

    def __len__(self) -> int:
        return len(self._inner)

    def first_at(self, offset: int) -> int:
        return self._inner.first_at(first_at(self._outer, offset))


def first_at(offsets: Sequence[int], offset: int) -> int:
    """The first index of an offset map whose file offset is ``offset`` or more (its
    length when there is none): a map kept in pieces finds it without reading every
    offset.

    >>> first_at([3, 4, 9], 5), first_at(Runs(0, [], 3, 3), 2)
    (2, 2)
    """
    return offsets.first_at(offset) if isinstance(offsets, Piecewise) else bisect_left(offsets, offset)


def fail(source: SourceFile, message: str, offset: int) -> ReadError:
    """A ReadError at a file offset; the diagnostic carries its line and column."""
    line, column = source.position(offset)
    return ReadError(message, line, column)


def spans_map(start: int, pieces: Sequence[tuple[int, int, int]], length: int, end: int) -> Runs:
    """Build an offset map from verbatim runs and substituted pieces.

    ``pieces`` are ``(raw_start, raw_end, decoded_length)`` of each substitution (an
    escape), in order, relative to ``start``; everything between them is verbatim. The
    decoded characters of a substitution all map to its raw start; ``end`` closes the map
    (after the first ``length`` offsets). Work is per substitution, not per character:
    the map is kept as its runs (:class:`Runs`).

    >>> list(spans_map(10, [(2, 4, 1)], 4, 15))
    [10, 11, 12, 14, 15]
    """
    return Runs(start, pieces, length, end)
