"""Strings decoded from a container that still know where each character stood.

A parsed macro file is ordinary Python data (dicts, lists, numbers) except that its
strings are :class:`Located`: a ``str`` that can say, when asked, which file offset every
character came from and how to write new text back in the same container syntax. Most
strings in a file (keys, ids, dates) are never asked, so the offset map is computed
lazily, on the few reply bodies that are linted.
"""
from __future__ import annotations

from array import array
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
    is linted, and the library rules need the map of every reply.

    >>> compact([3, 4, 9])
    array('q', [3, 4, 9])
    """
    return offsets if isinstance(offsets, (array, range)) else array("q", offsets)


def fail(source: SourceFile, message: str, offset: int) -> ReadError:
    """A ReadError at a file offset; the diagnostic carries its line and column."""
    line, column = source.position(offset)
    return ReadError(message, line, column)


def spans_map(start: int, pieces: Sequence[tuple[int, int, int]], length: int, end: int) -> list[int]:
    """Build an offset map from verbatim runs and substituted pieces.

    ``pieces`` are ``(raw_start, raw_end, decoded_length)`` of each substitution (an
    escape), in order, relative to ``start``; everything between them is verbatim. The
    decoded characters of a substitution all map to its raw start; ``end`` closes the map.
    Work is per substitution, not per character. (A list, made into an array where it is
    kept, :func:`compact`: an array is built from ranges at half a list's speed.)

    >>> spans_map(10, [(2, 4, 1)], 4, 15)
    [10, 11, 12, 14, 15]
    """
    out: list[int] = []
    pos = 0
    for raw_start, raw_end, size in pieces:
        out.extend(range(start + pos, start + raw_start))
        out.extend([start + raw_start] * size)
        pos = raw_end
    out.extend(range(start + pos, end))
    del out[length:]
    out.append(end)
    return out
