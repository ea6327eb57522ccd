"""Large line-oriented exports read as a stream of windows, so memory stays flat.

A ticket history exported as JSON Lines can be gigabytes: decoded whole, the text alone
would take more memory than the machine has. Every line of such a file is a reply of its
own, so the file is read 128 kB of whole lines at a time, and each window is
linted as a :class:`Window`: a source file that knows which line of the real file it
starts at, so diagnostics carry the file's own line numbers. Nothing outlives a window
but its diagnostics, which the default reporter prints at once.

Windows are for reading only: ``--fix`` and ``--diff`` rewrite whole files and read
them whole (see :func:`cslint.api.sources`).
"""
from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from .decode import DecodeError, decode
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
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class Window(SourceFile):
    """A run of whole lines of a larger file, starting at line ``first_line``."""

    __slots__ = ("first_line",)

    def __init__(self, path: str, text: str, encoding: str, first_line: int) -> None:
        super().__init__(path, text, encoding)
        self.first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        """
        >>> Window("big.jsonl", "a\\nbc", "utf-8", 41).position(3)
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


def wanted(path: str, by_glob: Mapping[str, str] | None = None) -> bool:
    """Whether to stream a file: large, not UTF-16/32 (lines are split on bytes), and in a
    format whose lines stand alone (the reader is chosen as for the whole file)."""
    try:
        if os.path.getsize(path) < STREAM_BYTES:
            return False
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    return line_oriented(path, head, None, by_glob)


def line_oriented(name: str, head: bytes, forced: str | None = None, by_glob: Mapping[str, str] | None = None) -> bool:
    """Whether a file named ``name`` that starts with ``head`` can be read a window of
    lines at a time: not UTF-16/32 (lines are split on bytes), and in a format whose
    lines stand alone (the reader is chosen as for the whole file)."""
    if head.startswith(_WIDE_BOMS):
        return False
    from .. import readers

    return readers.choose(name, head[:65536].decode("utf-8", "replace"), forced, by_glob).name in LINE_FORMATS


def windows(path: str, window_bytes: int | None = None, first_bytes: int | None = None) -> Iterator[Window]:
    """The file as windows of whole lines (of :data:`WINDOW_BYTES` and
    :data:`FIRST_WINDOW_BYTES` unless given). Raises :class:`DecodeError` (with the
    file's line) for bytes that are not text."""
    with open(path, "rb") as f:
        yield from read_windows(path, f, window_bytes, first_bytes)


def read_windows(name: str, f: BinaryIO, window_bytes: int | None = None, first_bytes: int | None = None) -> Iterator[Window]:
    """:func:`windows` of an open binary stream (standard input), named ``name``."""
    window_bytes = window_bytes or WINDOW_BYTES
    first_bytes = first_bytes or FIRST_WINDOW_BYTES
    first_line = 1
    encoding = None
    while True:
        data = f.read(min(first_bytes, window_bytes) if encoding is None else window_bytes)
        if not data:
            return
        if not data.endswith(b"\n"):
            data += f.readline()  # finish the last line (a CRLF is never split)
        try:
            if encoding is None:
                decoded = decode(data)
                text, encoding = decoded.text, decoded.encoding
            else:
                text = data.decode("utf-8")
        except DecodeError as exc:
            raise DecodeError(str(exc), first_line + (exc.line or 1) - 1) from None
        except UnicodeDecodeError as exc:
            line = first_line + _line_breaks(data[: exc.start])
            raise DecodeError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line) from None
        yield Window(name, text, encoding, first_line)
        first_line += _line_breaks(data)
