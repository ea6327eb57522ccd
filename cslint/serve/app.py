"""What the page asks of cslint, as JSON in and JSON out: lint a reply, apply one fix,
apply every safe fix.

The reply is read as a plain text file is (``cslint --input-format text``), through the
same API the command line uses, with the customer's message as its context; fixes go
through the ``--fix`` machinery (:mod:`cslint.fix.apply`). So the page shows what
``cslint`` reports on the same text. Nothing here speaks HTTP: a request the page should
not have sent is refused with the status for the server to answer (:class:`Refused`).

Offsets in the answers (``start``, ``end``) count code points, as Python and the
``--format json`` columns do; the page converts them to the UTF-16 units of its strings.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from .. import api
from ..config import Config
from ..diagnostic import Diagnostic, Fix
from ..fix import apply as fixing
from ..rulefiles.parse import PRINCIPLES
from ..sources.document import Segment, SourceFile

#: The path the reply is linted as: ``per-file-ignores`` globs see this name.
REPLY_PATH = "<reply>"
#: The reader of the reply box: the whole text is one reply, as a ``.txt`` file is.
READER = "text"


class Refused(Exception):
    """A request the page should not have sent: ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Request:
    """The reply box and the customer's message box, as the page sends them."""

    reply: str
    context: str | None

    @classmethod
    def from_json(cls, body: object) -> Request:
        if not isinstance(body, Mapping):
            raise Refused(400, "the request must be a JSON object")
        reply, context = body.get("reply"), body.get("context")
        if not isinstance(reply, str):
            raise Refused(400, "'reply' must be a string")
        if context is not None and not isinstance(context, str):
            raise Refused(400, "'context' must be a string or null")
        return cls(reply, context if context and context.strip() else None)


class App:
    """The page's requests answered with one configuration (loaded once, at start)."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def _read(self, source: SourceFile) -> list[Segment]:
        """The reply of a fixed text, for the check that a fix changed only its words."""
        return api.read_segments(source, self.config, input_format=READER)

    def _linter(self, context: str | None) -> fixing.Lint:
        """Lint a text of the reply box as ``cslint --input-format text`` lints a file."""
        def lint(source: SourceFile) -> list[Diagnostic]:
            return api.lint_source(source, self.config, input_format=READER, context=context)
        return lint

    def lint(self, body: object) -> dict[str, object]:
        """``{"findings": [...], "summary": [...]}`` for the reply."""
        request = Request.from_json(body)
        source = SourceFile(REPLY_PATH, request.reply)
        return answer(source, self._linter(request.context)(source))

    def fix(self, body: object) -> dict[str, object]:
        """The reply with one finding's fix applied (``"finding": {"code", "start", "end"}``),
        or every safe fix (``"all": true``), as ``cslint --fix`` applies them; ``"reply"``
        and ``"applied"`` come with the findings of the new text."""
        request = Request.from_json(body)
        source = SourceFile(REPLY_PATH, request.reply)
        lint = self._linter(request.context)
        if isinstance(body, Mapping) and body.get("all") is True:
            outcome = fixing.fix_source(source, lint, read=self._read)
            return {"reply": outcome.text, "applied": outcome.applied, **answer(outcome.fixed_source, outcome.remaining)}
        found = lint(source)
        chosen = _chosen(source, found, body)
        new, done, _ = fixing.Check(self._read, source.path, source.encoding).settle(source.text, [chosen])
        fixed = SourceFile(source.path, new)
        return {"reply": new, "applied": len(done), **answer(fixed, lint(fixed) if done else found)}


def _chosen(source: SourceFile, found: list[Diagnostic], body: object) -> Fix:
    """The fix of the finding the page clicked, found again in the text it sent (a
    finding is named by its code and span: the page's list may be a keystroke old)."""
    target = body.get("finding") if isinstance(body, Mapping) else None
    if not isinstance(target, Mapping) or not isinstance(target.get("code"), str) \
            or not all(isinstance(target.get(k), int) for k in ("start", "end")):
        raise Refused(400, "'finding' must be an object with 'code', 'start' and 'end', or 'all' must be true")
    for d in found:
        if d.fix is not None and d.code == target["code"] and span(source, d) == (target["start"], target["end"]):
            return d.fix
    raise Refused(409, "that finding is no longer in the reply, or has no fix; the findings are checked again")


def span(source: SourceFile, d: Diagnostic) -> tuple[int, int]:
    """Where a finding lies in the reply, in code points (a notice that names no text is
    an empty span at its position)."""
    return _offset(source, d.line, d.column), _offset(source, d.end_line, d.end_column)


def _offset(source: SourceFile, line: int, column: int) -> int:
    return min(source.line_bounds(line)[0] + column - 1, len(source.text))


def answer(source: SourceFile, found: list[Diagnostic]) -> dict[str, object]:
    """The findings as ``cslint --format json`` gives them, each with its span in the
    reply, and how many there are of each principle (in the order of the codes)."""
    findings = []
    for d in found:
        start, end = span(source, d)
        findings.append({**d.to_dict(), "start": start, "end": end})
    counts = Counter(d.principle for d in found)
    order = [*PRINCIPLES, *sorted(set(counts) - set(PRINCIPLES))]
    return {"findings": findings, "summary": [{"principle": p, "count": counts[p]} for p in order if counts[p]]}
