"""Blank out what is not prose, keeping every offset.

Rules must never flag a placeholder the helpdesk fills in, a URL, an address, a handle, code
or the customer's own words quoted below the reply. Each such span is replaced by spaces of
the same length (line breaks kept), so an offset in the masked text is the same offset in
the reply and columns stay exact.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

# Order matters: longer and more specific syntaxes first (Salesforce HML before Liquid
# output, Help Scout before Liquid tags). One alternation means one pass over the text.
_NOT_PROSE = regex.compile(
    r"""
      (?P<comment><!--.*?-->|\{\#.*?\#\}|\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\})
    | (?P<fence>^[ \t]*(?:```|~~~)[^\n]*\n.*?(?:^[ \t]*(?:```|~~~)[ \t]*$|\Z))
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
    | (?P<url>\b(?:https?://|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}])
    | (?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)
    | (?P<handle>(?<![\w@])@\w+)
    """,
    regex.VERBOSE | regex.DOTALL | regex.MULTILINE,
)

# Quoted e-mail history: an attribution line ("On Mon, ... wrote:") or a separator opens
# it; '>' lines are quoted wherever they stand.
_ATTRIBUTION = regex.compile(
    r"^[ \t]*(?:On\b[^\n]{0,300}\bwrote:[ \t]*$|-{2,}\s*Original Message\s*-{2,}[^\n]*$)",
    regex.MULTILINE | regex.IGNORECASE,
)
_QUOTED_LINE = regex.compile(r"^[ \t]*>[^\n]*(?:\n|\Z)", regex.MULTILINE)
_QUOTE_PREFIX = regex.compile(r"^[ \t]*>+ ?", regex.MULTILINE)
_NOT_NEWLINE = regex.compile(r"[^\r\n]")


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
    return _NOT_NEWLINE.sub(" ", text)


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
    history = _ATTRIBUTION.search(text)
    cut = history.start() if history else len(text)
    for m in _QUOTED_LINE.finditer(text, 0, cut):
        pieces.append(text[last : m.start()])
        pieces.append(_blank(m.group()))
        quoted.append(m.group())
        last = m.end()
    pieces.append(text[last:cut])
    if history:
        tail = text[cut:]
        pieces.append(_blank(tail))
        quoted.append(tail[history.end() - cut :])
    body = "".join(pieces)
    masked = _NOT_PROSE.sub(lambda m: _blank(m.group()), body)
    parts = [context.strip()] if context else []
    if quoted:
        parts.extend(q for q in (_QUOTE_PREFIX.sub("", chunk).strip() for chunk in quoted) if q)
    return Prose(masked, "\n".join(p for p in parts if p), body)
