"""Worker processes that a dying worker cannot hang: the pool behind ``-j N``.

``multiprocessing.Pool`` loses the task of a worker that dies (``kill -9``, the OOM
killer, a plugin calling ``os._exit``, ``SystemExit`` raised in it): it starts another
worker, and the result the parent waits for never comes. Here each worker has a pipe of
its own each way, so the parent knows which chunks a worker holds, and watches each
worker's process as well as its results. A worker also counts, in memory it shares with
the parent, the items it has started, so when it dies the parent knows the item it was
on: that item alone is given up (:meth:`Pool.results` hands it to ``lost``), and the
others it held go to a worker started in its place.

Each worker reads its pipe in a thread of its own, so the parent's sending never waits
on a worker that is itself waiting for the parent to read its results.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

S = TypeVar("S")
R = TypeVar("R")

#: Seconds a worker is given to end once the run no longer needs it, before it is killed.
GRACE = 1.0


@dataclass(eq=False)  # (a chunk is found in the queue by identity: two may hold equal items)
class _Chunk(Generic[S]):
    """Items sent to a worker together, and what came back: ``(True, result)`` or
    ``(False, why it failed)`` per item."""

    items: list[S]
    outcomes: list[tuple[bool, Any]] | None = None


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection
    results: Connection
    #: Items this worker has started, counted by the worker itself (shared memory).
    started: Any
    #: The chunks sent to it and not yet answered, in the order sent.
    held: deque[_Chunk[Any]] = field(default_factory=deque)
    #: Items of the chunks it has answered.
    done: int = 0


def _serve(work: Callable[[Any], Any], setup: Callable[[], object] | None, tasks: Connection,
           results: Connection, started: Any) -> None:  # pragma: no cover - runs in the worker
    """A worker: chunks in, one list of outcomes per chunk out, until ``None`` comes.

    Every error inside ``work``, ``SystemExit`` and ``KeyboardInterrupt`` included, is the
    outcome of its item; only the death of the process is left for the parent to see.
    Ctrl-C is the parent's to handle (it ends the workers)."""
    import queue
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if setup is not None:
        setup()
    inbox: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()

    def receive() -> None:
        try:
            while (chunk := tasks.recv()) is not None:
                inbox.put(chunk)
        except (EOFError, OSError):
            pass
        inbox.put(None)

    threading.Thread(target=receive, daemon=True).start()
    while (chunk := inbox.get()) is not None:
        outcomes: list[tuple[bool, Any]] = []
        for item in chunk:
            started.value += 1
            try:
                outcomes.append((True, work(item)))
            except BaseException as exc:  # noqa: BLE001 - the item's outcome; the worker goes on
                outcomes.append((False, f"{type(exc).__name__}: {exc}"))
        results.send(outcomes)


def _death(process: BaseProcess) -> str:
    """How a worker process ended, for the notice of the item it was on."""
    import signal

    process.join(GRACE)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process linting it was killed by {name}"
    return f"the worker process linting it ended (exit status {code})"


class Pool(Generic[S, R]):
    """``jobs`` worker processes calling ``work`` (after ``setup``) on chunks of items."""

    def __init__(self, context: BaseContext, jobs: int, work: Callable[[S], R],
                 setup: Callable[[], object] | None) -> None:
        self._context = context
        self._work = work
        self._setup = setup
        self._workers: list[_Worker] = []
        try:
            for _ in range(jobs):
                self._workers.append(self._start())
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        context: Any = self._context
        task_out, task_in = context.Pipe(duplex=False)
        result_out, result_in = context.Pipe(duplex=False)
        started = context.RawValue("q", 0)
        process = context.Process(target=_serve, args=(self._work, self._setup, task_out, result_in, started),
                                  daemon=True)
        process.start()
        task_out.close()  # (the worker's ends: a worker started later must not inherit them)
        result_in.close()
        return _Worker(process, task_in, result_out, started)

    def close(self) -> None:
        """End every worker (they are idle once their results are in) and wait for them."""
        for w in self._workers:
            if w.process.is_alive():
                w.process.terminate()
        for w in self._workers:
            w.process.join(GRACE)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.tasks.close()
            w.results.close()
        self._workers = []

    def __enter__(self) -> Pool[S, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, chunk: _Chunk[S]) -> None:
        """To the worker holding the fewest chunks. A worker that died meanwhile is seen
        by :meth:`_wait`, which sends what it held again."""
        worker = min(self._workers, key=lambda w: len(w.held))
        worker.held.append(chunk)
        try:
            worker.tasks.send(chunk.items)
        except OSError:
            pass

    def results(self, chunks: Iterator[list[S]], ahead: int,
                lost: Callable[[S, str], R] | None) -> Iterator[tuple[S, R]]:
        """``(item, work(item))`` for the items of every chunk, in order, with up to
        ``ahead`` chunks in the workers at once. An item whose worker died on it, or whose
        work raised, gives ``lost(item, why)``; without ``lost``, :class:`RuntimeError`."""
        pending: deque[_Chunk[S]] = deque()
        more = True
        while True:
            while more and len(pending) < ahead:
                items = next(chunks, None)
                if not items:
                    more = False
                    break
                pending.append(_Chunk(items))
                self._send(pending[-1])
            if not pending:
                return
            while pending[0].outcomes is None:
                self._wait(pending)
            chunk = pending.popleft()
            assert chunk.outcomes is not None
            for item, (ok, value) in zip(chunk.items, chunk.outcomes):
                if ok:
                    yield item, value
                elif lost is not None:
                    yield item, lost(item, value)
                else:
                    raise RuntimeError(f"in a worker process: {value}")

    def _wait(self, pending: deque[_Chunk[S]]) -> None:
        """Take in what the workers sent, and replace any that died."""
        from multiprocessing.connection import wait

        by_handle: dict[Any, _Worker] = {}
        for w in self._workers:
            by_handle[w.results] = by_handle[w.process.sentinel] = w
        for ready in wait(list(by_handle)):
            w = by_handle[ready]
            if w not in self._workers:
                continue  # (replaced a moment ago)
            if ready is w.results:
                self._receive(w)
            else:
                self._replace(w, pending)

    @staticmethod
    def _receive(w: _Worker) -> bool:
        """One answer from ``w``; False when none could be read (the worker ended)."""
        try:
            outcomes = w.results.recv()
        except (EOFError, OSError):
            return False
        chunk = w.held.popleft()
        chunk.outcomes = outcomes
        w.done += len(chunk.items)
        return True

    def _replace(self, dead: _Worker, pending: deque[_Chunk[S]]) -> None:
        """A worker died: take in what it sent before, give up the item it was on (the
        first item it held when it had started none), and send the rest of what it held
        to a worker started in its place."""
        while dead.held and dead.results.poll() and self._receive(dead):
            pass
        why = _death(dead.process)
        dead.tasks.close()
        dead.results.close()
        self._workers.remove(dead)
        if not dead.held:  # (killed while idle: the others go on, unless none is left)
            if not self._workers:
                self._workers.append(self._start())
            return
        first = dead.held[0]
        at = min(max(dead.started.value - dead.done - 1, 0), len(first.items) - 1)
        given_up = _Chunk([first.items[at]], [(False, why)])
        parts = [_Chunk(first.items[:at]), given_up, _Chunk(first.items[at + 1:])]
        resend = [part for part in parts if part.items and part is not given_up] + list(dead.held)[1:]
        place = pending.index(first)
        pending.remove(first)
        for part in reversed([part for part in parts if part.items]):
            pending.insert(place, part)
        self._workers.append(self._start())
        for chunk in resend:
            self._send(chunk)
