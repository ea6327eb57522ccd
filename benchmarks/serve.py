"""Latency of ``cslint serve``: ``python benchmarks/serve.py [--requests N]``.

The page asks for findings a moment after each pause in typing, so what counts is the
time from a changed reply to its findings. A server runs in this process on a loopback
port with the default configuration; each request sends a 2,000-character reply (the
replies of ``docs/examples/`` one after another, repeated to that length) that differs
from the one before by one keystroke, with a customer's message, as the page sends them:
a new connection per request, JSON in and out. It prints the median, 90th percentile and
largest wall time of the request as the client sees it (connection, HTTP, JSON, linting)
and of ``App.lint`` alone (what the server does once the request is read), and the
median CPU time, which a busy machine disturbs least. The first
requests (rules loaded, caches warm) are not counted. It installs nothing and needs
nothing outside the repository.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cslint.config import Config  # noqa: E402
from cslint.serve.app import App  # noqa: E402
from cslint.serve.server import Server  # noqa: E402

LENGTH = 2_000
CONTEXT = "I was charged twice for my order and nobody has answered my emails for a week!"
WARM_UP = 5


def reply(length: int = LENGTH) -> str:
    """The example replies one after another until ``length`` characters."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "docs" / "examples").iterdir())]
    whole = "\n\n".join(texts)
    return ("\n\n".join([whole] * (length // len(whole) + 1)))[:length]


def typed(text: str, n: int) -> str:
    """``text`` with one letter typed at a place that moves with ``n`` (same length)."""
    at = (n * 37) % len(text)
    return text[:at] + "abcdefghij"[n % 10] + text[at + 1:]


def timed(call: Callable[[str], object], text: str, requests: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each call (CPU of this whole process: over HTTP, the
    client's share and the server thread's together)."""
    for n in range(WARM_UP):
        call(typed(text, n))
    wall, cpu = [], []
    for n in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        call(typed(text, WARM_UP + n))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def row(name: str, seconds: tuple[list[float], list[float]]) -> str:
    ms = sorted(s * 1000 for s in seconds[0])
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    cpu = statistics.median(s * 1000 for s in seconds[1])
    return f"| {name} | {statistics.median(ms):.1f} | {p90:.1f} | {ms[-1]:.1f} | {cpu:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests measured (default: 200)")
    args = parser.parse_args()
    app = App(Config())
    server = Server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def over_http(text: str) -> object:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        try:
            connection.request("POST", "/api/lint", json.dumps({"reply": text, "context": CONTEXT}),
                               {"Content-Type": "application/json"})
            response = connection.getresponse()
            body = json.loads(response.read())
            assert response.status == 200, body
            return body
        finally:
            connection.close()

    def in_app(text: str) -> object:
        return app.lint({"reply": text, "context": CONTEXT})

    text = reply()
    try:
        http_seconds = timed(over_http, text, args.requests)
        app_seconds = timed(in_app, text, args.requests)
        answer = over_http(text)
    finally:
        server.shutdown()
        server.server_close()
    findings = len(answer["findings"])  # type: ignore[index]
    print(f"a {len(text):,}-character reply with a customer's message ({findings} findings before the keystrokes), "
          f"{args.requests} requests, each one keystroke from the last")
    print("| measured | median ms | 90th percentile ms | largest ms | median CPU ms |")
    print("|---|---:|---:|---:|---:|")
    print(row("request over loopback HTTP (client's clock)", http_seconds))
    print(row("App.lint alone (no HTTP)", app_seconds))


if __name__ == "__main__":
    main()
