"""Where a lint run's report goes: standard output or ``--output-file``, one write per file.

Reporters write a line at a time, and where the output is unbuffered
(``PYTHONUNBUFFERED``, which many CI images set) each write is a system call. So what is
written for one file is kept here and passed on in one write, with the watchdog's signal
held back (:func:`cslint.runtime.timelimit.held`): a signal during a large write to a
pipe ends the write early, and unbuffered output then drops the rest without a word.
"""
from __future__ import annotations

import io
from contextlib import AbstractContextManager, nullcontext
from typing import TextIO

from ..runtime import timelimit
from .errors import UsageError


def opened(path: str | None, stdout: TextIO) -> AbstractContextManager[TextIO]:
    """The stream the report goes to: ``--output-file`` when given, else ``stdout``."""
    if path is None:
        return nullcontext(stdout)
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output-file: {path}: {exc.strerror or exc}") from None


class PerFile:
    """What the reporter (and ``--diff``) write, passed on to ``out`` file by file."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        #: The stream to write to; :meth:`flush` passes on what it holds.
        self.stream = io.StringIO()

    def flush(self) -> None:
        text = self.stream.getvalue()
        if text:
            with timelimit.held():
                self.out.write(text)
            self.stream.seek(0)
            self.stream.truncate()
