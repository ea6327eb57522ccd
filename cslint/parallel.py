"""Lint many files in worker processes (``-j N`` / ``--jobs N``), in the serial order.

Linting is CPU-bound Python, so threads would not help; processes do. Workers are forked
where the platform allows it, so they start with the rules the parent already loaded.
Files go out in batches and results come back in the order they went out, so the
output is byte for byte what a serial run prints. A handful of files is linted in the
parent: starting workers costs more than it saves there, unless they are large (the
windows of a streamed export are linted in parallel too).
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

S = TypeVar("S")
R = TypeVar("R")

#: Fewer files than this (per worker) are linted serially.
MIN_FILES_PER_JOB = 8
#: Files handed out per batch and worker; a batch bounds what is held in memory at once.
BATCH_PER_JOB = 64
#: Items (at most half the first batch) linted in the parent before the workers start.
WARM_UP = 100
#: Or at least this many characters of text in all (large files, or export windows).
PARALLEL_BYTES = 2 * 1024 * 1024
#: Characters of text handed out per batch at most (when items have a size).
BATCH_BYTES = 4 * 1024 * 1024

_WORK: Callable[..., object] | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init(work: Callable[..., object]) -> None:
    global _WORK
    _WORK = work


def _call(item: object) -> object:
    assert _WORK is not None
    return _WORK(item)


def _batch(it: Iterator[S], count: int, size: Callable[[S], int] | None, budget: int) -> list[S]:
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
        size: Callable[[S], int] | None = None, budget: int = BATCH_BYTES) -> Iterator[tuple[S, R]]:
    """``(item, work(item))`` for every item, in order, using up to ``jobs`` processes.

    With ``size``, a batch also stops at ``budget`` (the windows of a streamed export
    are never all in memory at once). ``work`` must be a picklable callable where
    processes are spawned (not forked).
    """
    it = iter(items)
    first = _batch(it, max(jobs, 1) * BATCH_PER_JOB, size, budget)
    large = size is not None and len(first) >= jobs and sum(map(size, first)) >= PARALLEL_BYTES
    if jobs <= 1 or (len(first) < jobs * MIN_FILES_PER_JOB and not large):
        yield from ((item, work(item)) for item in first)
        yield from ((item, work(item)) for item in it)
        return
    # The parent lints the first items itself: the patterns they need are compiled once,
    # and forked workers start with them instead of each compiling them again.
    split = min(WARM_UP, len(first) // 2)
    warm, batch = first[:split], first[split:]
    yield from ((item, work(item)) for item in warm)
    if not batch:
        yield from ((item, work(item)) for item in it)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(jobs, initializer=_init, initargs=(work,)) as pool:
        while batch:
            chunk = max(1, len(batch) // (jobs * 4))
            yield from zip(batch, pool.imap(_call, batch, chunk))  # type: ignore[misc]
            batch = _batch(it, jobs * BATCH_PER_JOB, size, budget)
