"""``cslint lsp``: the language server, wired to pygls.

A buffer is linted when it is opened, and again once the user has stopped typing for the
debounce delay. Linting runs in worker threads, so the server keeps answering (hovers,
code actions, other buffers) while a large buffer is linted; a buffer is linted by one
thread at a time, and a result for a version the buffer no longer has is dropped. What
a client sends that cannot be used (a message that is not JSON, one too large, a request
with bad parameters) is answered with an error or reported with ``window/showMessage``,
and the server reads on.
"""
from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, BinaryIO, cast
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import Config
from ..schema import SchemaError
from . import convert, hover
from .actions import FIX_ALL, QUICKFIX, Actions, wanted
from .documents import Findings, Linting
from .transport import ANSWERED, TOO_LARGE, BoundedInput, Protocol

logger = logging.getLogger("cslint.lsp")

#: Diagnostics sent for one buffer; past them, one more says how many are left out (an
#: editor given tens of thousands of squiggles stops responding).
SHOWN = 1000
#: The largest message read: four times the largest file the default ``max-file-size``
#: lets the command line read (JSON escapes make a document's text longer in a message).
MESSAGE_LIMIT = 4 * int(Config().max_file_size * 1_000_000)
#: Threads that lint: a second buffer is linted while a large one is.
WORKERS = 2

#: A version of a buffer linted: the findings, and the first :data:`SHOWN` of them as LSP
#: diagnostics.
Linted = tuple[Findings, list[types.Diagnostic]]


@dataclass
class Document:
    """An open buffer and where its linting stands."""

    uri: str
    path: str
    timer: asyncio.TimerHandle | None = None
    #: The linting under way, and the version it lints.
    running: asyncio.Future[Linted] | None = None
    running_version: int | None = None
    #: The buffer changed while it was being linted: lint it again when that is done.
    again: bool = False
    findings: Findings | None = None
    #: The findings as LSP diagnostics, the first :data:`SHOWN` of them.
    shown: list[types.Diagnostic] = field(default_factory=list)


def lint(linting: Linting, path: str, text: str, version: int | None, encoding: str) -> Linted:
    """What the server does with each version of a buffer, in a worker thread: lint it
    and convert what it finds (``benchmarks/lsp.py`` times it)."""
    findings = linting.findings(path, text, version)
    positions = convert.Positions(findings.source, encoding)
    shown = [convert.diagnostic(d, positions, findings.rules.get(d.code)) for d in findings.diagnostics[:SHOWN]]
    return findings, shown


def path_of(uri: str) -> str:
    """The file a buffer stands for; a buffer not saved anywhere (``untitled:``) is read
    as a file of its name in the current folder, as standard input would be."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path or unquote(urlparse(uri).path).rsplit("/", 1)[-1] or "untitled"


class Server(LanguageServer):
    """The buffers, their findings, and the threads that lint them."""

    def __init__(self, debounce: float) -> None:
        super().__init__("cslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=Protocol)
        self.debounce = debounce
        self.linting = Linting()
        self.documents: dict[str, Document] = {}
        #: Files that show a rule-file or configuration problem.
        self.problem_uris: set[str] = set()
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="cslint-lint")
        self.shut_down = False

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client."""
        kind = self.workspace.position_encoding
        return str(getattr(kind, "value", kind) or types.PositionEncodingKind.Utf16.value)

    # linting

    def lint(self, doc: Document, text: str, version: int | None) -> Linted:
        return lint(self.linting, doc.path, text, version, self.encoding)

    def schedule(self, doc: Document, delay: float) -> None:
        if doc.timer is not None:
            doc.timer.cancel()
        doc.timer = asyncio.get_running_loop().call_later(delay, self._start, doc)

    def _start(self, doc: Document) -> None:
        doc.timer = None
        if self.documents.get(doc.uri) is not doc or self.shut_down:
            return
        if doc.running is not None:
            doc.again = True
            return
        buffer = self.workspace.get_text_document(doc.uri)
        doc.running_version = buffer.version
        doc.running = asyncio.get_running_loop().run_in_executor(self.pool, self.lint, doc, buffer.source, buffer.version)
        doc.running.add_done_callback(lambda done: self._done(doc, done))

    def _done(self, doc: Document, future: asyncio.Future[Linted]) -> None:
        doc.running = None
        if self.documents.get(doc.uri) is not doc or future.cancelled():
            return
        if doc.again:
            doc.again = False
            self._start(doc)
        if (error := future.exception()) is not None:
            logger.error("linting %s failed: %s", doc.path, error, exc_info=error)
            self.show(f"cslint could not lint {doc.path}: {error}")
            return
        findings, shown = future.result()
        if findings.version != self.workspace.get_text_document(doc.uri).version:
            return  # (a newer version is being linted, or waits for the debounce delay)
        doc.findings, doc.shown = findings, shown
        self.publish_around(doc.uri)

    async def current(self, doc: Document) -> Linted:
        """The findings of the buffer as it is now: linted now if they are not known yet."""
        buffer = self.workspace.get_text_document(doc.uri)
        if doc.findings is not None and doc.findings.version == buffer.version:
            return doc.findings, doc.shown
        if doc.running is not None and doc.running_version == buffer.version:
            return await asyncio.shield(doc.running)  # (under way: wait for it, not a second one)
        return await asyncio.get_running_loop().run_in_executor(self.pool, self.lint, doc, buffer.source, buffer.version)

    # publishing

    def problems(self) -> list[SchemaError]:
        """The rule-file and configuration problems keeping open buffers from being
        linted, each once."""
        found = (d.findings.problem for d in self.documents.values() if d.findings is not None)
        return list({str(p): p for p in found if p is not None}.values())

    def publish_around(self, uri: str) -> None:
        """Publish a buffer's diagnostics, and those of every file that shows, or showed
        until now, a problem with the rules or configuration."""
        targets = {from_fs_path(p.path) or p.path for p in self.problems()}
        for each in {uri} | targets | self.problem_uris:
            self.publish(each)
        self.problem_uris = targets

    def publish(self, uri: str) -> None:
        doc = self.documents.get(uri)
        items: list[types.Diagnostic] = []
        version = None
        if doc is not None and doc.findings is not None:
            findings = doc.findings
            version = findings.version
            items += doc.shown
            left = len(findings.diagnostics) - len(doc.shown)
            if left > 0:
                items.append(convert.more(left, convert.Positions(findings.source, self.encoding)))
            if findings.problem is not None:
                items.append(convert.not_linted(findings.problem))
        items += [convert.file_problem(p) for p in self.problems() if (from_fs_path(p.path) or p.path) == uri]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=version))

    def show(self, message: str) -> None:
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def reload_if_rules(self, uris: list[str]) -> None:
        """Read the rules and configuration again, and lint every buffer again, when one
        of these files may change them."""
        paths = [to_fs_path(u) for u in uris]
        shown = {p.path for p in self.problems()}
        if any(p is not None and (self.linting.changes_rules(p) or p in shown) for p in paths):
            self.linting.reload()
            for doc in self.documents.values():
                self.schedule(doc, 0)

    # requests

    def actions(self, doc: Document, linted: Linted, params: types.CodeActionParams) -> list[types.CodeAction]:
        findings, shown = linted
        if findings.config is None:
            return []
        positions = convert.Positions(findings.source, self.encoding)
        workspace = self.client_capabilities.workspace
        edits = workspace.workspace_edit if workspace else None
        actions = Actions(doc.uri, findings, positions, versioned=bool(edits and edits.document_changes))
        asked = params.range
        here = [d for d in findings.diagnostics if _touches(positions.range(d), asked)]
        only = params.context.only
        found = actions.for_findings(here, shown, only)
        invoked = params.context.trigger_kind != types.CodeActionTriggerKind.Automatic
        if wanted(FIX_ALL, only) and (only is not None or invoked):
            every = actions.fix_all(shown)
            if every is not None:
                found.append(every)
        return found


def _touches(span: types.Range, asked: types.Range) -> bool:
    """Whether a finding's range meets the range asked about (a cursor just after the
    flagged word still asks about it)."""
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(span.start) <= key(asked.end) and key(asked.start) <= key(span.end)


def build(debounce: float) -> Server:
    """The server and its handlers."""
    server = Server(debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: Server, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:  # rule files changed outside the editor
            glob = types.FileSystemWatcher(glob_pattern="**/*.{yml,yaml,toml}")
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[glob])
            registration = types.Registration(id="cslint-rules", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                              register_options=options)
            ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.documents[uri] = Document(uri, path_of(uri))
        ls.schedule(doc, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is not None:
            ls.schedule(doc, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: types.DidSaveTextDocumentParams) -> None:
        ls.reload_if_rules([params.text_document.uri])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
        ls.reload_if_rules([change.uri for change in params.changes])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        doc = ls.documents.pop(params.text_document.uri, None)
        if doc is not None and doc.timer is not None:
            doc.timer.cancel()
        ls.publish_around(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[QUICKFIX, FIX_ALL]))
    async def code_action(ls: Server, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        linted = await ls.current(doc)
        return await asyncio.get_running_loop().run_in_executor(ls.pool, ls.actions, doc, linted, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return None
        findings, _ = await ls.current(doc)
        positions = convert.Positions(findings.source, ls.encoding)
        return await asyncio.get_running_loop().run_in_executor(
            ls.pool, hover.hover, findings.diagnostics, findings.rules, positions, params.position)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: Server, *args: Any) -> None:
        ls.shut_down = True
        for doc in ls.documents.values():
            if doc.timer is not None:
                doc.timer.cancel()
        ls.pool.shutdown(wait=False, cancel_futures=True)

    @server.feature(TOO_LARGE)
    def too_large(ls: Server, params: Any) -> None:
        size = params.get("size") if isinstance(params, dict) else getattr(params, "size", None)
        ls.show(f"cslint: a message of {size or 'more than the limit of'} bytes was dropped: "
                f"the limit is {MESSAGE_LIMIT} bytes")

    @server.feature(ANSWERED)
    def answered(ls: Server, params: Any) -> None:
        """(A request already answered with an error: nothing left to do.)"""

    return server


class OneLine(logging.Formatter):
    """What pygls logs about a client's message, on one line: the message and the error,
    without the traceback (it is the client's mistake, not a place in the code). cslint's
    own errors keep theirs."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith("cslint"):
            return f"cslint lsp: {record.levelname.lower()}: {super().format(record)}"
        text = f"cslint lsp: {record.levelname.lower()}: {record.getMessage().splitlines()[0]}"
        error = record.exc_info[1] if record.exc_info else None
        return f"{text} ({type(error).__name__}: {error})" if error is not None else text


def serve(debounce: float) -> int:
    """Serve over standard input and output until the client leaves; the exit status is
    0 when the client asked the server to shut down first, as LSP asks, else 1."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    logging.basicConfig(handlers=[handler], level=logging.WARNING)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the protocol may be written to standard output
    server = build(debounce)
    server.start_io(cast(BinaryIO, BoundedInput(stdin, MESSAGE_LIMIT)), stdout)
    if not server.shut_down:
        logger.warning("the client closed the connection without asking the server to shut down")
    return 0 if server.shut_down else 1

