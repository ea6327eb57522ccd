"""Lint many files in worker processes (``-j N`` / ``--jobs N``), in the serial order.

Linting is CPU-bound Python, so threads would not help; processes do. Workers are forked
where the platform allows it, so they start with the rules the parent already loaded.
Files go out in batches and results come back in the order they went out, so the
output is byte for byte what a serial run prints. A handful of files is linted in the
parent: starting workers costs more than it saves there, unless they are large (the
windows of a streamed export are linted in parallel too). One file that holds many
replies (an export of 10,000 macros) has its replies shared out in parts over workers
started for it (:class:`Share`), and one long reply, which no split of the replies can
share out, has its rules spread over forked processes instead (:class:`Spread`,
:func:`forked`). Among many files, the first and the last ones may be linted in slices
(:class:`Slice`, :class:`Slicing`), so that the parent's warm-up is short and no core
waits at the end for another's last file.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, NoReturn, TypeVar

from . import timelimit

if TYPE_CHECKING:
    from ..engine.linter import Raw
    from ..engine.masking import Prose
    from ..prefilter.plan import Plan

S = TypeVar("S")
R = TypeVar("R")
P = TypeVar("P")

#: Fewer files than this (per worker) are linted serially.
MIN_FILES_PER_JOB = 8
#: Files looked at up front to decide between a serial and a parallel run.
FIRST_PER_JOB = 64
#: Items linted in the parent before the workers start (at most half the first ones), or
#: fewer once they hold ``WARM_UP_BYTES`` of text: what they set up once (patterns loaded
#: from the rule cache, the scan's word memos) is inherited by the forked workers instead
#: of each setting it up again.
WARM_UP = 100
WARM_UP_BYTES = 64 * 1024
#: Or at least this many characters of text in all (large files, or export windows).
PARALLEL_BYTES = 2 * 1024 * 1024
#: Characters of text handed to a worker at once at most (when items have a size): one
#: window of a streamed export, so that few are held in memory at once.
CHUNK_BYTES = 128 * 1024
#: Items handed to a worker at once at most: small files go several to a chunk, so that a
#: message each way, which costs about the same for one file as for many, is shared by
#: many files.
CHUNK_ITEMS = 32
#: Chunks in flight per worker: enough that no worker waits for the next one, few enough
#: that memory stays bounded (a streamed export is never read far ahead).
AHEAD_PER_JOB = 2
#: Characters of masked text from which a reply's rules are spread over processes: a
#: reply this long takes a tenth of a second or more, many times what forking costs.
SPREAD_CHARS = 256 * 1024
#: Characters of reply text from which one file's replies are shared over worker
#: processes (:class:`Share`): some 800 macros, a second or more of work, many times what
#: starting the workers costs.
SHARE_CHARS = 512 * 1024
#: Characters of reply text in one part of a shared file, at least (a part ends with
#: the reply that reaches it): parts go to the workers a few to a chunk (``CHUNK_BYTES``).
PART_CHARS = 32 * 1024
#: Slices each of the last files of a parallel run is cut into (see :class:`Slicing`),
#: when it holds ``TAIL_SLICE_CHARS`` of text a slice or more: the workers then finish
#: within about a slice of each other, not a file.
TAIL_SLICES = 4
TAIL_SLICE_CHARS = 32 * 1024

def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _take(it: Iterator[S], count: int, size: Callable[[S], int] | None, budget: int) -> list[S]:
    """Up to ``count`` items, stopping early once their sizes reach ``budget``."""
    if size is None:
        return list(islice(it, count))
    out: list[S] = []
    total = 0
    for item in it:
        out.append(item)
        total += size(item)
        if len(out) >= count or total >= budget:
            break
    return out


class Slice(NamedTuple):
    """Shares ``start`` to ``stop`` (not included) of ``shares`` equal shares of an item:
    of a file, the replies that begin in that share of its reply text (see
    :func:`sliced`)."""

    start: int
    stop: int
    shares: int


def sliced(sizes: Sequence[int], part: Slice) -> slice:
    """Which of the replies, of these sizes (in file order), a slice of their file holds:
    those that begin in its shares of their text. The slices of a file, ``Slice(k, k + 1,
    n)`` for every ``k``, hold each reply once, in order.

    >>> [sliced([5, 5, 5, 5], Slice(k, k + 1, 3)) for k in range(3)]
    [slice(0, 2, None), slice(2, 3, None), slice(3, 4, None)]
    >>> sliced([], Slice(1, 3, 3)), sliced([7], Slice(1, 2, 2))
    (slice(0, 0, None), slice(1, 1, None))
    """
    total = max(sum(sizes), 1)
    begun = start = stop = 0
    for size in sizes:
        share = begun * part.shares // total
        start += share < part.start
        stop += share < part.stop
        begun += size
    return slice(start, stop)


@dataclass(frozen=True)
class Slicing(Generic[S, P, R]):
    """How :func:`run` works on a slice of an item and joins the slices' results into
    the item's: ``work(item, slice)`` in a worker, ``join(item, results)`` (in slice
    order) here."""

    work: Callable[[S, Slice], P]
    join: Callable[[S, list[P]], R]


class _Piece(Generic[S]):
    """One slice of an item, as it goes to a worker."""

    __slots__ = ("item", "part")

    def __init__(self, item: S, part: Slice) -> None:
        self.item = item
        self.part = part


class _Lost(NamedTuple):
    """A slice whose worker died on it (or whose work raised there), and why."""

    why: str


def run(work: Callable[[S], R], items: Iterable[S], jobs: int, *,
        size: Callable[[S], int] | None = None, budget: int = CHUNK_BYTES,
        setup: Callable[[], object] | None = None,
        lost: Callable[[S, str], R] | None = None,
        slicing: Slicing[S, Any, R] | None = None) -> Iterator[tuple[S, R]]:
    """``(item, work(item))`` for every item, in order, using up to ``jobs`` processes,
    each of which calls ``setup`` first (the watchdog of :mod:`cslint.runtime.timelimit`).

    Items go to the workers in chunks (of at most ``budget`` characters when ``size``
    is given), a few chunks ahead of the results being read, so the workers never wait
    for the parent and a streamed export is never all in memory at once. ``work`` must
    be a picklable callable where processes are spawned (not forked).

    An item on which a worker process died (killed, out of memory, ``os._exit``) or
    ``work`` raised in a worker gives ``(item, lost(item, why))`` and the run goes on
    (:mod:`cslint.runtime.workers`); without ``lost`` it raises :class:`RuntimeError`.

    With ``slicing`` (and ``size``), a run that uses the workers cuts its first item, when
    it is larger, into a slice of about ``WARM_UP_BYTES`` linted here and the rest, and
    each of its last ``jobs`` items into up to ``TAIL_SLICES`` slices; an item is
    given up (``lost``) when one of its slices is.
    """
    it = iter(items)
    first = _take(it, max(jobs, 1) * FIRST_PER_JOB, size, PARALLEL_BYTES)
    large = size is not None and len(first) >= jobs and sum(map(size, first)) >= PARALLEL_BYTES
    if jobs <= 1 or (len(first) < jobs * MIN_FILES_PER_JOB and not large):
        yield from ((item, work(item)) for item in first)
        yield from ((item, work(item)) for item in it)
        return
    if slicing is None or size is None:
        yield from _run(work, first, it, jobs, size, budget, setup, lost)
        return
    pieces = _cut(chain(first, it), size, jobs)
    piece_size = partial(_size, size)
    first_pieces = _take(pieces, len(first), piece_size, PARALLEL_BYTES)
    yield from _joined(_run(partial(_work, work, slicing.work), first_pieces, pieces, jobs, piece_size, budget, setup,
                            _lost), slicing.join, lost)


def _run(work: Callable[[S], R], first: list[S], rest: Iterator[S], jobs: int, size: Callable[[S], int] | None,
         budget: int, setup: Callable[[], object] | None, lost: Callable[[S, str], R] | None) -> Iterator[tuple[S, R]]:
    """The parallel part of :func:`run`: the first items here (the warm-up: some of
    ``first``), the rest in workers forked now."""
    warm = _take(iter(first), max(1, min(WARM_UP, len(first) // 2)), size, WARM_UP_BYTES)
    yield from ((item, work(item)) for item in warm)
    rest = chain(first[len(warm):], rest)
    import multiprocessing  # only a parallel run pays for importing it

    from .workers import Pool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunks = iter(partial(_take, rest, CHUNK_ITEMS, size, budget), [])
    with Pool(context, jobs, work, setup) as pool:
        yield from pool.results(chunks, jobs * AHEAD_PER_JOB, lost)


def _cut(items: Iterator[S], size: Callable[[S], int], jobs: int) -> Iterator[S | _Piece[S]]:
    """The items of a parallel run, the first and the last ones in slices (see
    :func:`run`); the last ``jobs`` are known once the items run out."""
    head = next(items, None)
    if head is None:
        return
    shares = size(head) // WARM_UP_BYTES
    if shares >= 2:
        yield _Piece(head, Slice(0, 1, shares))
        yield _Piece(head, Slice(1, shares, shares))
    else:
        yield head
    held: deque[S] = deque()
    for item in items:
        held.append(item)
        if len(held) > jobs:
            yield held.popleft()
    for item in held:
        shares = min(TAIL_SLICES, size(item) // TAIL_SLICE_CHARS)
        if shares >= 2:
            yield from (_Piece(item, Slice(k, k + 1, shares)) for k in range(shares))
        else:
            yield item


def _work(work: Callable[[S], R], sliced_work: Callable[[S, Slice], P], piece: S | _Piece[S]) -> R | P | _Lost:
    """An item or a slice of one, worked on (here for the warm-up, else in a worker);
    a slice whose work raised is lost, wherever it ran."""
    if not isinstance(piece, _Piece):
        return work(piece)
    try:
        return sliced_work(piece.item, piece.part)
    except Exception as exc:  # noqa: BLE001 - its item's outcome, given up whole
        return _Lost(f"{type(exc).__name__}: {exc}")


def _size(size: Callable[[S], int], piece: S | _Piece[S]) -> int:
    if isinstance(piece, _Piece):
        part = piece.part
        return size(piece.item) * (part.stop - part.start) // part.shares
    return size(piece)


def _lost(piece: object, why: str) -> _Lost:
    return _Lost(why)


def _joined(results: Iterator[tuple[S | _Piece[S], Any]], join: Callable[[S, list[Any]], R],
            lost: Callable[[S, str], R] | None) -> Iterator[tuple[S, R]]:
    """Each item and its result: a sliced item's once its last slice is in, joined."""
    held: list[Any] = []
    for piece, result in results:
        item = piece.item if isinstance(piece, _Piece) else piece
        if isinstance(piece, _Piece):
            held.append(result)
            if piece.part.stop < piece.part.shares:
                continue
            results_of, held = held, []
            failed = next((r for r in results_of if isinstance(r, _Lost)), None)
        else:
            results_of, failed = [], result if isinstance(result, _Lost) else None
        if failed is not None:
            if lost is None:
                raise RuntimeError(f"in a worker process: {failed.why}")
            yield item, lost(item, failed.why)
        elif isinstance(piece, _Piece):
            yield item, join(item, results_of)
        else:
            yield item, result


class Part(NamedTuple):
    """Replies ``start`` to ``stop`` (not included) of a shared file, ``chars`` characters
    of text in all."""

    start: int
    stop: int
    chars: int


class Share:
    """Shares the replies of one file over up to ``jobs`` worker processes: what the command
    line hands :func:`cslint.api.linted`, so that one export of 10,000 macros is linted on
    every core, as a library kept as many files is.

    The file is read once, here; the workers are forked once it is read (a :func:`run`
    of its parts), so they start with its replies, and only which replies to lint goes
    to them and only what was found comes back: replies, with their offset maps and
    encoders, never cross a process boundary. Where processes cannot be forked, and in
    a worker process (which has its share of the cores already), the file is linted in
    this process. Library calls never share: they pass no Share."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs if hasattr(os, "fork") else 1
        self._home = os.getpid()

    def parts(self, sizes: Sequence[int]) -> list[Part] | None:
        """The replies, of these sizes (in characters, in file order), cut into runs of
        :data:`PART_CHARS` or a little more; None when the file is linted in this process
        alone (one job, a worker process, less than :data:`SHARE_CHARS` of text).

        >>> [tuple(p) for p in Share(2).parts([400 * 1024, 30 * 1024, 30 * 1024, 100 * 1024])]
        [(0, 1, 409600), (1, 3, 61440), (3, 4, 102400)]
        >>> Share(2).parts([1000] * 100), Share(1).parts([SHARE_CHARS])
        (None, None)
        """
        if self.jobs <= 1 or os.getpid() != self._home or sum(sizes) < SHARE_CHARS:
            return None
        parts: list[Part] = []
        start = held = 0
        for stop, size in enumerate(sizes, 1):
            held += size
            if held >= PART_CHARS or stop == len(sizes):
                parts.append(Part(start, stop, held))
                start, held = stop, 0
        return parts

    def run(self, work: Callable[[Part], R], parts: Sequence[Part], lost: Callable[[Part, str], R]) -> Iterator[R]:
        """``work(part)`` for every part, in order (the first ones in this process, the
        rest in workers forked now: see :func:`run`); ``lost(part, why)`` for a part whose
        worker died on it, or whose work raised there."""
        for _, result in run(work, parts, self.jobs, size=_chars, setup=timelimit.watch, lost=lost):
            yield result


def _chars(part: Part) -> int:
    return part.chars


class Spread:
    """Runs the rules of one long reply in up to ``jobs`` processes at once: the rule
    runner the command line hands the engine (:data:`cslint.engine.linter.RuleRunner`).
    A 4 MB reply is one item to :func:`run`, which would leave every core but one idle.

    The rules that share the reply's anchor scan stay together in this process; the
    others are dealt over forked children (:meth:`cslint.prefilter.plan.Plan.parts`).
    Each rule reads the whole reply, so the findings are those of a serial run, in the
    same order. It spreads only in the process that made it: a worker process already
    has its share of the cores. Library calls never fork: they pass no Spread."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs if hasattr(os, "fork") else 1
        self._home = os.getpid()

    def __call__(self, plan: Plan, prose: Prose, watchdog: timelimit.Watchdog | None) -> Iterable[Raw]:
        from ..engine import linter as engine

        if self.jobs <= 1 or len(prose.text) < SPREAD_CHARS or os.getpid() != self._home:
            return engine.run_rules(plan, prose, watchdog)
        parts = plan.parts(self.jobs)
        found = forked(partial(_run_part, prose=prose, watchdog=watchdog), parts)
        by_rule = {id(part.rules[i]): raws for part, results in zip(parts, found) for i, raws in results}
        if watchdog is not None:  # a rule a child stopped is stopped here too
            timeout = engine.RULE_TIMEOUT[0]
            watchdog.stopped.update(rule.code for rule in plan.rules
                                    if any(raw.code == timeout for raw in by_rule.get(id(rule), ())))
        return [raw for rule in plan.rules for raw in by_rule.get(id(rule), ())]


def _run_part(plan: Plan, prose: Prose, watchdog: timelimit.Watchdog | None) -> list[tuple[int, list[Raw]]]:
    """The findings of each rule of a part that may find something in the reply, by the
    rule's place in the part (what comes back from another process is a copy)."""
    from ..engine import linter as engine

    place = {id(rule): i for i, rule in enumerate(plan.rules)}
    return [(place[id(rule)], list(engine.findings((rule,), prose, watchdog))) for rule in plan.to_run(prose)]


def forked(work: Callable[[S], R], items: Sequence[S]) -> list[R]:
    """``work(item)`` for every item, all at once: the first in this process and each
    other one in a forked child, which starts with everything this process has (the
    reply, the rules, the patterns loaded) and sends back only its result. An item whose
    child cannot be started (no memory or processes left) is worked on here instead. An
    error in a child is raised here as a :class:`RuntimeError` that names it."""
    children: dict[int, tuple[int, int]] = {}
    results: dict[int, R] = {}
    try:
        for index, item in enumerate(items[1:], 1):
            started = _fork(work, item)
            if started is not None:
                children[index] = started
        for index, item in enumerate(items):
            if index not in children:
                results[index] = work(item)
    finally:
        outcomes = {index: _wait(pid, read_end) for index, (pid, read_end) in children.items()}
    for index, (ok, value) in outcomes.items():
        if not ok:
            raise RuntimeError(f"in a worker process: {value}")
        results[index] = value  # type: ignore[assignment]
    return [results[index] for index in range(len(items))]


def _fork(work: Callable[[S], R], item: S) -> tuple[int, int] | None:
    """A child working on ``item``: its process id and the pipe its result comes back
    on; None when it cannot be started."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        os.close(read_end)
        _child(work, item, write_end)
    os.close(write_end)
    return pid, read_end


def _child(work: Callable[[S], R], item: S, write_end: int) -> NoReturn:  # pragma: no cover - runs in the child
    """Run ``work`` on ``item`` and write ``(ok, result or error)`` to the pipe; never
    returns, and flushes nothing this process inherited (the parent's output buffers)."""
    import pickle

    try:
        timelimit.after_fork()
        try:
            data = pickle.dumps((True, work(item)), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
            data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
        with open(write_end, "wb") as out:
            out.write(data)
    finally:
        os._exit(0)


def _wait(pid: int, read_end: int) -> tuple[bool, object]:
    """What a child sent, once it has exited."""
    import pickle

    with open(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return False, f"it ended without a result (exit status {status})"
    return pickle.loads(data)
