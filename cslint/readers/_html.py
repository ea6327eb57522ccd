"""HTML bodies to the text a customer reads, with a map back to the markup.

Tags and entities are not prose: ``<p>`` and ``<br>`` become line breaks, other tags
vanish, ``&amp;`` becomes ``&``, line breaks in the source are spaces, and
``<script>``/``<style>`` content is dropped. Comments
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
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<wrap>[ \t]*[\r\n]\s*)",
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
    # (every tag holds a '<' and every entity a '&': most replies hold neither)
    return ("<" in text or "&" in text) and _LOOKS_LIKE_HTML.search(text) is not None


def to_text(markup: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The readable text of ``markup``, and the substitutions that made it: for each tag,
    entity or folded line break, ``(start, end, length of what replaced it)`` in
    ``markup``. Everything between substitutions is verbatim;
    :func:`~cslint.readers._located.spans_map` turns them into an offset map when a
    finding needs one.

    A line break in the HTML source is a space, as in a browser (outside ``<pre>``), so a
    hard-wrapped sentence stays one sentence.

    >>> to_text("<p>Caf&eacute; &amp;\\n  more</p>")
    ('Café & more\\n', [(0, 3, 0), (6, 14, 1), (15, 20, 1), (20, 23, 1), (27, 31, 1)])
    """
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    last = "\n"  # the last character of the text so far; no break is needed at the start
    in_pre = False
    for m in _TOKEN.finditer(markup):
        kind = m.lastgroup
        if kind == "comment" or kind == "attribute":
            continue  # kept verbatim: directives and placeholders
        if m.start() > pos:
            last = markup[m.start() - 1]
        if kind == "wrap":
            if in_pre:
                continue
            replacement = "" if last == "\n" else " "
        elif kind == "entity":
            replacement = html.unescape(m.group())
            if replacement == m.group():
                continue  # not an entity a browser knows: literal text
        else:
            name = (m.group("name") or "").lower()
            if kind == "tag" and name not in _ELEMENTS:
                continue  # <Fill in ...> stays as text
            if name == "pre":
                in_pre = not m.group().startswith("</")
            # <br> always breaks a line; other blocks start one unless one just started
            replacement = "\n" if name == "br" or (name in _BLOCKS and last != "\n") else ""
        parts.append(markup[pos : m.start()])
        parts.append(replacement)
        pieces.append((m.start(), m.end(), len(replacement)))
        pos = m.end()
        last = replacement[-1:] or last
    parts.append(markup[pos:])
    return "".join(parts), pieces


def escape(text: str) -> str:
    """Replacement text as HTML source (for ``--fix``)."""
    return html.escape(text, quote=False)
