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

# Order matters: longer and more specific syntaxes first (Salesforce HML before Liquid
# output, Help Scout before Liquid tags). One alternation means one pass over the text, and
# every branch starts with a fixed character, so the scan skips plain prose at C speed.
# Addresses and handles are found from their '@' (see ``_at``): a pattern that starts
# with ``[\w.+-]+`` would be tried at every letter of the reply.
_NOT_PROSE_SOURCE = r"""
      (?P<comment><!--.*?-->|\{\#.*?\#\}|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\})
    {fence}
    | (?P<placeholder>
          \{\{\{[^{}]*\}\}\}                         # Salesforce HML {{{Recipient.Name}}}
        | \{\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\}        # Liquid / Handlebars / Jinja output
        | \{%[^%]*?(?:%(?!\})[^%]*?)*%\}             # Liquid tags, Help Scout {%x,fallback=y%}
        | \{![^}\n]*\}                               # Salesforce merge fields {!Contact.Name}
        | %\{[\w.]+\}                                # Ruby-style %{ticket.number}
        | <attribute\b[^>]*/?>                       # Intercom <attribute key=".." />
        | \[\[[A-Z][^\]\n]*\]\]                      # HubSpot [[MISSING TOKEN ...]]
      )
    | (?P<code>`[^`\n]+`)
    | (?P<url>(?:https?://|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}])
    | (?P<at>@)
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
            at = body.find("@", start, end)
            if at > 0 and start > last and _LOCAL.match(body, start - 1):
                # "j.www.smith@x.org": an address that starts before the link would.
                span = _at(body, at, last)
                if span is not None and span[0] < start:
                    start, end = span
            if start > 0 and body[start] in "hw" and _WORD.match(body, start - 1):
                continue  # "xhttp://" does not start a link
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
