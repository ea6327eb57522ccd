"""Blank out what is not prose, keeping every offset.

Rules must never flag a placeholder the helpdesk fills in, a URL, an address, a handle, code
or the customer's own words quoted below the reply. Each such span is replaced by spaces of
the same length (line breaks kept), so an offset in the masked text is the same offset in
the reply and columns stay exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

# The syntaxes whose span ends within a bounded stretch: each branch starts with a fixed
# character (Salesforce HML before Liquid output), so the scan skips plain prose at C
# speed. Spans that run from an opener to a distant closer, and links, are matched by
# ``_closed`` and ``_Ahead.link_end``; addresses and handles are found from their '@'
# (see ``_at``): a pattern that starts with ``[\w.+-]+`` would be tried at every letter.
_NOT_PROSE_SOURCE = r"""
      (?P<placeholder>
          \{\{\{[^{}]*\}\}\}                         # Salesforce HML {{{Recipient.Name}}}
        | \{\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\}        # Liquid / Handlebars / Jinja output
        | %\{[\w.]+\}                                # Ruby-style %{ticket.number}
      )
    | (?P<code>`[^`\n]+`)
    {fence}
    """
# Fenced code blocks start at a line start, which no first-character skip can find: the
# branch is only in the pattern used on a reply that has a fence marker.
_FENCE = r"| (?P<fence>^[ \t]*(?:```|~~~)[^\n]*\n.*?(?:^[ \t]*(?:```|~~~)[ \t]*$|\Z))"
_NOT_PROSE = re.compile(_NOT_PROSE_SOURCE.replace("{fence}", ""), re.VERBOSE | re.DOTALL)
_NOT_PROSE_FENCED = re.compile(_NOT_PROSE_SOURCE.replace("{fence}", _FENCE), re.VERBOSE | re.DOTALL | re.MULTILINE)
#: Where a branch above can start: found by a plain scan (cheaper than trying the whole
#: alternation at every character), then the alternation is matched there.
#: Each hit is one character (or none, at a fence's line start), so that the scan goes
#: on from the next character as when a branch does not apply there; the class comes
#: first, so that the standard library skips to those characters at C speed.
_STARTS = re.compile(r"[<{`@%\[hw](?:(?<=[<{`@%\[])|(?<=h)(?=ttps?://)|(?<=w)(?=ww\.))")
_STARTS_FENCED = re.compile(f"{_STARTS.pattern}|^(?=[ \\t]*(?:```|~~~))", re.MULTILINE)
# Syntaxes that run from an opener to a closer, however far: a lazy ``.*?`` to the closer
# in the alternation above would scan the rest of the reply at every opener that is never
# closed ('{% ' * 40000 took minutes), so these are matched from their opener by looking
# up the next closer once (see ``_Ahead``).
_COMMENT_TAG = re.compile(r"\{%-?\s*comment\s*-?%\}")
_ATTRIBUTE = re.compile(r"<attribute\b")  # Intercom <attribute key=".." />
_HUBSPOT = re.compile(r"\[\[[A-Z]")  # HubSpot [[MISSING TOKEN ...]]
_CLOSERS = {
    "comment": re.compile("-->"),
    "jinja comment": re.compile("#}"),
    "end comment tag": re.compile(r"\{%-?\s*endcomment\s*-?%\}"),
    "tag": re.compile("%}"),  # Liquid tags, Help Scout {%x,fallback=y%}
    "merge field": re.compile(r"[}\n]"),  # Salesforce {!Contact.Name}, on one line
    "bracket": re.compile(">"),
    "hubspot": re.compile(r"[\]\n]"),
    # A link runs from "http(s)://" or "www." to the first character a URL cannot hold,
    # less the punctuation that ends a sentence after it.
    "link end": re.compile(r"""[\s<>"'`]"""),
    "@": re.compile("@"),
}
_LINK_PREFIX = re.compile(r"https?://|www\.")
_AFTER_LINK = frozenset(".,;:!?)]}")
# Word characters as the rules see them (the regex module counts combining marks, as in
# Thai or Hindi handles); these run only where an '@' or a link stands.
# (The empty alternative that never matches keeps the regex module from first looking for
# the '.' a domain needs through the rest of the reply, at every '@' it is tried at.)
_DOMAIN = regex.compile(r"[\w-]+(?:\.[\w-]+)+\b|(?!)")
_HANDLE = regex.compile(r"\w+")
_LOCAL = regex.compile(r"[\w.+-]")
_WORD = regex.compile(r"\w")

# Quoted e-mail history: an attribution line ("On Mon, ... wrote:") or a separator opens
# it; '>' lines are quoted wherever they stand.
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?:On\b[^\n]{0,300}\bwrote:[ \t]*$|-{2,}\s*Original Message\s*-{2,}[^\n]*$)",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|\Z)", re.MULTILINE)
_QUOTE_PREFIX = re.compile(r"^[ \t]*>+ ?", re.MULTILINE)
_NOT_NEWLINE = re.compile(r"[^\r\n]")


@dataclass(frozen=True, slots=True)
class Prose:
    """A reply with everything that is not its author's prose blanked out."""

    #: Same length as the reply; masked characters are spaces.
    text: str
    #: The customer's message, from quoted history or the reader's context field.
    context: str
    #: Same length as the reply, only quoted history blanked: placeholders, links and code
    #: as written, for the few rules that judge the placeholders themselves.
    raw: str = ""


def _blank(text: str) -> str:
    return " " * len(text) if "\n" not in text and "\r" not in text else _NOT_NEWLINE.sub(" ", text)


class _Ahead:
    """Where each closer next occurs in one text, each looked up as rarely as possible.

    A search from ``pos`` that found the closer at ``hit`` (or found none) answers every
    later search from a position in ``[pos, hit]``: openers are met in order, so each
    stretch of the text is searched about once per closer, and a reply of openers that are
    never closed costs one scan instead of one per opener.
    """

    __slots__ = ("_text", "_known", "_trimmed")

    def __init__(self, text: str) -> None:
        self._text = text
        self._known: dict[str, tuple[int, re.Match[str] | None]] = {}
        self._trimmed = (-1, -1)

    def find(self, closer: str, pos: int) -> re.Match[str] | None:
        known = self._known.get(closer)
        if known is not None and known[0] <= pos and (known[1] is None or known[1].start() >= pos):
            return known[1]
        hit = _CLOSERS[closer].search(self._text, pos)
        self._known[closer] = (pos, hit)
        return hit

    def link_end(self, start: int) -> int | None:
        """The end of the link at ``start`` (its prefix already seen there), or None when
        nothing but punctuation follows the prefix. Links that share an end (a run of
        "a.www.b@c.d" without a space) share the work of finding it."""
        text = self._text
        stop = self.find("link end", start)
        end = stop.start() if stop else len(text)
        if self._trimmed[0] != end:
            trim = end
            while trim > start and text[trim - 1] in _AFTER_LINK:
                trim -= 1
            self._trimmed = (end, trim)
        trim = self._trimmed[1]
        prefix = _LINK_PREFIX.match(text, start)
        # (at least one character after the prefix, and the last one not punctuation)
        return trim if prefix is not None and trim >= prefix.end() + 2 else None


def _closed(body: str, start: int, ahead: _Ahead) -> int | None:
    """The end of the opener-to-closer span (comment, tag, merge field) starting at
    ``start``, or None: the same spans as lazy patterns would find, in linear time."""
    two = body[start : start + 2]
    if two == "<!":
        if body.startswith("<!--", start):
            hit = ahead.find("comment", start + 4)
            return hit.end() if hit else None
    elif two == "{#":
        hit = ahead.find("jinja comment", start + 2)
        return hit.end() if hit else None
    elif two == "{%":
        opened = _COMMENT_TAG.match(body, start)
        if opened is not None:
            hit = ahead.find("end comment tag", opened.end())
            if hit is not None:
                return hit.end()
        hit = ahead.find("tag", start + 2)
        return hit.end() if hit else None
    elif two == "{!":
        hit = ahead.find("merge field", start + 2)
        return hit.end() if hit and hit.group() == "}" else None
    elif two == "<a":
        if _ATTRIBUTE.match(body, start):
            hit = ahead.find("bracket", start + 10)
            return hit.end() if hit else None
    elif two == "[[":
        if _HUBSPOT.match(body, start):
            hit = ahead.find("hubspot", start + 3)
            return hit.end() + 1 if hit and body.startswith("]]", hit.start()) else None
    return None


def _at(text: str, at: int, done: int) -> tuple[int, int] | None:
    """The e-mail address or handle around the '@' at ``at``, or None.

    An address has a local part of ``[\\w.+-]`` characters before the '@' that starts
    a word and a dotted domain after it; a handle is an '@' no word character or '@'
    precedes, followed by word characters. ``done`` is where the previous masked span
    ended: an address never reaches back into it. (An '@' after whitespace can only
    start a handle: :func:`_mask_body` reads those itself, most '@' being such.)
    """
    start = at
    while start > done and _LOCAL.match(text, start - 1):
        start -= 1
    # The local part starts at a word boundary (\\b), as the leftmost one in the run.
    while start < at and bool(_WORD.match(text, start)) == (start > 0 and bool(_WORD.match(text, start - 1))):
        start += 1
    if start < at:
        domain = _DOMAIN.match(text, at + 1)
        if domain:
            return start, domain.end()
    if at > 0 and (text[at - 1] == "@" or _WORD.match(text, at - 1)):
        return None
    handle = _HANDLE.match(text, at + 1)
    return (at, handle.end()) if handle else None


def _mask_body(body: str) -> str:
    """Blank placeholders, comments, code, links, addresses and handles in one pass."""
    fenced = "```" in body or "~~~" in body
    starts, branches = (_STARTS_FENCED, _NOT_PROSE_FENCED) if fenced else (_STARTS, _NOT_PROSE)
    pieces: list[str] = []
    last = 0
    ahead = _Ahead(body)
    for hit in starts.finditer(body):
        start = hit.start()
        if start < last:
            continue  # inside a span blanked already
        if body[start] == "@":  # only the last branch starts with it: no need to try the others
            if start == 0 or body[start - 1].isspace():  # a handle, the common case, found at once
                handle = _HANDLE.match(body, start + 1)
                if handle is None:
                    continue
                pieces.append(body[last:start])
                pieces.append(" " * (handle.end() - start))  # (word characters: no line break)
                last = handle.end()
                continue
            kind = "at"
        elif body[start] in "hw":
            # "xhttp://" does not start a link (an address it would reach back into is
            # found from its '@')
            link = None if start > 0 and _WORD.match(body, start - 1) else ahead.link_end(start)
            if link is None:
                continue
            end, kind = link, "url"
        else:
            closed = _closed(body, start, ahead) if body[start] in "<{[" else None
            if closed is not None:
                end, kind = closed, "closed"
            else:
                m = branches.match(body, start)
                if m is None:
                    continue
                start, end = m.span()
                kind = m.lastgroup or ""  # every branch is a named group
        if kind == "at":
            span = _at(body, start, last)
            if span is None:
                continue
            start, end = span
        elif kind == "url":
            found = ahead.find("@", start)
            at = found.start() if found and found.start() < end else -1
            if at > 0 and start > last and _LOCAL.match(body, start - 1):
                # "j.www.smith@x.org": an address that starts before the link would.
                span = _at(body, at, last)
                if span is not None and span[0] < start:
                    start, end = span
        pieces.append(body[last:start])
        pieces.append(_blank(body[start:end]))
        last = end
    if not pieces:
        return body
    pieces.append(body[last:])
    return "".join(pieces)


def mask(text: str, context: str | None = None) -> Prose:
    """Mask a reply and gather its conversation context.

    >>> p = mask("Hi {{user.name}}, see https://x.io/a.\\n\\nOn Mon, Bob wrote:\\n> it broke")
    >>> p.text.split("\\n")[0]
    'Hi              , see               .'
    >>> p.context
    'it broke'
    """
    quoted: list[str] = []
    pieces: list[str] = []
    last = 0
    # (an attribution ends in "wrote:", a separator holds "--": most replies hold neither)
    history = _ATTRIBUTION.search(text) if ":" in text or "--" in text else None
    cut = history.start() if history else len(text)
    if ">" in text:
        for m in _QUOTED_LINE.finditer(text, 0, cut):
            pieces.append(text[last : m.start()])
            pieces.append(_blank(m.group()))
            quoted.append(m.group())
            last = m.end()
    if history:
        pieces.append(text[last:cut])
        tail = text[cut:]
        pieces.append(_blank(tail))
        quoted.append(tail[history.end() - cut :])
        body = "".join(pieces)
    elif pieces:
        pieces.append(text[last:])
        body = "".join(pieces)
    else:
        body = text
    parts = [context.strip()] if context else []
    if quoted:
        parts.extend(q for q in (_QUOTE_PREFIX.sub("", chunk).strip() for chunk in quoted) if q)
    return Prose(_mask_body(body), "\n".join(p for p in parts if p), body)
