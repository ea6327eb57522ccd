"""Inline suppression in comments the customer never sees.

Directives live in HTML/Markdown comments (``<!-- cslint: disable CS101 -->``) and in
Liquid/Jinja comments (``{# cslint: ... #}``, ``{% comment %}cslint: ...{% endcomment %}``),
so they stay in a macro body without ever reaching a customer. A directive that suppresses
nothing is itself reported (CS901), as ruff does for unused ``noqa``, so stale ones go away.

Directives apply to the reply they are written in: for a macro library, that is the macro.
A comment that starts like a directive but is not one (``disabel-line``, ``CS1O1``, a code
no rule has) would suppress nothing without a word, so it is reported too (CS905).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from ..sources.document import SourceFile
from ..suggest import hint

_DIRECTIVE = regex.compile(
    r"""(?:<!--|\{\#|\{%-?\s*comment\s*-?%\})\s*
        cslint:\s*(?P<kind>disable-file|disable-next-line|disable-line|disable|enable)\b
        (?P<codes>(?:[\s,]+CS\d{0,3})*)\s*
        (?:-->|\#\}|\{%-?\s*endcomment\s*-?%\})""",
    regex.VERBOSE | regex.IGNORECASE,
)
_CODE = regex.compile(r"CS\d*", regex.IGNORECASE)
#: Any comment that starts with "cslint", to tell a directive with a typo from prose.
_ATTEMPT = regex.compile(
    r"""(?:<!--|\{\#|\{%-?\s*comment\s*-?%\})\s*cslint\b\s*(?P<colon>:?)[ \t]*(?P<body>[^\n]*?)[ \t]*
        (?:-->|\#\}|\{%-?\s*endcomment\s*-?%\}|$)""",
    regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE,
)
KINDS = ("disable-file", "disable-next-line", "disable-line", "disable", "enable")


@dataclass
class Directive:
    kind: str
    codes: tuple[str, ...]
    #: the directive's own span in the reply
    start: int
    end: int
    #: the span of the reply it covers
    cover: tuple[int, int]
    used: bool = field(default=False)

    def applies(self, code: str, offset: int) -> bool:
        return self.cover[0] <= offset < self.cover[1] and (
            not self.codes or any(code.startswith(c) for c in self.codes)
        )


def parse(text: str) -> list[Directive]:
    """The directives of a reply, each with the span it covers.

    >>> [(d.kind, d.codes, d.cover) for d in parse("a\\n<!-- cslint: disable-next-line CS101 -->\\nb\\nc")]
    [('disable-next-line', ('CS101',), (43, 45))]
    """
    found: list[Directive] = []
    open_regions: list[Directive] = []
    if "cslint" not in text:
        return found
    lines: SourceFile | None = None  # (for its line starts, found once: each directive's line is a binary search)
    for m in _DIRECTIVE.finditer(text):
        kind = m["kind"].lower()
        codes = tuple(c.upper() for c in _CODE.findall(m["codes"]))
        if kind == "enable":
            for d in reversed(open_regions):
                if not codes or set(codes) & set(d.codes) or not d.codes:
                    d.cover = (d.cover[0], m.start())
                    open_regions.remove(d)
                    break
            continue
        if kind == "disable-file":
            cover = (0, len(text))
        elif kind in ("disable-line", "disable-next-line"):
            lines = lines or SourceFile("", text)
            if kind == "disable-line":
                cover = lines.line_around(m.start())
            else:
                _, line_end = lines.line_around(m.end())
                cover = lines.line_around(line_end) if line_end < len(text) else (len(text), len(text))
        else:
            cover = (m.end(), len(text))
        d = Directive(kind, codes, m.start(), m.end(), cover)
        found.append(d)
        if kind == "disable":
            open_regions.append(d)
    return found


def mistakes(text: str, known: Iterable[str]) -> list[tuple[int, int, str]]:
    """Comments that look meant as directives but are not, or that name a code no rule has
    (``known`` are the codes of the run): each comment's span and what is wrong with it.

    >>> mistakes("Hi <!-- cslint: disabel-line CS101 --> there", ["CS101"])
    [(3, 38, "'disabel-line' is not a cslint directive; did you mean disable-line?")]
    >>> mistakes("<!-- cslint: disable CS1O1 -->", ["CS101"])
    [(0, 30, "'CS1O1' is not a code prefix; did you mean CS101?")]
    >>> mistakes("<!-- cslint: disable CS999 -->", ["CS101"])
    [(0, 30, "'disable' names CS999, which no rule has")]
    """
    from ..config import code_problem

    if "cslint" not in text.lower():
        return []
    known = list(known)
    out: list[tuple[int, int, str]] = []
    for m in _ATTEMPT.finditer(text):
        words = m["body"].replace(",", " ").split()
        kind = words[0].lower() if words else ""
        if kind not in KINDS:
            out.append((m.start(), m.end(), f"{words[0]!r} is not a cslint directive{hint(words[0], KINDS)}" if words
                        else f"a cslint comment needs a directive: {', '.join(KINDS)}"))
            continue
        problem = next(filter(None, (code_problem(w) for w in words[1:])), None)
        if problem is None:
            unknown = next((w.upper() for w in words[1:] if not any(c.startswith(w.upper()) for c in known)), None)
            problem = f"{kind!r} names {unknown}, which no rule has" if unknown else None
        if problem is None and not m["colon"]:
            problem = f"write 'cslint: {kind}', with a colon"
        if problem is None and _DIRECTIVE.match(text, m.start()) is None:
            problem = f"cannot read this cslint comment; write it as '<!-- cslint: {kind} CS101 -->'"
        if problem:
            out.append((m.start(), m.end(), problem))
    return out


class Index:
    """The directives of a reply by the stretch of it they cover: the ends of their covers
    cut the reply into pieces, and each piece lists the directives covering it whole. A
    finding is judged against one piece's directives, found by a binary search, so a
    reply with thousands of directives (a library's macros in one text file) costs time
    in proportion to its findings, not to findings times directives."""

    def __init__(self, directives: list[Directive]) -> None:
        self._bounds = sorted({p for d in directives for p in d.cover})
        self._covering: list[list[Directive]] = [[] for _ in self._bounds]
        for d in directives:  # (in their order, as they are marked used)
            for i in range(bisect_left(self._bounds, d.cover[0]), bisect_left(self._bounds, d.cover[1])):
                self._covering[i].append(d)

    def suppressed(self, code: str, offset: int) -> bool:
        """True when a directive covers this finding; marks the directives that do as used."""
        hit = False
        piece = bisect_right(self._bounds, offset) - 1
        for d in self._covering[piece] if piece >= 0 else ():
            if d.applies(code, offset):
                d.used = hit = True
        return hit
