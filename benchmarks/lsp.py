"""The language server's latency: ``python benchmarks/lsp.py [--rounds N]``.

How long ``cslint lsp`` takes from receiving a ``didChange`` of a 2,000-character reply
to publishing its diagnostics, measured two ways:

- in the server process: what a worker thread does with each version of a buffer
  (:func:`cslint.lsp.server.lint`: lint it, convert the findings), timed in this process;
- over stdio: the real server (``--debounce 0``) in a subprocess, from writing the
  ``didChange`` to reading the ``publishDiagnostics`` of that version (JSON-RPC framing
  and the pipes included).

Wall time is what the editor waits; on a busy machine it also holds the time other
processes took, so the mean processor time per change is shown beside it (of this
thread in the process; of the whole server process over stdio, from ``/proc`` where the
system has it, in clock ticks summed over all changes).

In an editor the debounce delay (``--debounce``, 250 ms by default) comes before both:
the server waits that long after the last change before it lints. Every change is a
different reply (replies of the shared corpus joined up to 2,000 characters), so no
cache of an earlier version helps. Skips cleanly without the corpus or pygls.
"""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from inputs import texts  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SIZE = 2000


def replies(corpus: Path, count: int) -> Iterator[str]:
    """``count`` texts of :data:`SIZE` characters, each corpus replies joined by blank
    lines (a long e-mail reply, as an agent writes it)."""
    source = texts(corpus / "twcs.jsonl")
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < SIZE:
            parts.append(next(source))
        yield "\n\n".join(parts)[:SIZE]


def summary(name: str, seconds: Sequence[float], cpu: float | None) -> str:
    """A row: the wall times' median, 90th percentile and maximum, and the mean
    processor time (``cpu``: seconds for all the changes together), in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    mean_cpu = f"{cpu * 1000 / len(ms):.1f}" if cpu is not None else "n/a"
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {p90:.1f} | {ms[-1]:.1f} | {mean_cpu} |"


def process_cpu(pid: int) -> float | None:
    """Seconds of processor time (user and system) process ``pid`` has used, where
    ``/proc`` says."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def in_process(texts_: list[str]) -> tuple[list[float], float, int]:
    """The times, the processor time of them all, and the diagnostics of all versions
    together."""
    from cslint.lsp.documents import Linting
    from cslint.lsp.server import lint

    linting = Linting()
    with tempfile.TemporaryDirectory(prefix="cslint-lsp-bench-") as tmp:
        path = str(Path(tmp) / "reply.txt")
        lint(linting, path, "Warm-up: rules loaded, as the server has them after opening a buffer.", 0, "utf-16")
        times = []
        found = 0
        cpu = time.thread_time()
        for version, text in enumerate(texts_, 1):
            start = time.perf_counter()
            _, shown = lint(linting, path, text, version, "utf-16")
            times.append(time.perf_counter() - start)
            found += len(shown)
        cpu = time.thread_time() - cpu
    return times, cpu, found


def over_stdio(texts_: list[str]) -> tuple[list[float], float | None, int]:
    """The round trips, the server's processor time over them all, and the diagnostics
    of all versions together (the same as in the server: the round trips carried the
    findings)."""
    from lsp_client import Client

    with tempfile.TemporaryDirectory(prefix="cslint-lsp-bench-") as tmp:
        root = Path(tmp)
        client = Client(root, "--debounce", "0")
        try:
            client.initialize(root)
            uri = client.open(root / "reply.txt", "Warm-up: rules loaded.")
            client.diagnostics(uri, version=1)
            times = []
            found = 0
            before = process_cpu(client.proc.pid)
            for version, text in enumerate(texts_, 2):
                start = time.perf_counter()
                client.change(uri, text, version)
                found += len(client.diagnostics(uri, version=version))
                times.append(time.perf_counter() - start)
            after = process_cpu(client.proc.pid)
            client.shutdown()
        finally:
            client.kill()
    return times, None if before is None or after is None else after - before, found


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=200, help="changes measured each way (default: 200)")
    p.add_argument("--corpus", type=Path, default=CORPUS, help="the shared reply corpus folder")
    args = p.parse_args(argv)
    if not (args.corpus / "twcs.jsonl").is_file():
        print(f"benchmark skipped: no reply corpus at {args.corpus}")
        return 0
    if importlib.util.find_spec("pygls") is None:
        print('benchmark skipped: pygls is not installed (pip install "cslint[lsp]")')
        return 0
    from cslint.lsp import DEBOUNCE_MS

    made = list(itertools.islice(replies(args.corpus, args.rounds), args.rounds))
    inside, inside_cpu, linted = in_process(made)
    trips, server_cpu, published = over_stdio(made)
    print(f"cslint lsp: didChange of a {SIZE:,}-character reply to its diagnostics, {args.rounds} changes "
          f"(each a different reply); milliseconds")
    print("| measured | changes | median | 90th percentile | max | mean CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    print(summary("in the server (lint, convert)", inside, inside_cpu))
    print(summary("over stdio, --debounce 0", trips, server_cpu))
    print(f"(diagnostics: {linted} in the server, {published} published; in an editor the debounce delay, "
          f"{DEBOUNCE_MS} ms by default, comes first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
