"""How long one rule may take on one reply, so that a careless pattern cannot hang a run.

A rule file's pattern can backtrack catastrophically (``(a+)+b`` on a long run of a's).
Such a rule is stopped on that reply, reported as CS903 and the run goes on. There are
two ways to stop it, and which one is used depends on who owns the process:

* **A time limit on every match call** (the ``regex`` module's ``timeout=``). It works in
  any thread, but each call pays for it, a few calls a reply, which on short replies adds
  up (docs/performance.md has the measurement). Library calls use this.
* **A watchdog** (:class:`Watchdog`). A timer signal ticks every :data:`TICK` seconds;
  when the rule running now is past its deadline, the handler raises
  :class:`TimeoutError` inside it (the ``regex`` module checks for signals while it
  matches, so a match in progress stops too). Match calls then pass no time limit at
  all. It needs Unix and the main thread, and it takes over ``SIGALRM``, so only the
  processes cslint owns use it: the command line (:func:`watching`) and its worker
  processes (:func:`watch`). The API hands the watchdog running in its process
  (:func:`current`) to the engine, which tells it which rule is running.

Either way a rule has :data:`SECONDS` per 100,000 characters of the reply (at least
:data:`SECONDS`), so a legitimately long reply is never cut short. Where a watchdog runs,
a rule it stopped once is not run again in that process (:attr:`Watchdog.stopped`), so
one bad pattern costs its budget once, not once per reply.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Seconds a rule may take on a reply of up to :data:`PER_CHARS` characters.
SECONDS = 2.0
#: A longer reply gives its rules proportionally more time.
PER_CHARS = 100_000
#: Seconds between the watchdog's checks: a rule is stopped at most this late.
TICK = 0.25

#: The watchdog running in this process, if any (then match calls go without a limit). A
#: fact about the process, as ``SIGALRM`` is: only :func:`watch` and :func:`watching` set it.
_current: Watchdog | None = None


def per_call(chars: int = 0) -> float | None:
    """The ``timeout=`` for a match call over a text of ``chars`` characters: none while a
    watchdog stops slow rules, else the rule's :func:`budget` for such a text (a search
    of a 10 MB reply for its one match is honest work, not backtracking)."""
    return None if _current is not None else budget(chars)


def budget(chars: int) -> float:
    """Seconds a rule may take on a reply of ``chars`` characters."""
    return SECONDS * max(1.0, chars / PER_CHARS)


def current() -> Watchdog | None:
    """The watchdog running in this process, for the engine to tell which rule runs."""
    return _current


class Watchdog:
    """The rule running now, and the timer-signal handler that stops it past its budget."""

    __slots__ = ("_seen", "_ticks", "running", "stopped")

    def __init__(self) -> None:
        #: The codes of the rules stopped once, which this process runs no more: a rule that
        #: backtracks on one reply will on the next, and each would cost its whole budget.
        #: A worker forked later starts with the parent's.
        self.stopped: set[str] = set()
        #: The rule running now, as a token holding its seconds: the engine sets a new one
        #: per rule and reply, so a tick can tell that the same run is still going, and
        #: None between rules (so a tick raises inside a rule only).
        self.running: tuple[float] | None = None
        #: The token the last tick saw, and for how many ticks in a row since.
        self._seen: tuple[float] | None = None
        self._ticks = 0

    def reset(self) -> None:
        """A timer started afresh (the rules stopped stay stopped)."""
        self.running = self._seen = None
        self._ticks = 0

    def on_tick(self, signum: int, frame: FrameType | None) -> None:
        """The same rule still running ``n`` ticks after it was first seen has run for at
        least ``n * TICK`` seconds: past its budget, it is stopped where it stands."""
        token = self.running
        if token is None or token is not self._seen:
            self._seen, self._ticks = token, 0
            return
        self._ticks += 1
        if self._ticks * TICK >= token[0]:
            self._seen = None
            raise TimeoutError("the rule took too long on this reply")


def _can_watch() -> bool:
    """Unix, the main thread, and ``SIGALRM`` not in use by anyone else (a timer already
    running, or a handler that is not the default one nor a watchdog's)."""
    import signal  # here, not at the top: a cold start pays only for what it uses
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    handler = signal.getsignal(signal.SIGALRM)
    if isinstance(getattr(handler, "__self__", None), Watchdog):
        return True  # inherited by a forked worker (whose timer did not come along)
    return handler in (signal.SIG_DFL, None) and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def watch() -> bool:
    """Start a watchdog for the rest of this process (a worker process, which runs only
    cslint's work); False when it cannot run here, and match calls keep their limit. A
    forked process starts the one it inherited, which the engine there already holds."""
    global _current
    if not _can_watch():
        _current = None  # (a forked child inherits the parent's, without the timer)
        return False
    import signal

    dog = _current or Watchdog()
    dog.reset()
    signal.signal(signal.SIGALRM, dog.on_tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    _current = dog
    return True


def after_fork() -> None:
    """Start the watchdog again in a forked child of a process that runs one: the child
    has the handler but not the timer, which no fork passes on."""
    if _current is not None:
        watch()


@contextmanager
def held() -> Iterator[None]:
    """The watchdog's signal held back while a block runs, and delivered after it.

    A signal that arrives during a large write to a pipe or a terminal ends the write
    early. A stream that writes straight to its file (``PYTHONUNBUFFERED``, which many
    CI images set) then drops the rest without a word. The command line writes each
    file's report through this."""
    if _current is None:
        yield
        return
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})


@contextmanager
def watching() -> Iterator[bool]:
    """A watchdog for the duration of a command-line run; afterwards the timer and the
    signal's handler are what they were. Yields whether it runs."""
    global _current
    if _current is not None:
        yield True
        return
    import signal

    previous = signal.getsignal(signal.SIGALRM)
    if not watch():
        yield False
        return
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _current = None
