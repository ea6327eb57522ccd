"""The reader contract: a decoded file in, the replies it holds out.

Each input format is one module exposing ``READER``. A reader yields :class:`Segment`
objects whose offset maps point back into the file, and raises :class:`ReadError` (with a
line where it knows one) where it cannot read on; the replies it yielded before that are
still linted, and the run goes on with other files. A reader whose parts stand alone (a
line of JSON Lines) yields the ReadError of a broken part instead, and reads on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..sources.document import Deferred, Segment, SourceFile


class ReadError(Exception):
    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class NotReplies(ReadError):
    """The file holds no reply library: a table with no reply column, or JSON with no
    object that has a reply field. Reported once, at line 1, as CS906 (a notice, not
    an unreadable file), instead of its text being linted as if a customer read it."""

    def __init__(self, message: str) -> None:
        super().__init__(f"not a reply library: {message}", 1, 1)


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings from the command line and configuration."""

    include_inactive: bool = False
    #: Per-format field names (CSV columns, JSON Lines keys), e.g. {"text": "body"}.
    fields: dict[str, str] = field(default_factory=dict)
    #: Whether a reply that takes work to decode (an HTML body) may come as a
    #: :class:`cslint.sources.document.Deferred`, decoded where it is linted
    #: (:func:`cslint.api.linted` asks for it; everything else gets every reply decoded).
    deferred: bool = False


@dataclass(frozen=True)
class Reader:
    name: str
    #: File name suffixes this reader may handle (lower case, with the dot).
    extensions: tuple[str, ...]
    read: Callable[[SourceFile, ReadOptions], Iterator[Segment | Deferred | ReadError]]
    #: Whether the (decoded) file looks like this format; None means "any file with a
    #: matching extension". Readers with a sniffer are tried first.
    sniff: Callable[[str], bool] | None = None
