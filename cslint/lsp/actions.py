"""Code actions: a finding's fix, a suppression comment for it, and every safe fix.

Each edit is checked the way ``--fix`` checks a file before writing it
(:class:`cslint.fix.apply.Check`): read again with its reader, the buffer must hold the
same replies, changed only by the edit. An edit that would change how the file reads
(a comma in an unquoted CSV field, ``: `` in a plain YAML value) is not offered.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import pairwise

from lsprotocol import types

from ..diagnostic import Diagnostic, Fix
from ..fix.apply import Check, Read, eligible, fix_source
from ..sources.document import Segment, SourceFile
from .convert import Positions
from .documents import Findings, linter, reader

#: The kind of the "fix all" action, under ``source.fixAll`` (editors run it on save
#: when asked to: ``"editor.codeActionsOnSave": {"source.fixAll.cslint": "explicit"}``).
FIX_ALL = "source.fixAll.cslint"
QUICKFIX = types.CodeActionKind.QuickFix


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action of ``kind`` answers a request for the kinds ``only`` (a kind
    covers its sub-kinds: ``source`` covers ``source.fixAll.cslint``)."""
    return only is None or any(kind == o or kind.startswith(f"{o}.") for o in only)


def edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """Edits to one buffer, tied to its version where the client takes versioned edits
    (``version`` given), so an editor refuses them once the buffer has changed."""
    if version is None:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))])


class Actions:
    """The code actions of one version of a buffer."""

    def __init__(self, uri: str, findings: Findings, positions: Positions, *, versioned: bool) -> None:
        assert findings.config is not None  # (a buffer that was not linted has no finding)
        self.uri = uri
        #: Whether the client takes edits tied to a version of the buffer.
        self.versioned = versioned
        self.findings = findings
        self.positions = positions
        self.read: Read = reader(findings.config)
        self.check = Check(self.read, findings.source.path, findings.source.encoding)

    def _action(self, title: str, kind: str, edits: list[types.TextEdit], found: list[Diagnostic],
                converted: list[types.Diagnostic], preferred: bool = False) -> types.CodeAction:
        return types.CodeAction(title=title, kind=kind, is_preferred=preferred or None,
                                diagnostics=self._shown(found, converted),
                                edit=edit(self.uri, self.findings.version if self.versioned else None, edits))

    def _shown(self, found: list[Diagnostic], converted: list[types.Diagnostic]) -> list[types.Diagnostic] | None:
        """The LSP diagnostics of ``found`` among those the editor was sent."""
        indexes = (self.findings.diagnostics.index(d) for d in found)
        return [converted[i] for i in indexes if i < len(converted)] or None

    def for_findings(self, found: Iterable[Diagnostic], converted: list[types.Diagnostic],
                     only: Sequence[str] | None) -> list[types.CodeAction]:
        """The quick fixes of the findings ``found`` (``converted``: every finding of the
        buffer as LSP diagnostics): the fix of each, then a suppression comment for each."""
        if not wanted(QUICKFIX, only):
            return []
        fixes: list[types.CodeAction] = []
        comments: list[types.CodeAction] = []
        segments: list[Segment] | None = None
        for d in found:
            if d.fix is not None and self.check.holds(self.findings.source.text, [d.fix]):
                unsafe = " (unsafe fix: check the meaning)" if d.fix.applicability == "unsafe" else ""
                fixes.append(self._action(f"{d.code}: replace with '{d.fix.replacement}'{unsafe}", QUICKFIX,
                                          [self._text_edit(d.fix)], [d], converted, preferred=not unsafe))
            if d.principle == "linter":
                continue  # (cslint's own notices are not suppressed by a comment)
            if segments is None:
                segments = self._segments()
            comment = self.suppression(d, segments)
            if comment is not None:
                comments.append(self._action(f"{d.code}: disable for this line ({comment.replacement.strip()})",
                                             QUICKFIX, [self._text_edit(comment)], [d], converted))
        return fixes + comments

    def _text_edit(self, fix: Fix) -> types.TextEdit:
        return types.TextEdit(range=self.positions.span(fix.start, fix.end), new_text=fix.encoded)

    def _segments(self) -> list[Segment]:
        try:
            return [s for s in self.read(self.findings.source) if s.public]
        except Exception:  # noqa: BLE001 - a file that cannot be read in full gets no comment
            return []

    def suppression(self, d: Diagnostic, segments: Sequence[Segment]) -> Fix | None:
        """A ``disable-line`` comment for this finding at the end of its line in its reply
        (docs/suppression.md), written raw where its container takes it as it is (an HTML
        comment in HTML), else escaped for the container as a fix's replacement is; None
        when neither reads as intended."""
        source = self.findings.source
        offset = source.line_bounds(d.line)[0] + d.column - 1
        comment = f" <!-- cslint: disable-line {d.code} -->"
        for segment in segments:
            index = reply_index(segment, offset)
            if index is None or segment.item != d.item:
                continue
            breaks = [i for i in (segment.text.find("\n", index), segment.text.find("\r", index)) if i >= 0]
            at = segment.to_source(min(breaks, default=len(segment.text)))
            for written in dict.fromkeys((comment, segment.encode(comment))):
                fix = Fix(at, at, comment, written)
                if self.check.holds(source.text, [fix]):
                    return fix
            return None
        return None

    def fix_all(self, converted: list[types.Diagnostic]) -> types.CodeAction | None:
        """Every safe fix, in rounds until none is left, as ``--fix`` applies them."""
        findings = self.findings
        fixed = [d for d in findings.diagnostics if eligible(d.fix, unsafe=False)]
        if not fixed:
            return None
        assert findings.config is not None
        outcome = fix_source(findings.source, linter(findings.config), read=self.read)
        if not outcome.changed:
            return None
        count = f"{outcome.applied} fix{'es' * (outcome.applied != 1)}"
        return self._action(f"Fix all: cslint's safe fixes ({count})", FIX_ALL,
                            self._line_edits(outcome.text), fixed, converted)

    def _line_edits(self, new: str) -> list[types.TextEdit]:
        """The change from the buffer to ``new`` as one edit per run of changed lines."""
        old_lines, old_starts = _lines(self.findings.source.text)
        new_lines, _ = _lines(new)
        edits: list[types.TextEdit] = []
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                edits.append(types.TextEdit(range=self.positions.span(old_starts[i1], old_starts[i2]),
                                            new_text="".join(new_lines[j1:j2])))
        return edits


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text`` with their line breaks (CR, LF, CRLF, as cslint and LSP end
    lines), and where each starts, with the end of the text last."""
    starts = [start for start, _ in SourceFile("", text).lines()] + [len(text)]
    return [text[a:b] for a, b in pairwise(starts)], starts


def reply_index(segment: Segment, offset: int) -> int | None:
    """Where the character at file ``offset`` stands in ``segment``'s reply, if it does."""
    origin = segment.origin
    if isinstance(origin, int):
        index = offset - origin
        return index if 0 <= index < len(segment.text) else None
    index = bisect_left(origin, offset, 0, len(segment.text))
    return index if index < len(segment.text) and origin[index] == offset else None
