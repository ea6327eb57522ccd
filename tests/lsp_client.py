"""A small JSON-RPC client that drives ``cslint lsp`` as an editor does: a subprocess
spoken to over its standard input and output, each message framed by a
``Content-Length`` header (the base protocol of LSP). ``benchmarks/lsp.py`` drives the
server with it too."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The project (its cslint is the one the server runs).
ROOT = Path(__file__).resolve().parents[1]

Message = dict[str, Any]
#: Seconds to wait for an answer: generous, for a loaded machine (no test times anything).
WAIT = 60.0


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    """``cslint lsp`` in a subprocess, and what it sent back."""

    def __init__(self, cwd: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        self.proc = subprocess.Popen([sys.executable, "-m", "cslint", "lsp", *args], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue[Message | None] = queue.Queue()
        #: Messages read but not yet asked for, in the order they came.
        self.backlog: list[Message] = []
        self.stderr: list[bytes] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    # the wire

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self.inbox.put(json.loads(out.read(length)))

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    def raw(self, data: bytes) -> None:
        """Bytes as they are, framed or not."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: Message) -> None:
        self.raw(frame(json.dumps(message).encode()))

    # messages

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any = None) -> Message:
        """Send a request and wait for its response (the whole message: ``result`` or
        ``error``)."""
        self.next_id += 1
        ident = self.next_id
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m)

    def wait(self, wanted: Callable[[Message], bool], timeout: float = WAIT) -> Message:
        """The first message, read or still to come, that ``wanted`` accepts."""
        for i, m in enumerate(self.backlog):
            if wanted(m):
                return self.backlog.pop(i)
        end = time.monotonic() + timeout
        while True:
            try:
                m = self.inbox.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no such message within {timeout} s; stderr: {b''.join(self.stderr)!r}") from None
            if m is None:
                raise AssertionError(f"the server closed its output; stderr: {b''.join(self.stderr)!r}")
            if "method" in m and "id" in m:  # a request from the server: answered as a client would
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if wanted(m):
                return m
            self.backlog.append(m)

    def settle(self, seconds: float) -> list[Message]:
        """Every message that comes within ``seconds`` (nothing is expected: the test then
        checks what did come)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                m = self.inbox.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                break
            if m is not None:
                self.backlog.append(m)
        found, self.backlog = self.backlog, []
        return found

    def diagnostics(self, uri: str, version: int | None = None) -> list[Message]:
        """The diagnostics published next for ``uri`` (for that version, when given)."""
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                      and (version is None or m["params"].get("version") == version))
        return list(m["params"]["diagnostics"])

    # the life of a session

    def initialize(self, root: Path, capabilities: Message | None = None) -> Message:
        caps = {"workspace": {"workspaceEdit": {"documentChanges": True}},
                "textDocument": {"publishDiagnostics": {"versionSupport": True}}} if capabilities is None else capabilities
        answer = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": caps,
                                             "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]})
        self.notify("initialized", {})
        return answer["result"]

    def open(self, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def shutdown(self) -> int:
        """``shutdown`` then ``exit``, as an editor ends a session; the exit status."""
        assert "result" in self.request("shutdown")
        self.notify("exit")
        return self.close()

    def close(self) -> int:
        """Close the server's input and wait for it to end."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout=WAIT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
