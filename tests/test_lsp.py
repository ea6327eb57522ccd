"""``cslint lsp``: the real server, driven over stdio with JSON-RPC as an editor drives it.

The diagnostics are compared with what the command line prints for the same file, with
columns turned into UTF-16 code units here independently of the server; edits are applied
to the text and the result checked. Skipped where pygls (the ``lsp`` extra) is absent.
"""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from lsp_client import Client, Message, frame

HAS_PYGLS = importlib.util.find_spec("pygls") is not None
needs_pygls = pytest.mark.skipif(not HAS_PYGLS, reason="pygls (the lsp extra) is not installed")

REPLY = "😀 As I said, please be advised that we will get back to you.\n"
_BREAK = re.compile(r"\r\n|\r|\n")


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., Client]]:
    """Start servers (``start(*args, root=...)``), each ended when the test is."""
    if not HAS_PYGLS:
        pytest.skip("pygls (the lsp extra) is not installed")
    started: list[Client] = []

    def run(*args: str, root: Path = tmp_path) -> Client:
        client = Client(root, *args)
        started.append(client)
        return client

    yield run
    for client in started:
        client.kill()


# helpers: what the command line says, in LSP terms

def lines_of(text: str) -> list[str]:
    return _BREAK.split(text)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def lsp_position(text: str, line: int, column: int) -> dict[str, int]:
    """A 1-based line and code-point column as an LSP position in UTF-16 units."""
    return {"line": line - 1, "character": utf16(lines_of(text)[line - 1][:column - 1])}


def cli_findings(root: Path, name: str) -> list[dict[str, Any]]:
    result = run_cli("--format", "json", name, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return list(json.loads(result.stdout))


def expected(root: Path, name: str) -> list[tuple[str, dict[str, Any], str]]:
    """The command line's findings in ``name`` as (code, LSP range, message)."""
    text = (root / name).read_text(encoding="utf-8")
    out = []
    for f in cli_findings(root, name):
        title = f["item"] and (f["item"]["title"] or f"#{f['item']['id']}")
        message = f["message"] + (f" [macro: {title}]" if title else "")
        span = {"start": lsp_position(text, f["line"], f["column"]), "end": lsp_position(text, f["end_line"], f["end_column"])}
        out.append((f["code"], span, message))
    return out


def shown(diagnostics: list[Message]) -> list[tuple[str, dict[str, Any], str]]:
    return [(d.get("code"), d["range"], d["message"]) for d in diagnostics]


def offset(text: str, position: dict[str, int]) -> int:
    """The code-point offset of a UTF-16 LSP position."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    line = lines_of(text)[position["line"]]
    column, units = 0, 0
    while units < position["character"]:
        units += utf16(line[column])
        column += 1
    return starts[position["line"]] + column


def apply(text: str, edits: list[Message]) -> str:
    """The text with the edits of one document applied (from the last to the first)."""
    spans = sorted(((offset(text, e["range"]["start"]), offset(text, e["range"]["end"]), e["newText"]) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def document_edits(action: Message, uri: str, version: int) -> list[Message]:
    (change,) = action["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": version}
    return list(change["edits"])


def code_actions(client: Client, uri: str, at: dict[str, Any], **context: Any) -> list[Message]:
    answer = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": at,
                                                        "context": {"diagnostics": [], **context}})
    return list(answer["result"] or [])


# diagnostics

FORMATS = {
    # a plain reply, an astral character before the findings
    "reply.txt": REPLY,
    # a macro library in JSON: an escape and an emoji before the findings; the macro named
    "macros.json": '[\n  {"id": 7, "title": "Refund denied", "body": "Caf\\u00e9 😀 As I said, please be advised that '
                   'we will get back to you."}\n]\n',
    "macros.csv": 'id,title,body\r\n7,Refund,"😀 As I said, please be advised that we will get back to you."\r\n',
    "reply.html": "<p>Hi &amp; 😀 there,</p><p>As I said, please be advised that it ships.</p>\n",
    "macros.md": "---- Refund\n😀 As I said, please be advised that we will get back to you.\n---- Delay\nAs I said.\n",
    "replies.yml": "replies:\n  - title: Refund\n    body: |\n      Hi,\n      😀 As I said, please be advised that we will "
                   "get back to you.\n",
    "tickets.jsonl": '{"id": 1, "text": "😀 As I said, please be advised that we will get back to you."}\n'
                     '{"id": 2, "text": "Caf\\u00e9 as I said."}\n',
}


@needs_pygls
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_diagnostics_on_open_are_the_command_lines_in_utf16(start: Callable[..., Client], tmp_path: Path,
                                                             name: str) -> None:
    (tmp_path / name).write_text(FORMATS[name], encoding="utf-8", newline="")
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / name, FORMATS[name])
    found = client.diagnostics(uri, version=1)
    want = expected(tmp_path, name)
    assert want and shown(found) == want
    assert all(d["source"] == "cslint" and d["severity"] == 2 for d in found)
    assert client.shutdown() == 0


@needs_pygls
def test_a_finding_after_an_emoji_is_two_units_further_and_links_its_rule(start: Callable[..., Client],
                                                                          tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", REPLY)
    first = client.diagnostics(uri)[0]
    # '😀' is one character to cslint (column 3) and two UTF-16 units to the editor
    assert first["range"] == {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 12}}
    assert first["code"] == "CS101"
    assert first["codeDescription"]["href"] == (ROOT / "docs" / "rules.md").as_uri() + "#cs101-passive-aggressive"
    assert "### CS101 passive-aggressive" in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


@needs_pygls
def test_positions_in_utf8_when_the_client_offers_only_utf8(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    caps = {"general": {"positionEncodings": ["utf-8"]}}
    assert client.initialize(tmp_path, caps)["capabilities"]["positionEncoding"] == "utf-8"
    uri = client.open(tmp_path / "reply.txt", REPLY)
    first = client.diagnostics(uri)[0]
    assert first["range"]["start"] == {"line": 0, "character": 5}  # four bytes of '😀', a space


@needs_pygls
def test_the_macro_is_named_in_the_message(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "macros.json", FORMATS["macros.json"])
    messages = [d["message"] for d in client.diagnostics(uri)]
    assert messages[0].endswith("[macro: Refund denied]")


@needs_pygls
def test_changes_are_debounced_and_the_newest_version_is_published(start: Callable[..., Client],
                                                                   tmp_path: Path) -> None:
    client = start("--debounce", "300")
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", "Thanks for waiting.\n")
    assert client.diagnostics(uri, version=1) == []
    changes = [{"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}}
               for v, text in ((2, "As I said.\n"), (3, "As I said, we will get back to you.\n"),
                               (4, "We will get back to you.\n"))]
    client.raw(b"".join(frame(json.dumps(c).encode()) for c in changes))  # typed faster than the delay
    assert [d["code"] for d in client.diagnostics(uri, version=4)] == ["CS401"]
    later = client.settle(1.0)
    published = [m["params"].get("version") for m in later if m.get("method") == "textDocument/publishDiagnostics"]
    assert published == []  # versions 2 and 3 were never linted, nor 4 twice


@needs_pygls
def test_configuration_and_suppression_comments_are_honoured(start: Callable[..., Client], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cslint]\nextend-ignore = ["CS401"]\n', encoding="utf-8")
    folder = tmp_path / "macros"
    folder.mkdir()
    text = "As I said, please be advised that we will get back to you. <!-- cslint: disable-line CS101 -->\n"
    (folder / "r.txt").write_text(text, encoding="utf-8")
    client = start()
    client.initialize(tmp_path)
    uri = client.open(folder / "r.txt", text)
    found = client.diagnostics(uri)
    assert [d["code"] for d in found] == ["CS201"]
    assert shown(found) == expected(tmp_path, "macros/r.txt")


@needs_pygls
def test_a_broken_rule_file_is_shown_on_that_file_until_it_is_fixed(start: Callable[..., Client],
                                                                     tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")
    (tmp_path / "myrules").mkdir()
    rule = tmp_path / "myrules" / "jargon.yml"
    rule.write_text("code: CS299\nname: frobnicate\n  principle: [clarity\n", encoding="utf-8")
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", "We will frobnicate it.\n")
    on_rule = client.diagnostics(rule.as_uri())
    assert [(d["range"], d["severity"]) for d in on_rule] == [
        ({"start": {"line": 2, "character": 0}, "end": {"line": 3, "character": 0}}, 1)]
    assert on_rule[0]["message"].startswith("invalid YAML: mapping values are not allowed")
    (on_reply,) = client.diagnostics(uri)
    assert on_reply["message"].startswith(f"not linted: {rule}:3: invalid YAML")
    assert on_reply["relatedInformation"][0]["location"]["uri"] == rule.as_uri()

    rule.write_text("code: CS299\nname: frobnicate\nprinciple: clarity\nseverity: warning\ntype: phrases\n"
                    "message: \"'{match}' is jargon\"\ndescription: Say it plainly.\nsource: a test\n"
                    "phrases:\n  - frobnicate\nexamples:\n  flag:\n    - \"We will <<frobnicate>> it.\"\n"
                    "  pass:\n    - \"We will fix it.\"\n", encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": rule.as_uri(), "type": 2}]})
    assert client.diagnostics(rule.as_uri()) == []
    (found,) = client.diagnostics(uri)
    assert (found["code"], found["message"]) == ("CS299", "'frobnicate' is jargon")
    assert found["codeDescription"]["href"] == rule.as_uri()  # a workspace rule is documented by its file


@needs_pygls
def test_a_bad_configuration_is_shown_on_it_until_it_is_saved_fixed(start: Callable[..., Client],
                                                                    tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.cslint]\nextend-ignore = ["CS101"]\nmax-file-size = "big"\n', encoding="utf-8")
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", "As I said, we will get back to you.\n")
    (on_config,) = client.diagnostics(config.as_uri())
    assert (on_config["range"]["start"], on_config["message"]) == (
        {"line": 2, "character": 0}, "'max-file-size': must be a number of megabytes above 0")
    assert client.diagnostics(uri)[0]["message"].startswith("not linted: ")
    fixed = '[tool.cslint]\nextend-ignore = ["CS101"]\n'
    config.write_text(fixed, encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["CS401"]  # CS101 ignored, as configured
    assert client.diagnostics(config.as_uri()) == []


# code actions

@needs_pygls
def test_a_quick_fix_is_the_rules_fix_as_an_exact_edit(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", REPLY)
    found = client.diagnostics(uri)
    cs201 = next(d for d in found if d["code"] == "CS201")
    fix = code_actions(client, uri, cs201["range"], triggerKind=2)[0]
    assert (fix["title"], fix["kind"], fix["isPreferred"]) == ("CS201: replace with 'please note that'", "quickfix", True)
    assert fix["diagnostics"] == [cs201]
    (edit,) = document_edits(fix, uri, 1)
    assert edit == {"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 36}},
                    "newText": "please note that"}
    assert apply(REPLY, [edit]) == "😀 As I said, please note that we will get back to you.\n"


@needs_pygls
def test_a_client_without_versioned_edits_gets_plain_changes(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path, {})
    uri = client.open(tmp_path / "reply.txt", REPLY)
    cs201 = next(d for d in client.diagnostics(uri) if d["code"] == "CS201")
    fix = code_actions(client, uri, cs201["range"])[0]
    assert fix["edit"] == {"changes": {uri: [{"range": cs201["range"], "newText": "please note that"}]}}


@needs_pygls
def test_a_fix_in_a_json_string_is_escaped_for_json(start: Callable[..., Client], tmp_path: Path) -> None:
    text = '[{"title": "T", "body": "Caf\\u00e9 😀 we will utilize \\"it\\" prior to Monday."}]\n'
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "m.json", text)
    client.diagnostics(uri)
    actions = code_actions(client, uri, {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 80}})
    fixes = [a for a in actions if a["kind"] == "quickfix" and "replace" in a["title"]]
    assert [a["title"] for a in fixes] == ["CS201: replace with 'use'", "CS201: replace with 'before'"]
    fixed = apply(text, document_edits(fixes[0], uri, 1) + document_edits(fixes[1], uri, 1))
    assert fixed == '[{"title": "T", "body": "Caf\\u00e9 😀 we will use \\"it\\" before Monday."}]\n'


@needs_pygls
@pytest.mark.parametrize(("name", "text", "comment"), [
    ("reply.txt", REPLY, "😀 As I said, please be advised that we will get back to you. <!-- cslint: disable-line CS101 -->\n"),
    # the comment goes in the JSON string, before the closing quote
    ("m.json", '[{"title": "T", "body": "Hi.\\nAs I said, it ships.\\nThanks."}]\n',
     '[{"title": "T", "body": "Hi.\\nAs I said, it ships. <!-- cslint: disable-line CS101 -->\\nThanks."}]\n'),
    # in HTML the comment is HTML, where the reply's line ends
    ("r.html", "<p>Hi,</p><p>As I said, it ships.</p>\n",
     "<p>Hi,</p><p>As I said, it ships.</p> <!-- cslint: disable-line CS101 -->\n"),
])
def test_a_suppression_comment_silences_the_finding(start: Callable[..., Client], tmp_path: Path, name: str,
                                                     text: str, comment: str) -> None:
    client = start("--debounce", "0")
    client.initialize(tmp_path)
    uri = client.open(tmp_path / name, text)
    before = client.diagnostics(uri)
    cs101 = next(d for d in before if d["code"] == "CS101")
    (action,) = [a for a in code_actions(client, uri, cs101["range"]) if "disable" in a["title"]]
    assert action["title"] == "CS101: disable for this line (<!-- cslint: disable-line CS101 -->)"
    assert action["diagnostics"] == [cs101]
    suppressed = apply(text, document_edits(action, uri, 1))
    assert suppressed == comment
    client.change(uri, suppressed, 2)
    after = client.diagnostics(uri, version=2)
    assert [d["code"] for d in after] == [d["code"] for d in before if d["code"] != "CS101"]  # and no CS901


@needs_pygls
def test_fix_all_is_what_fix_makes_of_the_file(start: Callable[..., Client], tmp_path: Path) -> None:
    text = ("Hi 😀,\r\nPlease be advised that we will utilize the form.\r\nThanks.\r\n"
            "We will utilize it prior to Monday.\r\n")
    (tmp_path / "reply.txt").write_bytes(text.encode())
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", text)
    client.diagnostics(uri)
    cursor = {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}
    assert code_actions(client, uri, cursor, triggerKind=2) == []  # no finding here, nothing automatic
    (every,) = code_actions(client, uri, cursor, only=["source.fixAll"])
    assert (every["title"], every["kind"]) == ("Fix all: cslint's safe fixes (4 fixes)", "source.fixAll.cslint")
    edits = document_edits(every, uri, 1)
    assert [(e["range"]["start"]["line"], e["range"]["end"]["line"]) for e in edits] == [(1, 2), (3, 4)]
    fixed = run_cli("--fix", "--stdin-filename", "reply.txt", "-", cwd=tmp_path, stdin=text.encode())
    assert apply(text, edits) == fixed.stdout.replace("\n", "\r\n") != text
    invoked = code_actions(client, uri, cursor)  # asked for (no triggerKind: as invoked)
    assert [a["kind"] for a in invoked] == ["source.fixAll.cslint"]


@needs_pygls
def test_hover_gives_the_rules_description_and_better_wording(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "reply.txt", REPLY)
    cs201 = next(d for d in client.diagnostics(uri) if d["code"] == "CS201")
    answer = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}})
    result = answer["result"]
    assert result["range"] == cs201["range"]
    value = result["contents"]["value"]
    assert value.startswith("**CS201 bureaucratic-wording** (clarity, warning)\n\nFormal office phrases")
    assert '\n\nBetter: "please note that"\n\nReads well:\n- Please note that your order has shipped.\n' in value
    nothing = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
    assert nothing["result"] is None


# a hostile or broken client

@needs_pygls
def test_a_document_over_max_file_size_gets_the_clis_cs902_and_the_server_goes_on(
        start: Callable[..., Client], tmp_path: Path) -> None:
    (tmp_path / "cslint.toml").write_text("max-file-size = 1\n", encoding="utf-8")
    big = ("As I said, we will get back to you. " * 140_000)[:5_000_000]
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "big.txt", big)
    (refused,) = client.diagnostics(uri)
    # as the command line reads the same text on standard input
    cli = run_cli("--format", "json", "--stdin-filename", "big.txt", "-", cwd=tmp_path, stdin=big.encode())
    (read,) = json.loads(cli.stdout)
    assert (refused["code"], refused["message"], refused["severity"]) == ("CS902", read["message"], 1)
    assert refused["message"].startswith("too large to lint (more than the limit of 1 MB)")
    small = client.open(tmp_path / "small.txt", "As I said.\n")
    assert [d["code"] for d in client.diagnostics(small)] == ["CS101"]


@needs_pygls
def test_thousands_of_findings_are_cut_with_a_count(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    uri = client.open(tmp_path / "many.txt", "As I said.\n" * 1500)
    found = client.diagnostics(uri)
    assert len(found) == 1001 and {d["code"] for d in found[:1000]} == {"CS101"}
    assert found[-1]["message"] == "500 more findings are not shown here; run cslint on the file to see them all"
    assert found[-1]["range"]["start"] == {"line": 1500, "character": 0}


@needs_pygls
def test_malformed_messages_get_an_error_and_the_server_reads_on(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    client.raw(frame(b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {'))  # cut short
    shown_error = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert shown_error["params"]["type"] == 1 and "Expecting" in shown_error["params"]["message"]
    bad = client.request("textDocument/hover", {"textDocument": {}, "position": {"line": "one"}})
    assert bad["error"]["code"] == -32602  # invalid params, and why
    assert bad["error"]["message"] == ("Invalid Params: required field missing @ $.params.text_document.uri; "
                                       "invalid value for type, expected int @ $.params.position.line; "
                                       "required field missing @ $.params.position.character")
    unknown = client.request("cslint/nothing", {})
    assert unknown["error"]["code"] == -32601  # method not found
    uri = client.open(tmp_path / "reply.txt", "As I said.\n")
    assert [d["code"] for d in client.diagnostics(uri)] == ["CS101"]
    assert client.shutdown() == 0
    log = b"".join(client.stderr).decode().splitlines()
    assert log[0].startswith("cslint lsp: error: Unable to handle message (JSONDecodeError: Expecting ")
    assert not any("Traceback" in line for line in log)


@needs_pygls
def test_a_closed_stream_ends_the_server_without_a_traceback(start: Callable[..., Client], tmp_path: Path) -> None:
    client = start()
    client.initialize(tmp_path)
    client.raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\"")  # then the client goes away mid-message
    assert client.close() == 1
    stderr = b"".join(client.stderr).decode()
    assert "closed the connection without asking the server to shut down" in stderr
    assert "Traceback" not in stderr


def test_without_the_extra_cslint_lsp_says_what_to_install() -> None:
    probe = "import sys; sys.modules['pygls'] = None; from cslint.cli.main import main; sys.exit(main(['lsp']))"
    result = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 2
    assert result.stderr == 'cslint: error: cslint lsp needs the lsp extra: pip install "cslint[lsp]"\n'
    assert result.stdout == ""


# the parts, without a client

def test_a_message_over_the_limit_is_read_past_and_replaced_by_a_notice() -> None:
    import io

    from cslint.lsp.transport import TOO_LARGE, BoundedInput

    stream = BoundedInput(io.BytesIO(b"x" * 3_000_000 + b'{"next": 1}'), limit=1_000_000)
    assert json.loads(stream.read(3_000_000)) == {"jsonrpc": "2.0", "method": TOO_LARGE,
                                                  "params": {"size": 3_000_000, "limit": 1_000_000}}
    assert stream.read(11) == b'{"next": 1}'
    assert stream.read(5) == b""
    assert BoundedInput(io.BytesIO(b"a" * 10_000 + b"\n"), 10).readline() == b"a" * 8192


@needs_pygls
def test_positions_count_code_units_and_cslints_line_breaks() -> None:
    from lsprotocol import types

    from cslint.lsp.convert import Positions
    from cslint.sources.document import SourceFile

    text = "a😀b\u2028c\r\nx😀\ry\n"  # U+2028 ends no line for cslint or LSP
    positions = Positions(SourceFile("r.txt", text), "utf-16")
    assert positions.position(1, 6) == types.Position(line=0, character=6)  # past the emoji, U+2028, 'c'
    assert positions.position(1, 9) == types.Position(line=0, character=6)  # (the end of the line)
    assert positions.at(text.index("y")) == types.Position(line=2, character=0)
    assert positions.at(text.index("\r\n")) == types.Position(line=0, character=6)
    assert positions.offset(types.Position(line=1, character=3)) == text.index("\ry")
    assert positions.offset(types.Position(line=0, character=3)) == text.index("b")
    assert positions.position(9, 1) == positions.at(len(text)) == types.Position(line=3, character=0)
    assert Positions(SourceFile("r.txt", text), "utf-8").position(2, 3) == types.Position(line=1, character=5)


@needs_pygls
@settings(deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "é", "😀", "\u2028", "\r", "\n", "\r\n", "\U0001f44d\U0001f3fd"]), max_size=40),
       st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_every_offset_goes_to_its_position_and_back(pieces: list[str], encoding: str) -> None:
    from lsprotocol import types

    from cslint.lsp.convert import Positions
    from cslint.sources.document import SourceFile

    text = "".join(pieces)
    positions = Positions(SourceFile("r.txt", text), encoding)
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    for at in range(len(text) + 1):
        if text[at - 1:at + 1] == "\r\n":
            continue  # (between the two characters of one line break: no position)
        line = max(i for i, s in enumerate(starts) if s <= at)
        prefix = text[starts[line]:at]
        units = {"utf-8": len(prefix.encode()), "utf-16": utf16(prefix), "utf-32": len(prefix)}[encoding]
        assert positions.at(at) == types.Position(line=line, character=units)
        assert positions.offset(positions.at(at)) == at


# the latency benchmark (it times; nothing here does)

def test_the_latency_benchmark_skips_cleanly_without_the_corpus(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "lsp.py"), "--corpus", str(tmp_path)],
                            check=False, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, f"benchmark skipped: no reply corpus at {tmp_path}\n")


@needs_pygls
@pytest.mark.slow
def test_the_latency_benchmark_measures_both_ways(shared: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "lsp.py"), "--rounds", "5"],
                            check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line.split("|")[1:3] for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert [(name.strip(), count.strip()) for name, count in rows] == [
        ("measured", "changes"), ("in the server (lint, convert)", "5"), ("over stdio, --debounce 0", "5")]
    published = re.search(r"diagnostics: (\d+) in the server, (\d+) published", result.stdout)
    assert published is not None and published[1] == published[2]


def test_lsp_is_a_subcommand_and_a_folder_named_lsp_is_written_dot_slash_lsp(tmp_path: Path) -> None:
    helped = run_cli("lsp", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: cslint lsp [-h] [--stdio] [--debounce MS]")
    (tmp_path / "lsp").mkdir()
    (tmp_path / "lsp" / "reply.txt").write_text("As I said.\n", encoding="utf-8")
    linted = run_cli("./lsp", cwd=tmp_path)
    assert linted.lines == ["lsp/reply.txt:1:1: CS101 'As I said' reads as passive-aggressive; restate the point "
                            "kindly instead of pointing back at it"]
    assert run_cli("lsp", "--debounce", "-1").stderr == "cslint: error: --debounce: must be 0 or more milliseconds\n"
