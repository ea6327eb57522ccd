"""One file's replies, read to the end before any of them is linted.

Reading comes first so that a part of a file that cannot be read costs that part only:
the replies read before it (and, where a reader can go on, after it) are linted all the
same, and the part itself gets one CS902 at its line. The reader is chosen once per file;
the windows of a streamed export carry the choice made for the whole file
(:class:`cslint.sources.streaming.Window`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import readers
from ..readers import NotReplies, Reader, ReadError, ReadOptions
from .document import Deferred, Segment, SourceFile
from .streaming import Window


@dataclass(frozen=True)
class Reading:
    """What a reader made of one file."""

    #: Every reply read, in file order (internal notes and excluded macros too: ``--fix``
    #: checks that a fixed file still holds the same ones); :class:`Deferred` only where
    #: the options allow it.
    segments: list[Segment | Deferred]
    #: Where the file could not be read, each naming the reader, in file order.
    problems: list[ReadError]


def reader_for(source: SourceFile, forced: str | None = None, by_glob: Mapping[str, str] | None = None) -> Reader:
    """The reader of a file: the one chosen for the whole file when this is a window of
    it, otherwise ``--input-format``, a configured glob, or the extension and the text
    (:func:`cslint.readers.choose`). Raises KeyError for an unknown format name."""
    if isinstance(source, Window):
        return readers.registry()[source.reader]
    return readers.choose(source.path, source.text, forced, by_glob)


def read(source: SourceFile, reader: Reader, options: ReadOptions) -> Reading:
    """The replies of a file and where it could not be read; never raises a ReadError."""
    segments: list[Segment | Deferred] = []
    problems: list[ReadError] = []
    try:
        for part in reader.read(source, options):
            if isinstance(part, ReadError):
                problems.append(_named(reader, part))
            else:
                segments.append(part)
    except ReadError as exc:
        problems.append(_named(reader, exc))
    except RecursionError:
        problems.append(ReadError("too deeply nested to read"))
    return Reading(segments, problems)


def _named(reader: Reader, error: ReadError) -> ReadError:
    if isinstance(error, NotReplies):
        return error  # the file was read: what it holds is no replies
    return ReadError(f"cannot read as {reader.name}: {error}", error.line, error.column)
