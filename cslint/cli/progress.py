"""A progress line on standard error for long runs: replies done, rate, time left.

Auditing a ticket history takes minutes, and a silent terminal looks hung. The line is
drawn only when standard error is a terminal and the run is not in CI, so logs, pipes
and pre-commit output never see it; it is redrawn at most ten times a second and erased
before the summary. Time left is estimated from the bytes of input done so far.
"""
from __future__ import annotations

import os
import time
from typing import Protocol, TextIO

#: Runs shorter than this never show the line.
DELAY = 1.0
_INTERVAL = 0.1


def wanted(stream: TextIO) -> bool:
    """True when a progress line helps: an interactive terminal, not CI, not 'dumb'."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Listener(Protocol):
    """What a lint run tells as it goes: each file done, then the end of the run."""

    def advance(self, replies: int, size: int) -> None:
        """A file (or a window of a streamed export) is done: ``replies`` linted in it,
        ``size`` characters of its text."""

    def close(self) -> None:
        """The run is done."""


class Progress:
    """Counts replies and bytes; draws ``cslint: 12,000 replies, 3,100/s, 0:42 left``."""

    def __init__(self, stream: TextIO, total_bytes: int, *, enabled: bool | None = None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = wanted(stream) if enabled is None else enabled
        self.replies = 0
        self.done = 0
        self._start = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def line(self, now: float) -> str:
        elapsed = max(now - self._start, 1e-9)
        text = f"cslint: {self.replies:,} replies, {self.replies / elapsed:,.0f}/s"
        if self.total and self.done:
            left = elapsed * (self.total - self.done) / self.done
            text += f", {min(self.done / self.total, 1):.0%}, {_clock(max(left, 0))} left"
        return text

    def advance(self, replies: int, size: int) -> None:
        self.replies += replies
        self.done += size
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._start < DELAY or now - self._drawn < _INTERVAL:
            return
        self._drawn = now
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the line, so what follows starts on a clean line."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
