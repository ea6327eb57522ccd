"""Lint many files in worker processes (``-j N`` / ``--jobs N``), in the serial order.

Linting is CPU-bound Python, so threads would not help; processes do. Workers are forked
where the platform allows it, so they start with the rules the parent already loaded.
Files go out in batches and results come back in the order they went out, so the
output is byte for byte what a serial run prints. A handful of files is linted in the
parent: starting workers costs more than it saves there, unless they are large (the
windows of a streamed export are linted in parallel too).
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

S = TypeVar("S")
R = TypeVar("R")

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
#: message each way is a small part of the work (2,000 one-reply files: 0.53 s with
#: chunks of 3, 0.43 s with chunks of 32).
CHUNK_ITEMS = 32
#: Chunks in flight per worker: enough that no worker waits for the next one, few enough
#: that memory stays bounded (a streamed export is never read far ahead).
AHEAD_PER_JOB = 2

_WORK: Callable[..., object] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init(work: Callable[..., object], setup: Callable[[], object] | None) -> None:
    global _WORK
    _WORK = work
    if setup is not None:
        setup()


def _call(chunk: list[object]) -> list[object]:
    assert _WORK is not None
    return [_WORK(item) for item in chunk]


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


def run(work: Callable[[S], R], items: Iterable[S], jobs: int, *,
        size: Callable[[S], int] | None = None, budget: int = CHUNK_BYTES,
        setup: Callable[[], object] | None = None) -> Iterator[tuple[S, R]]:
    """``(item, work(item))`` for every item, in order, using up to ``jobs`` processes,
    each of which calls ``setup`` first (the watchdog of :mod:`cslint.timelimit`).

    Items go to the workers in chunks (of at most ``budget`` characters when ``size``
    is given), a few chunks ahead of the results being read, so the workers never wait
    for the parent and a streamed export is never all in memory at once. ``work`` must
    be a picklable callable where processes are spawned (not forked).
    """
    it = iter(items)
    first = _take(it, max(jobs, 1) * FIRST_PER_JOB, size, PARALLEL_BYTES)
    large = size is not None and len(first) >= jobs and sum(map(size, first)) >= PARALLEL_BYTES
    if jobs <= 1 or (len(first) < jobs * MIN_FILES_PER_JOB and not large):
        yield from ((item, work(item)) for item in first)
        yield from ((item, work(item)) for item in it)
        return
    warm = _take(iter(first), max(1, min(WARM_UP, len(first) // 2)), size, WARM_UP_BYTES)
    yield from ((item, work(item)) for item in warm)
    rest = chain(first[len(warm):], it)
    import multiprocessing  # only a parallel run pays for importing it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_init, initargs=(work, setup)) as pool:
        pending: deque[tuple[list[S], AsyncResult[list[R]]]] = deque()
        while True:
            while len(pending) < jobs * AHEAD_PER_JOB and (chunk := _take(rest, CHUNK_ITEMS, size, budget)):
                pending.append((chunk, pool.apply_async(_call, (chunk,))))
            if not pending:
                return
            chunk, result = pending.popleft()
            yield from zip(chunk, result.get())
