"""The bytes of one file to lint: a regular file only, and never more than the size limit.

Opening a named pipe waits for a writer, and reading it (or a device such as
``/dev/zero``) may never end: a folder holding one, or a path naming one, would hang the
run. So a file is opened without waiting, and anything but a regular file is refused by
what the open file is, not by what its name looked like a moment before. The size a
file states is not trusted either (``/proc`` files state 0, a file may grow while it is
read): at most the limit and one byte more is ever read.
"""
from __future__ import annotations

import os
import stat
from typing import BinaryIO

#: What a file that is not a regular one is, by the type bits of its mode.
KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
         stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


class Refused(Exception):
    """A file that is not linted, and why (the text of its CS902)."""


def too_large(limit: int, size: int | None = None) -> Refused:
    """The refusal of a file over ``limit`` bytes (of ``size`` when it is known)."""
    stated = f"{size / 1_000_000:.1f} MB; the limit is" if size is not None else "more than the limit of"
    return Refused(f"too large to lint ({stated} {limit / 1_000_000:g} MB): raise max-file-size, "
                   "or export the replies as JSON Lines, which is streamed")


def read(path: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (a symlink is followed), at most ``limit``.

    Raises :class:`Refused` for anything else or a larger file, and :class:`OSError`
    when it cannot be opened or read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"cannot read: is {KINDS.get(stat.S_IFMT(st.st_mode), 'not a regular file')}")
        if limit is not None and st.st_size > limit:
            raise too_large(limit, st.st_size)
        return bounded(f, limit, expect=st.st_size)


#: Bytes asked for at a time past the size a file states (asking for the whole limit at
#: once would have every small file pay for a buffer of that size).
_CHUNK = 1 << 16


def bounded(f: BinaryIO, limit: int | None, already: int = 0, expect: int | None = None) -> bytes:
    """The rest of ``f``, or :class:`Refused` once that and the ``already`` bytes read
    before it come to more than ``limit``. ``expect`` is the size the file states: read
    at once, with one byte more to notice a file that is longer than it says."""
    if limit is None:
        return f.read()
    left = max(0, limit - already) + 1
    parts: list[bytes] = []
    ask = min(left, expect + 1) if expect is not None else min(left, _CHUNK)
    while left > 0:
        chunk = f.read(ask)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
        ask = min(left, _CHUNK)
    data = parts[0] if len(parts) == 1 else b"".join(parts)
    if already + len(data) > limit:
        raise too_large(limit)
    return data
