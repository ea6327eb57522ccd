"""The HTTP side of ``cslint serve``: the standard library's threading server, the page's
files, and two JSON endpoints, with limits a shared or hostile client cannot get past.

- Nothing a client sends is logged or kept: the default request log (which names the
  request line) is silenced, and an error inside the server writes its type only.
- A request body above :data:`MAX_BODY` bytes gets 413 (read and dropped first, up to
  :data:`MAX_DRAINED`, so the client reads the answer instead of a reset connection); a
  body that is not JSON gets 400; a client that stalls is dropped after
  :attr:`Handler.timeout` seconds; a client that goes away costs its own thread only.
- Every answer forbids other origins (Content-Security-Policy) and content sniffing, and
  is not cached.
"""
from __future__ import annotations

import ipaddress
import json
import socket
import socketserver
import sys
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .app import App, Refused

#: The Host names a page on a loopback address answers to (see Handler._foreign_host).
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

#: The largest request body read: a reply and a customer's message many times longer than
#: any real one (a pasted log or export is refused with 413, not linted).
MAX_BODY = 1_000_000
#: A refused body up to this size is read and dropped before answering; a larger one is
#: answered at once and the connection closed.
MAX_DRAINED = 64_000_000

#: Headers on every answer: only this server's own files run in the page, and it may be
#: neither framed nor cached (the replies are customers' conversations).
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

#: The page's files: URL path -> (file in ``static/``, content type).
ASSETS = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/serve.css": ("serve.css", "text/css; charset=utf-8"),
    "/serve.js": ("serve.js", "text/javascript; charset=utf-8"),
}

#: The JSON endpoints: URL path -> what answers them.
ROUTES: dict[str, Callable[[App, object], dict[str, object]]] = {
    "/api/lint": App.lint,
    "/api/fix": App.fix,
}


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str


def load_assets() -> dict[str, Asset]:
    """The page's files, read once from the package (shipped in the wheel)."""
    folder = resources.files(__package__) / "static"
    return {path: Asset((folder / name).read_bytes(), kind) for path, (name, kind) in ASSETS.items()}


class Server(ThreadingHTTPServer):
    """One thread per connection; the threads never keep the server from stopping."""

    daemon_threads = True

    def __init__(self, host: str, port: int, app: App) -> None:
        self.app = app
        self.assets = load_assets()
        # (the address family of the host given: an IPv6 address or name needs AF_INET6)
        self.address_family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        super().__init__((host, port), Handler)

    def server_bind(self) -> None:
        """Bind as HTTPServer does, without its reverse DNS look-up of the address (which
        can take seconds for 0.0.0.0 on a machine with no DNS, and is never used)."""
        socketserver.TCPServer.server_bind(self)
        #: The address and port listened on (the port ``--port 0`` was given).
        self.host: str = self.socket.getsockname()[0]
        self.port: int = self.socket.getsockname()[1]
        self.server_name, self.server_port = self.host, self.port

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is no error; anything else is told by its type only
        (its message could quote what the client sent)."""
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            print(f"cslint serve: internal error ({type(error).__name__}) answering a request", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "cslint"
    #: Seconds a client may stall while sending its request before it is dropped.
    timeout = 30

    def version_string(self) -> str:
        return self.server_version  # (not which Python runs it)

    def log_message(self, format: str, *args: Any) -> None:
        """Nothing is logged: the request line alone may hold what the client typed."""

    def _foreign_host(self) -> bool:
        """A page served on loopback answers only to loopback names: a web page elsewhere
        can point a name of its own at 127.0.0.1 (DNS rebinding) and would then read the
        answers as its own origin. A team server (another ``--host``) takes any name."""
        if not ipaddress.ip_address(self.server.host).is_loopback:
            return False
        name = (self.headers.get("Host") or "").strip().lower()
        name = name[1:name.find("]")] if name.startswith("[") else name.rsplit(":", 1)[0]
        if name in LOOPBACK_NAMES:
            return False
        self.close_connection = True  # (a refused POST's body is never read)
        self._json(421, {"error": "cslint serve answers only to localhost, 127.0.0.1 and [::1] on a loopback address"})
        return True

    def do_GET(self) -> None:
        if self._foreign_host():
            return
        asset = self.server.assets.get(urlsplit(self.path).path)
        if asset is None:
            self._json(404, {"error": "no such page"})
        else:
            self._send(200, asset.body, asset.content_type)

    def do_POST(self) -> None:
        if self._foreign_host():
            return
        route = ROUTES.get(urlsplit(self.path).path)
        if route is None:
            self._json(404, {"error": "no such endpoint"})
            return
        try:
            body = self._body()
        except Refused as exc:
            self._json(exc.status, {"error": str(exc)})
            return
        if body is None:
            return  # the client went away mid-request: nobody to answer
        try:
            try:
                data = json.loads(body)
            except (ValueError, RecursionError) as exc:  # (JSONDecodeError and UnicodeDecodeError are ValueErrors)
                raise Refused(400, f"the request is not JSON ({type(exc).__name__})") from None
            answer = route(self.server.app, data)
        except Refused as exc:
            self._json(exc.status, {"error": str(exc)})
        except Exception as exc:  # noqa: BLE001 - one request's failure is not the server's
            self._json(500, {"error": f"internal error in cslint ({type(exc).__name__}); please report it"})
        else:
            self._json(200, answer)

    def _body(self) -> bytes | None:
        """The request body, or None when the client closed the connection before sending
        all of it; refuses (:class:`Refused`) a body that is not JSON or too large."""
        kind = self.headers.get_content_type()
        if kind != "application/json":
            raise Refused(415, f"send the request as application/json, not {kind}")
        given = self.headers.get("Content-Length")
        if given is None:
            raise Refused(411, "the request needs a Content-Length")
        if not given.isdigit():
            raise Refused(400, "the Content-Length is not a number")
        length = int(given)
        if length > MAX_BODY:
            self._drop(length)
            raise Refused(413, f"the request is {length:,} bytes; cslint serve takes {MAX_BODY:,} at most "
                               "(a reply and a customer's message are far shorter)")
        body = self.rfile.read(length)
        return body if len(body) == length else None

    def _drop(self, length: int) -> None:
        """Read and forget a refused body, so the client gets the answer and no reset;
        one too large to wait for closes the connection after the answer instead."""
        if length > MAX_DRAINED:
            self.close_connection = True
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                return
            length -= len(chunk)

    def _json(self, status: int, data: dict[str, object]) -> None:
        self._send(status, json.dumps(data).encode("ascii"), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
