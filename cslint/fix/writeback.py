"""Writing a fixed file back: same encoding and byte-order mark, atomically, and never
over an edit made while cslint was running."""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from pathlib import Path


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


def write(path: str, read: str, fixed: str, encoding: str, snapshot: os.stat_result | None) -> None:
    """Replace the file at ``path`` with ``fixed``, atomically and with its permissions.

    ``read`` is the text the file held when it was read (decoded from ``encoding``) and
    ``snapshot`` its status then. The file is written only if its size and modification
    time are unchanged and it still holds exactly ``read``, so an edit made while cslint
    ran is never lost.
    """
    target = os.path.realpath(path)  # a symlink stays a symlink to the fixed file
    try:
        now = os.stat(target)
        original = Path(target).read_bytes()
    except OSError as exc:
        raise NotWritten(f"cannot read it again: {exc.strerror or exc}") from None
    if snapshot is None or (now.st_size, now.st_mtime_ns) != (snapshot.st_size, snapshot.st_mtime_ns) or encode(
        read, encoding, original
    ) != original:
        raise NotWritten("it changed while cslint was running")
    if not now.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise NotWritten("it is read-only")  # renaming over it would work, but it says "keep"
    try:
        _replace(target, encode(fixed, encoding, original), stat.S_IMODE(now.st_mode))
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
