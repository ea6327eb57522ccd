"""``cslint serve`` over HTTP: the findings the command line gives, fixes as ``--fix``
applies them, and a server that answers a hostile client with an error and serves on."""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from cslint.config import Config
from cslint.serve.app import App
from cslint.serve.server import MAX_BODY, Server

REPLY = "😀 Hi! As I said, we will utilize it prior to Monday."


#: The rules the exact answers below are about (new rules elsewhere do not change them).
RULES = Config(select=("CS101", "CS201", "CS305"))


@contextmanager
def serving(config: Config) -> Iterator[Server]:
    """A server on a free loopback port, in a thread of this process."""
    running = Server("127.0.0.1", 0, App(config))
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.shutdown()
        running.server_close()
        thread.join()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving(RULES) as running:
        yield running


def request(server: Server, method: str, path: str, body: bytes | None = None,
            content_type: str = "application/json") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        connection.request(method, path, body, {"Content-Type": content_type} if body is not None else {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def post(server: Server, path: str, data: object) -> tuple[int, dict[str, object]]:
    status, _, body = request(server, "POST", path, json.dumps(data).encode("utf-8"))
    return status, json.loads(body)


def finding(line: int, column: int, end: int, code: str, rule: str, principle: str, message: str,
            fix: str | None, start: int) -> dict[str, object]:
    return {"path": "<reply>", "line": line, "column": column, "end_line": line, "end_column": end, "code": code,
            "rule": rule, "principle": principle, "severity": "warning", "message": message, "item": None,
            "fix": None if fix is None else {"replacement": fix, "applicability": "safe"},
            "start": start, "end": start + end - column}


AS_I_SAID = finding(1, 7, 16, "CS101", "passive-aggressive", "respect",
                    "'As I said' reads as passive-aggressive; restate the point kindly instead of pointing back at it", None, 6)
UTILIZE = finding(1, 26, 33, "CS201", "bureaucratic-wording", "clarity", "'utilize' is stilted; use 'use'", "use", 25)
PRIOR_TO = finding(1, 37, 45, "CS201", "bureaucratic-wording", "clarity", "'prior to' is stilted; use 'before'", "before", 36)


def test_lint_gives_the_findings_with_their_spans_in_code_points(server: Server) -> None:
    status, answer = post(server, "/api/lint", {"reply": REPLY})
    assert status == 200
    assert answer == {"findings": [AS_I_SAID, UTILIZE, PRIOR_TO],
                      "summary": [{"principle": "respect", "count": 1}, {"principle": "clarity", "count": 2}]}
    # the emoji before them is one code point: each span is the flagged text itself
    assert [REPLY[f["start"]:f["end"]] for f in answer["findings"]] == ["As I said", "utilize", "prior to"]  # type: ignore[index]


def test_lint_gives_what_the_command_line_gives_on_the_same_text(tmp_path: Path) -> None:
    reply = "Dear customer,\r\nPlease be advised that, as I said, we will utilize 👍 it.\n\nKind regards"
    cli = run_cli("--format", "json", "--input-format", "text", "--stdin-filename", "<reply>", "-", cwd=tmp_path, stdin=reply)
    expected = json.loads(cli.stdout)
    assert len(expected) >= 3
    with serving(Config()) as server:  # (every rule on by default)
        status, answer = post(server, "/api/lint", {"reply": reply, "context": ""})
    assert status == 200
    assert [{k: v for k, v in f.items() if k not in ("start", "end")} for f in answer["findings"]] == expected  # type: ignore[union-attr]


def test_the_customers_message_is_the_replys_context(server: Server) -> None:
    reply = "Please send us your order number."
    assert post(server, "/api/lint", {"reply": reply, "context": None}) == (200, {"findings": [], "summary": []})
    status, answer = post(server, "/api/lint", {"reply": reply, "context": "I was charged twice!"})
    assert status == 200
    assert [(f["code"], f["start"], f["end"]) for f in answer["findings"]] == [("CS305", 0, 6)]  # type: ignore[index, union-attr]
    assert answer["summary"] == [{"principle": "empathy", "count": 1}]


def test_fix_applies_the_one_finding_clicked(server: Server) -> None:
    status, answer = post(server, "/api/fix", {"reply": REPLY, "finding": {"code": "CS201", "start": 25, "end": 32}})
    assert status == 200
    assert answer["reply"] == "😀 Hi! As I said, we will use it prior to Monday."
    assert answer["applied"] == 1
    moved = {**PRIOR_TO, "column": 33, "end_column": 41, "start": 32, "end": 40}
    assert answer["findings"] == [AS_I_SAID, moved]


def test_fix_all_applies_the_safe_fixes_as_fix_does(server: Server, tmp_path: Path) -> None:
    status, answer = post(server, "/api/fix", {"reply": REPLY, "all": True})
    assert status == 200
    fixed = run_cli("--fix", "--select", "CS101,CS201,CS305", "--input-format", "text", "-", cwd=tmp_path, stdin=REPLY).stdout
    assert answer["reply"] == fixed == "😀 Hi! As I said, we will use it before Monday."
    assert (answer["applied"], answer["findings"]) == (2, [AS_I_SAID])


def test_fix_of_a_finding_the_text_no_longer_has_is_a_conflict(server: Server) -> None:
    status, answer = post(server, "/api/fix", {"reply": REPLY, "finding": {"code": "CS201", "start": 24, "end": 32}})
    assert status == 409
    assert answer == {"error": "that finding is no longer in the reply, or has no fix; the findings are checked again"}
    status, answer = post(server, "/api/fix", {"reply": REPLY, "finding": {"code": "CS101", "start": 6, "end": 15}})
    assert status == 409  # (a finding without a fix)


@pytest.mark.parametrize(("body", "error"), [
    (b'{"reply": "As I said', "the request is not JSON (JSONDecodeError)"),
    (b"\xff\xfe\x00", "the request is not JSON (UnicodeDecodeError)"),
    (b"[" * 100_000, "the request is not JSON (RecursionError)"),
    (b'["As I said"]', "the request must be a JSON object"),
    (b'{"text": "As I said"}', "'reply' must be a string"),
    (b'{"reply": "As I said", "context": 3}', "'context' must be a string or null"),
])
def test_a_malformed_request_is_400_and_says_why(server: Server, body: bytes, error: str) -> None:
    status, headers, answer = request(server, "POST", "/api/lint", body)
    assert (status, json.loads(answer)) == (400, {"error": error})
    assert headers["Content-Type"] == "application/json"


def test_a_fix_request_that_names_no_finding_is_400(server: Server) -> None:
    assert post(server, "/api/fix", {"reply": REPLY, "finding": {"code": "CS201"}}) == (
        400, {"error": "'finding' must be an object with 'code', 'start' and 'end', or 'all' must be true"})


def test_a_5_mb_paste_is_413_and_the_server_serves_on(server: Server) -> None:
    body = json.dumps({"reply": "As I said. " * 500_000}).encode()
    assert len(body) > 5_000_000
    status, _, answer = request(server, "POST", "/api/lint", body)
    assert (status, json.loads(answer)) == (413, {"error": f"the request is {len(body):,} bytes; cslint serve takes "
                                                           f"{MAX_BODY:,} at most (a reply and a customer's message are far shorter)"})
    assert post(server, "/api/lint", {"reply": REPLY})[0] == 200


def test_a_body_not_sent_as_json_is_415(server: Server) -> None:
    status, _, answer = request(server, "POST", "/api/lint", b'{"reply": "hi"}', content_type="text/plain")
    assert (status, json.loads(answer)) == (415, {"error": "send the request as application/json, not text/plain"})


def test_a_client_that_closes_its_socket_mid_request_costs_nothing(server: Server) -> None:
    address = (server.host, server.port)
    with socket.create_connection(address) as half:  # headers promise more than is sent
        half.sendall(b"POST /api/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{\"reply\": \"As I")
    with socket.create_connection(address) as silent:  # connects, sends nothing
        silent.shutdown(socket.SHUT_WR)
    with socket.create_connection(address) as gone:  # asks, and leaves before the answer
        gone.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        gone.sendall(b"POST /api/lint HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 17\r\n\r\n{\"reply\": \"hi!\"}\n")
    for _ in range(3):
        assert post(server, "/api/lint", {"reply": REPLY})[1]["findings"] == [AS_I_SAID, UTILIZE, PRIOR_TO]


def test_nothing_of_a_request_is_logged(server: Server, capfd: pytest.CaptureFixture[str]) -> None:
    post(server, "/api/lint", {"reply": "secret: my card is 4111 1111 1111 1111"})
    request(server, "POST", "/api/lint", b"not json: my card is 4111")
    request(server, "GET", "/card-4111")
    request(server, "BREW", "/card-4111")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_the_page_and_its_files_are_served_with_headers_that_keep_it_local(server: Server) -> None:
    status, headers, page = request(server, "GET", "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<script src="/serve.js"' in page and b"http" not in page  # (nothing from elsewhere)
    for path, kind in (("/serve.js", "text/javascript; charset=utf-8"), ("/serve.css", "text/css; charset=utf-8")):
        status, headers, body = request(server, "GET", path)
        assert (status, headers["Content-Type"]) == (200, kind) and b"http" not in body
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert (headers["X-Content-Type-Options"], headers["Cache-Control"]) == ("nosniff", "no-store")
    assert headers["Server"] == "cslint"
    for path in ("/static/../app.py", "/app.py", "/index.html/"):
        assert request(server, "GET", path)[0] == 404
    assert post(server, "/api/nothing", {"reply": "hi"}) == (404, {"error": "no such endpoint"})


class Running:
    """``cslint serve`` run as a user runs it, in its own process."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen([sys.executable, "-m", "cslint", "serve", "--port", "0", *args], cwd=cwd, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert self.process.stdout is not None
        self.first_line = self.process.stdout.readline()
        found = re.fullmatch(r"cslint serve: (http://[^ ]+/) \(Ctrl\+C stops it\)\n", self.first_line)
        assert found, (self.first_line, self.process.stderr and self.process.stderr.read())
        self.url = found.group(1)

    def codes(self, reply: str) -> list[str]:
        ask = urllib.request.Request(self.url + "api/lint", json.dumps({"reply": reply}).encode(),
                                     {"Content-Type": "application/json"})
        with urllib.request.urlopen(ask, timeout=30) as answer:
            return [f["code"] for f in json.load(answer)["findings"]]

    def stop(self) -> tuple[int, str]:
        """Ctrl+C: the exit status and what it wrote on standard error."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err


def test_serve_prints_its_address_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    running = Running(cwd=tmp_path)
    assert running.url.startswith("http://127.0.0.1:") and not running.url.endswith(":0/")
    assert {"CS101", "CS201"} <= set(running.codes(REPLY))
    assert running.stop() == (0, "")


def test_serve_takes_the_configuration_a_lint_run_takes(tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('ignore = ["CS201"]\n', encoding="utf-8")
    running = Running(cwd=tmp_path)  # the project's configuration file, found from the current folder
    try:
        found = running.codes(REPLY)
        assert "CS101" in found and "CS201" not in found
    finally:
        running.stop()
    running = Running("--isolated", "--select", "CS201", cwd=tmp_path)  # the options a lint run takes
    try:
        assert running.codes(REPLY) == ["CS201", "CS201"]
    finally:
        running.stop()


def test_a_team_server_is_warned_that_anyone_can_reach_it(tmp_path: Path) -> None:
    running = Running("--host", "0.0.0.0", cwd=tmp_path)
    status, err = running.stop()
    assert running.url.startswith("http://0.0.0.0:")
    port = running.url.rsplit(":", 1)[1].rstrip("/")
    assert (status, err) == (0, (f"cslint serve: warning: listening on 0.0.0.0, not only on this machine: anyone who can "
                                 f"reach port {port} can use the page (there is no login; see docs/serve.md)\n"))


def test_serve_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run_cli("serve", "--port", str(port), cwd=tmp_path)
    assert (busy.returncode, busy.stderr) == (2, f"cslint: error: cannot listen on 127.0.0.1 port {port}: Address already in use\n")
    unknown = run_cli("serve", "--select", "CS999", cwd=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (2, "cslint: error: --select: no rule has a code starting with 'CS999'; did you mean CS906?\n")
    bad = run_cli("serve", "--port", "99999", cwd=tmp_path)
    assert (bad.returncode, bad.stderr) == (2, ("cslint: error: argument --port: must be a port number from 0 to 65535, "
                                                "not '99999' (see 'cslint serve --help')\n"))


@pytest.mark.parametrize("host, status", [
    ("attacker.example", 421), ("attacker.example:8765", 421), ("127.0.0.1.nip.io", 421),
    ("localhost:8765", 200), ("127.0.0.1", 200), ("[::1]:8765", 200),
])
def test_a_loopback_server_answers_only_to_loopback_names(server: Server, host: str, status: int) -> None:
    """DNS rebinding: a page on another site that points its own name at 127.0.0.1 sends
    that name as Host; the server refuses it, so the page cannot read the answers."""
    for method, path, body in (("GET", "/", None), ("POST", "/api/lint", json.dumps({"reply": REPLY}).encode())):
        connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        try:
            headers = {"Host": host, **({"Content-Type": "application/json"} if body else {})}
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            answer = response.read()
        finally:
            connection.close()
        assert response.status == status, (method, answer)
        if status == 421:
            assert b"answers only to localhost" in answer
