"""Large line-oriented exports read as a stream of windows, so memory stays flat.

A ticket history exported as JSON Lines can be gigabytes: decoded whole, the text alone
would take more memory than the machine has. Every line of such a file is a reply of its
own, so the file is read 128 kB of whole lines at a time, and each window is
linted as a :class:`Window`: a source file that knows which line of the real file it
starts at, so diagnostics carry the file's own line numbers, and which reader was chosen
for the whole file from its start, so every window is read as the file would be. Nothing
outlives a window but its diagnostics, which the default reporter prints at once.

Windows are for reading only: ``--fix`` and ``--diff`` rewrite whole files and read
them whole (see :func:`cslint.api.sources`).
"""
from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from .decode import DecodeError, decode, legacy
from .document import SourceFile

#: Files at least this large are streamed when their format is line-oriented.
STREAM_BYTES = 2 * 1024 * 1024
#: Bytes of whole lines read per window. Workers finish within about one window of each
#: other, so a smaller window leaves less idle at the end of a run; a much smaller one
#: would send more messages to the workers for the same text.
WINDOW_BYTES = 128 * 1024
#: Bytes of the first window: a parallel run lints it alone, before the workers start,
#: so that they inherit what it set up (:data:`cslint.runtime.parallel.WARM_UP_BYTES`); a small
#: one keeps that serial start short.
FIRST_WINDOW_BYTES = 96 * 1024
#: Reader names whose every line stands alone.
LINE_FORMATS = frozenset({"jsonl"})
_LINE_BREAK = re.compile(rb"\r\n?|\n")
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class Window(SourceFile):
    """A run of whole lines of a larger file, starting at line ``first_line``, to be read
    with the reader named ``reader``."""

    __slots__ = ("first_line", "reader")

    def __init__(self, path: str, text: str, encoding: str, first_line: int, reader: str) -> None:
        super().__init__(path, text, encoding)
        self.first_line = first_line
        self.reader = reader

    def position(self, offset: int) -> tuple[int, int]:
        """
        >>> Window("big.jsonl", "a\\nbc", "utf-8", 41, "jsonl").position(3)
        (42, 2)
        """
        line, column = super().position(offset)
        return line + self.first_line - 1, column

    def line_bounds(self, line: int) -> tuple[int, int]:
        return super().line_bounds(line - self.first_line + 1)


class _Replayed(io.RawIOBase):
    """Bytes already read from a stream, then the rest of it: standard input cannot be
    rewound once its start has been read to choose how to read it."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        return self._rest.readinto(buffer)  # type: ignore[attr-defined,no-any-return]


def replayed(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A binary stream of ``head`` followed by what ``rest`` still holds."""
    return io.BufferedReader(_Replayed(head, rest))  # type: ignore[return-value]


def _line_breaks(data: bytes) -> int:
    """Line breaks as SourceFile counts them: CRLF, CR and LF each end one line. Counted
    in the bytes read (each is one byte in every encoding streamed), so the decoded text
    is never scanned for them, and twice only where there is a CR.

    >>> _line_breaks(b"a\\r\\nb\\rc\\nd"), _line_breaks(b"a\\nb\\n")
    (3, 2)
    """
    lf = data.count(b"\n")
    return lf if b"\r" not in data else lf + data.count(b"\r") - data.count(b"\r\n")


class _LineTooLong(Exception):
    """A line that goes on past the longest one read (:func:`_whole_lines`)."""


def _whole_lines(data: bytes, f: BinaryIO, step: int = 4096, longest: int | None = None) -> tuple[bytes, bytes]:
    """``data`` read on from ``f`` to the end of the line it stops in, and the bytes read
    past that end, ``step`` bytes at a time (what is read past the end opens the next
    window, so little is). A CR, an LF and a CRLF each end a line, and a CRLF is never
    split: a file with CR line endings is cut into windows like any other (read up to the
    next LF, it was read whole). Reading on costs memory for the longest line only, and
    stops with :class:`_LineTooLong` once more than ``longest`` bytes are held (a stream
    with no line break, such as ``/dev/zero``, would be read until memory runs out).

    >>> _whole_lines(b"a\\rb", io.BytesIO(b"c\\rd\\re"))
    (b'a\\rbc\\r', b'd\\re')
    >>> _whole_lines(b"a\\r", io.BytesIO(b"\\nb")), _whole_lines(b"a\\n", io.BytesIO(b"b"))
    ((b'a\\r\\n', b'b'), (b'a\\n', b''))
    """
    if data.endswith(b"\n"):
        return data, b""
    buffer = bytearray(data)
    look = len(buffer) - 1 if data.endswith(b"\r") else len(buffer)  # (a CR there may start a CRLF)
    while True:
        found = _LINE_BREAK.search(buffer, look)
        if found is not None and not (found.group() == b"\r" and found.end() == len(buffer)):
            cut = found.end()
            break
        more = f.read(step)
        if not more:
            cut = len(buffer)
            break
        look = found.start() if found is not None else len(buffer)
        buffer += more
        if longest is not None and len(buffer) > longest:
            raise _LineTooLong
    return bytes(buffer[:cut]), bytes(buffer[cut:])


def wanted(path: str, forced: str | None = None, by_glob: Mapping[str, str] | None = None) -> str | None:
    """The reader to stream a file with (see :func:`line_reader`), or None when it is
    smaller than :data:`STREAM_BYTES` or cannot be opened."""
    try:
        if os.path.getsize(path) < STREAM_BYTES:
            return None
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return None
    return line_reader(path, head, forced, by_glob)


def line_reader(name: str, head: bytes, forced: str | None = None, by_glob: Mapping[str, str] | None = None) -> str | None:
    """The name of the reader for a file named ``name`` that starts with ``head``, when it
    can read the file a window of lines at a time: not UTF-16/32 (lines are split on
    bytes), and a format whose lines stand alone. The reader is chosen here, once, as for
    the whole file (``forced`` is ``--input-format``); None: read the file whole."""
    if head.startswith(_WIDE_BOMS):
        return None
    from .. import readers

    chosen = readers.choose(name, head[:65536].decode("utf-8", "replace"), forced, by_glob).name
    return chosen if chosen in LINE_FORMATS else None


def windows(path: str, reader: str, window_bytes: int | None = None, first_bytes: int | None = None,
            encoding: str | None = None, longest: int | None = None) -> Iterator[Window]:
    """The file as windows of whole lines (of :data:`WINDOW_BYTES` and
    :data:`FIRST_WINDOW_BYTES` unless given), each to be read with ``reader``. Raises
    :class:`DecodeError` (with the file's line) for bytes that are not text, and for a
    line of more than ``longest`` bytes (``max-file-size``), where reading stops."""
    with open(path, "rb") as f:
        yield from read_windows(path, f, reader, window_bytes, first_bytes, encoding, longest)


def read_windows(name: str, f: BinaryIO, reader: str, window_bytes: int | None = None,
                 first_bytes: int | None = None, given: str | None = None,
                 longest: int | None = None) -> Iterator[Window]:
    """:func:`windows` of an open binary stream (standard input), named ``name``; ``given``
    is ``--encoding`` (one byte per line break, as in every encoding streamed)."""
    window_bytes = window_bytes or WINDOW_BYTES
    first_bytes = first_bytes or FIRST_WINDOW_BYTES
    first_line = 1
    encoding = None
    pending = b""
    while True:
        size = min(first_bytes, window_bytes) if encoding is None else window_bytes
        data = pending + f.read(size - len(pending))  # (windows start where they did before)
        if not data:
            return
        try:
            data, pending = _whole_lines(data, f, min(size, 4096), longest)
        except _LineTooLong:
            line = first_line + _line_breaks(data[: max(data.rfind(b"\n"), data.rfind(b"\r")) + 1])
            raise DecodeError(f"line {line} is longer than max-file-size ({(longest or 0) / 1_000_000:g} MB); "
                              "the rest of the file is not read", line) from None
        try:
            if encoding is None:
                decoded = decode(data, given)
                text, encoding = decoded.text, decoded.encoding
            else:
                text = data.decode("utf-8" if encoding == "utf-8-sig" else encoding)
        except DecodeError as exc:
            raise DecodeError(str(exc), first_line + (exc.line or 1) - 1) from None
        except UnicodeDecodeError as exc:
            line = first_line + _line_breaks(data[: exc.start])
            if encoding is None or encoding.startswith("utf-8"):
                raise DecodeError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}){legacy(data)}", line) from None
            raise DecodeError(f"not valid {encoding} text (byte 0x{data[exc.start]:02x})", line) from None
        yield Window(name, text, encoding, first_line, reader)
        first_line += _line_breaks(data)
