"""Writing a fixed file back: same encoding and byte-order mark, owner, group, mode and
hard links, atomically where the file has no other links, never over an edit made while
cslint was running or writing, and never outside the paths the run was given."""
from __future__ import annotations

import codecs
import hashlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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


class Outside(NotWritten):
    """The file resolves outside the paths the run was given (a symlink out of the
    repository): a fix there would write where the user never pointed cslint."""


def inside(target: str, roots: Sequence[str]) -> bool:
    """Whether the resolved path ``target`` is one of the resolved ``roots`` or lies
    under one of them."""
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def write(path: str, read: str, fixed: str, encoding: str, snapshot: os.stat_result | None,
          within: Sequence[str] | None = None) -> None:
    """Replace the file at ``path`` with ``fixed``, keeping its permissions, owner and
    group (where this user may set them) and its hard links.

    ``read`` is the text the file held when it was read (decoded from ``encoding``) and
    ``snapshot`` its status then. The file is written only if its size and modification
    time are unchanged and it still holds exactly ``read``, checked when the fixes are
    done and again just before the new content takes its place, so an edit saved while
    cslint ran or wrote is never lost. With ``within`` (resolved paths), a file that
    resolves outside all of them is not written (:class:`Outside`).
    """
    target = os.path.realpath(path)  # a symlink stays a symlink to the fixed file
    if within is not None and not inside(target, within):
        raise Outside(f"it resolves to {target}, outside the paths given on the command line")
    try:
        now = os.stat(target)
        original = Path(target).read_bytes()
    except OSError as exc:
        raise NotWritten(f"cannot read it again: {exc.strerror or exc}") from None
    if snapshot is None or _moved_on(snapshot, now) or encode(read, encoding, original) != original:
        raise NotWritten("it changed while cslint was running")
    if not now.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise NotWritten("it is read-only")  # renaming over it would work, but it says "keep"
    data = encode(fixed, encoding, original)
    unchanged = _Unchanged(target, now, hashlib.sha256(original).digest())
    try:
        with _signals_held():
            if now.st_nlink > 1:
                _overwrite(target, data, unchanged)
            else:
                _replace(target, data, now, unchanged)
    except OSError as exc:
        raise NotWritten(f"cannot write it: {exc.strerror or exc}") from None


def _moved_on(before: os.stat_result, after: os.stat_result) -> bool:
    return (after.st_size, after.st_mtime_ns, after.st_ino) != (before.st_size, before.st_mtime_ns, before.st_ino)


class _Unchanged:
    """The file as it was checked: :meth:`check` raises when it has moved on since."""

    def __init__(self, target: str, st: os.stat_result, digest: bytes) -> None:
        self.target, self.st, self.digest = target, st, digest

    def check(self) -> None:
        try:
            moved = _moved_on(self.st, os.stat(self.target)) or hashlib.sha256(
                Path(self.target).read_bytes()).digest() != self.digest
        except OSError:
            moved = True  # deleted or replaced by something unreadable
        if moved:
            raise NotWritten("it changed while cslint was writing it")


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM, SIGHUP and SIGINT held back while a file is written and delivered after:
    a run stopped then ends with the file old or new, whole, and no temporary file left
    beside it."""
    held = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)}
    if not hasattr(signal, "pthread_sigmask"):
        yield  # pragma: no cover - Windows: no signal masks
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _replace(target: str, data: bytes, st: os.stat_result, unchanged: _Unchanged) -> None:
    """Write a temporary file beside ``target`` and rename it over ``target``: readers see
    the old file or the new one, never half of it."""
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".cslint", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(temp, st)
        os.chmod(temp, stat.S_IMODE(st.st_mode))  # after chown, which may clear set-id bits
        unchanged.check()
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def _keep_owner(temp: str, st: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or as much of them as this user
    may set (any user may give a file one of their own groups)."""
    if not hasattr(os, "chown"):
        return  # pragma: no cover - Windows
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            os.chown(temp, uid, gid)
            return
        except PermissionError:
            continue


def _overwrite(target: str, data: bytes, unchanged: _Unchanged) -> None:
    """Write ``data`` into the file itself: the file has other hard links, which a rename
    would leave holding the old text. Not atomic, so checked just before."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "wb") as handle:
        opened = os.fstat(fd)
        if (opened.st_ino, opened.st_dev) != (unchanged.st.st_ino, unchanged.st.st_dev):
            raise NotWritten("it changed while cslint was writing it")
        unchanged.check()
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
