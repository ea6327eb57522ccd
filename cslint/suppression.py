"""Inline suppression in comments the customer never sees.

Directives live in HTML/Markdown comments (``<!-- cslint: disable CS101 -->``) and in
Liquid/Jinja comments (``{# cslint: ... #}``, ``{% comment %}cslint: ...{% endcomment %}``),
so they stay in a macro body without ever reaching a customer. A directive that suppresses
nothing is itself reported (CS901), as ruff does for unused ``noqa``, so stale ones go away.

Directives apply to the reply they are written in: for a macro library, that is the macro.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

_DIRECTIVE = regex.compile(
    r"""(?:<!--|\{\#|\{%-?\s*comment\s*-?%\})\s*
        cslint:\s*(?P<kind>disable-file|disable-next-line|disable-line|disable|enable)\b
        (?P<codes>(?:[\s,]+CS\d{0,3})*)\s*
        (?:-->|\#\}|\{%-?\s*endcomment\s*-?%\})""",
    regex.VERBOSE | regex.IGNORECASE,
)
_CODE = regex.compile(r"CS\d*", regex.IGNORECASE)
_LINE_END = regex.compile(r"\r\n|\r|\n")


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


def _line_span(text: str, offset: int) -> tuple[int, int]:
    """Start and end (after the line break) of the line holding ``offset``."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    brk = _LINE_END.search(text, offset)
    return start, (brk.end() if brk else len(text))


def parse(text: str) -> list[Directive]:
    """The directives of a reply, each with the span it covers.

    >>> [(d.kind, d.codes, d.cover) for d in parse("a\\n<!-- cslint: disable-next-line CS101 -->\\nb\\nc")]
    [('disable-next-line', ('CS101',), (43, 45))]
    """
    found: list[Directive] = []
    open_regions: list[Directive] = []
    if "cslint" not in text:
        return found
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
        elif kind == "disable-line":
            cover = _line_span(text, m.start())
        elif kind == "disable-next-line":
            _, line_end = _line_span(text, m.end())
            cover = _line_span(text, line_end) if line_end < len(text) else (len(text), len(text))
        else:
            cover = (m.end(), len(text))
        d = Directive(kind, codes, m.start(), m.end(), cover)
        found.append(d)
        if kind == "disable":
            open_regions.append(d)
    return found


def suppressed(directives: list[Directive], code: str, offset: int) -> bool:
    """True when a directive covers this finding; marks the directives that do as used."""
    hit = False
    for d in directives:
        if d.applies(code, offset):
            d.used = hit = True
    return hit
