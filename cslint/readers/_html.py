"""HTML bodies to the text a customer reads, with a map back to the markup.

Tags and entities are not prose: ``<p>`` and ``<br>`` become line breaks, other tags
vanish, ``&amp;`` becomes ``&``, and ``<script>``/``<style>`` content is dropped. Comments
are kept as they are, because cslint directives live in them and masking blanks them.
Intercom's ``<attribute .../>`` placeholders are kept too, so masking sees a placeholder
where the customer will see a name. Angle brackets around words that are not HTML element
names (``<Fill in the order ID>``) are text: they are exactly what a reviewer must see.
"""
from __future__ import annotations

import html
import re

_ELEMENTS = frozenset(
    "a abbr address article aside b bdi bdo blockquote body br button caption center cite code col colgroup dd "
    "del details dfn div dl dt em figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i img "
    "input ins kbd label legend li link main mark meta nav noscript ol p pre q s samp script section select small "
    "span strike strong style sub summary sup table tbody td tfoot th thead title tr tt u ul var wbr".split()
)
#: Elements that start a new line where they open or close.
_BLOCKS = frozenset(
    "address article aside blockquote br body center dd details div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<attribute><attribute\b[^>]*>)"
    r"|(?P<raw><(?P<rawname>script|style)\b[^>]*>.*?(?:</(?P=rawname)\s*>|\Z))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)",
    re.DOTALL | re.IGNORECASE,
)
_LOOKS_LIKE_HTML = re.compile(
    r"</?(?:p|br|div|span|a|b|strong|em|i|u|ul|ol|li|h[1-6]|table|tr|td|img|hr|blockquote|pre|code|font)\b[^<>]*>"
    r"|&(?:nbsp|amp|lt|gt|quot|#\d+);",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether a body written in a plain field is in fact HTML (many exports do that).

    >>> looks_like_html("Hi there!<br /><br />Thanks"), looks_like_html("See #<insert issue>")
    (True, False)
    """
    return _LOOKS_LIKE_HTML.search(text) is not None


def to_text(markup: str) -> tuple[str, list[int]]:
    """The readable text of ``markup`` and, for each of its characters plus the end, the
    offset in ``markup`` it came from.

    >>> text, where = to_text("<p>Caf&eacute; &amp; more</p>")
    >>> text, where[3], where[5]
    ('Café & more\\n', 6, 15)
    """
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in _TOKEN.finditer(markup):
        kind = m.lastgroup
        if kind == "tag" or kind == "raw":
            name = (m.group("name") or "").lower()
            if kind == "tag" and name not in _ELEMENTS:
                continue  # <Fill in ...> stays as text
            _verbatim(markup, pos, m.start(), parts, origin)
            pos = m.end()
            # <br> always breaks a line; other blocks start one unless one just started
            if name == "br" or (name in _BLOCKS and parts and not parts[-1].endswith("\n")):
                parts.append("\n")
                origin.append(m.start())
            continue
        if kind == "entity":
            decoded = html.unescape(m.group())
            if decoded == m.group():
                continue  # not an entity a browser knows: literal text
            _verbatim(markup, pos, m.start(), parts, origin)
            parts.append(decoded)
            origin.extend([m.start()] * len(decoded))
            pos = m.end()
        # comments and <attribute/> placeholders stay in the text verbatim
    _verbatim(markup, pos, len(markup), parts, origin)
    origin.append(len(markup))
    return "".join(parts), origin


def _verbatim(markup: str, start: int, end: int, parts: list[str], origin: list[int]) -> None:
    if end > start:
        parts.append(markup[start:end])
        origin.extend(range(start, end))


def escape(text: str) -> str:
    """Replacement text as HTML source (for ``--fix``)."""
    return html.escape(text, quote=False)
