"""Library rule types: rules that judge a whole macro library, not one reply.

A library rule works in two steps, so that data flows one way and ``-j N`` changes
nothing:

1. :meth:`LibraryCheck.observe` runs on each reply as it is linted (in whatever worker
   process lints its file) and says what the rule needs to know of it: spans of the reply,
   each with a small picklable ``value`` (the reply's words, a spelling of a term). The
   engine places each span in its file (:class:`Observed`: path, line, column, the macro).
2. :meth:`LibraryCheck.judge` runs once, after every file of the run is read, on all the
   observations of the rule in file order, and says which of them to report and with what
   message fields (:class:`Verdict`). It sees the library, never the files.

A library rule never reports from ``find``; the engine asks it only through these two.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..diagnostic import Item
from ..engine.masking import Prose
from .base import Check, Finding


class Observation(NamedTuple):
    """A span of one reply (character offsets) and what the rule keeps of it."""

    start: int
    end: int
    value: Any


@dataclass(frozen=True)
class Observed:
    """An observation placed in its file: what :meth:`LibraryCheck.judge` is given.

    (No ``__slots__``: a dataclass with them is pickled through Python-level
    ``__getstate__``/``__setstate__``, five times slower, and every observation of a
    file linted in a worker process is pickled back.)"""

    code: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    item: Item | None
    value: Any
    #: A suppression comment of its reply covers it: it counts, but is not reported.
    suppressed: bool = False

    def where(self) -> str:
        """The macro and its place, as a message names another macro: ``'Refund' (a.json:12)``."""
        label = self.item.label() if self.item is not None else ""
        return f"{label!r} ({self.path}:{self.line})" if label else f"{self.path}:{self.line}"


class Verdict(NamedTuple):
    """Report the observation at ``at`` (its place among those judged), with these message
    fields; ``related`` are the places of the other observations the finding is about (the
    macro a near-duplicate repeats), so a report can group them and a hook run on a few
    files can keep a finding that concerns one of them."""

    at: int
    fields: Mapping[str, object]
    related: tuple[int, ...] = ()


class LibraryCheck(Check):
    """Base class of library rule types (see the module docstring)."""

    def find(self, prose: Prose) -> Iterable[Finding]:
        return ()

    def observe(self, prose: Prose) -> Iterable[Observation]:  # pragma: no cover - abstract
        """What the rule keeps of one reply (``prose.text`` is masked, same length as the reply)."""
        raise NotImplementedError

    def judge(self, observed: Sequence[Observed]) -> Iterable[Verdict]:  # pragma: no cover - abstract
        """The observations to report, given all of them, in the order of the files."""
        raise NotImplementedError

    def gather(self, values: Sequence[Any], gathered: Any) -> Any:
        """Work :meth:`judge` can do on some of the observations before the others are in:
        given the values of one file's observations (in order) and what was gathered of
        the files before it (None at first), what is gathered now. The engine gathers
        each file's observations as they come in, while the other files are still being
        linted (:class:`cslint.engine.library.Library`), and hands the last to
        :meth:`judge_gathered`. By default nothing is gathered."""
        return None

    def judge_gathered(self, observed: Sequence[Observed], gathered: Any) -> Iterable[Verdict]:
        """:meth:`judge`, with what :meth:`gather` made of the values of ``observed``, file by
        file, in order (the same as gathering them all at once)."""
        return self.judge(observed)
