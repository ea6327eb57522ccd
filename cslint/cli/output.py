"""Where a lint run's report goes: standard output or ``--output-file`` (never one of the
input files), one write per file.

Reporters write a line at a time, and where the output is unbuffered
(``PYTHONUNBUFFERED``, which many CI images set) each write is a system call. So what is
written for one file is kept here and passed on in one write, with the watchdog's signal
held back (:func:`cslint.runtime.timelimit.held`): a signal during a large write to a
pipe ends the write early, and unbuffered output then drops the rest without a word.
"""
from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import BinaryIO, TextIO

from ..runtime import timelimit
from .errors import UsageError


@contextmanager
def opened(path: str | None, stdout: TextIO, inputs: Sequence[str] = (), *, binary: bool = False) -> Iterator[PerFile]:
    """Where the report goes: ``--output-file`` when given, else ``stdout``. A ``binary``
    report (Parquet) goes to the output file opened for bytes (:attr:`PerFile.binary`);
    anything else written (``--diff``) then goes to ``stdout``.

    An output file that is one of the files named in ``inputs`` is refused before it is
    opened (opening it would empty it), and a report that cannot be written whole (a full
    disk, ``/dev/full``) is a usage error naming the file, not a traceback."""
    if path is None:
        yield PerFile(stdout)
        return
    _not_an_input(path, inputs)
    f: BinaryIO | TextIO
    try:  # (closed below, where a failed close is reported)
        if binary:
            f = raw = open(path, "wb")  # noqa: SIM115
            out = PerFile(stdout, path, binary=raw)
        else:
            # (errors: as on standard output, see cslint.cli.main)
            f = text = open(path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            out = PerFile(text, path)
    except OSError as exc:
        raise UsageError(f"--output-file: {path}: {exc.strerror or exc}") from None
    try:
        yield out
    except BaseException:
        with suppress(OSError):
            f.close()
        raise
    try:
        f.close()  # writes what is still buffered: a full disk often shows only here
    except OSError as exc:
        raise unwritable(path, exc) from None


def _not_an_input(path: str, inputs: Sequence[str]) -> None:
    try:
        report = os.stat(path)
    except OSError:
        return  # not there yet: it is no input
    for name in inputs:
        with suppress(OSError):
            if name != "-" and os.path.samestat(os.stat(name), report):
                raise UsageError(f"--output-file: {path} is the input file {name}; the report would overwrite it")


def unwritable(path: str, exc: OSError) -> UsageError:
    return UsageError(f"--output-file: {path}: cannot write the report: {exc.strerror or exc}")


class PerFile:
    """What the reporter (and ``--diff``) write, passed on to ``out`` file by file;
    ``path`` names the output file, which is ``out``, or ``binary`` for a binary report."""

    def __init__(self, out: TextIO, path: str | None = None, binary: BinaryIO | None = None) -> None:
        self.out = out
        self.path = path
        self.binary = binary
        #: The stream to write to; :meth:`flush` passes on what it holds.
        self.stream = io.StringIO()

    def flush(self) -> None:
        text = self.stream.getvalue()
        if text:
            with timelimit.held():
                try:
                    self.out.write(text)
                except OSError as exc:
                    if self.path is None or self.binary is not None:
                        raise  # standard output: a closed pipe is the command line's to handle
                    raise unwritable(self.path, exc) from None
            self.stream.seek(0)
            self.stream.truncate()
