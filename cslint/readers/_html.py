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
#: Every token starts with one of four characters, so the scan skips to them at C speed (a
#: folded line break takes the spaces and tabs before it too: see :func:`_wrap_start`).
#: The look-ahead says so to the engine, which otherwise tries each branch at every
#: character (twice as slow on the macros of an export).
_TOKEN = re.compile(
    r"(?=[<&\r\n])(?:"
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<open><)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<wrap>[\r\n]\s*))",
    re.DOTALL | re.IGNORECASE,
)
#: What a '<' can open; each needs a '>' after it. Tried only where one can follow (see
#: ``_Tags``), since a scan for the '>' that fails runs to the end of the text.
_OPAQUE = re.compile(
    r"(?P<attribute><attribute\b[^>]*>)"
    r"|(?P<raw><(?P<rawname>script|style)\b[^>]*>.*?(?:</(?P=rawname)\s*>|\Z))",
    re.DOTALL | re.IGNORECASE,
)
_ELEMENT_HEAD = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b")
_SPECIAL = re.compile("[>\"']")


class _Tags:
    """Tags, found without scanning the same text again from every '<'.

    A tag's attributes run to the first '>' outside quotes. A '<' with no '>' after it,
    or whose quotes never close, used to be scanned to the end of the text, from every
    '<' ('<b x ' * 40000 took minutes). Here a tag's end is found by hopping from quote to
    quote, and where the attributes after each opening quote end is kept, so tags that
    share the rest of their attributes share the work.
    """

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.last_close = markup.rfind(">")
        #: For an opening quote met inside a tag: the end of that tag, or -1 when none.
        self.after_quote: dict[int, int] = {}
        #: The last search for a '>' or quote from a tag's name: (from, what it found).
        self.ahead: tuple[int, re.Match[str] | None] = (-1, None)

    def match(self, start: int) -> tuple[str, int, str] | None:
        """What the '<' at ``start`` opens: its kind (attribute, raw, tag), where it ends
        and its element name (empty for the first two); None when it opens nothing."""
        if start >= self.last_close:
            return None  # nothing a '<' opens can end without a '>'
        markup = self.markup
        if markup[start + 1 : start + 2] in "aAsS":
            opaque = _OPAQUE.match(markup, start)
            if opaque is not None:
                return opaque.lastgroup or "", opaque.end(), ""
        head = _ELEMENT_HEAD.match(markup, start)
        if head is None:
            return None
        end = self._end(head.end())
        return ("tag", end, head.group(1)) if end >= 0 else None

    def _end(self, pos: int) -> int:
        markup = self.markup
        since, hit = self.ahead  # tags are met in order: one search serves all up to its hit
        if not (since <= pos and hit is not None and hit.start() >= pos):
            hit = _SPECIAL.search(markup, pos)
            self.ahead = (pos, hit)
        quotes: list[int] = []
        end = -1
        while hit is not None:
            if hit.group() == ">":
                end = hit.end()
                break
            quote = hit.start()
            if quote in self.after_quote:
                end = self.after_quote[quote]
                break
            quotes.append(quote)
            close = markup.find(hit.group(), quote + 1)
            if close < 0:
                break
            hit = _SPECIAL.search(markup, close + 1)
        for quote in quotes:
            self.after_quote[quote] = end
        return end

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
    tags = _Tags(markup)
    at = 0
    while (token := _TOKEN.search(markup, at)) is not None:
        start, end = token.span()
        kind, name = token.lastgroup, ""
        if kind == "wrap":
            start = _wrap_start(markup, start, at)
        at = end
        if kind == "open":
            tag = tags.match(start)
            if tag is None:
                continue  # a '<' that opens nothing is text
            kind, at, name = tag
        if kind == "comment" or kind == "attribute":
            continue  # kept verbatim: directives and placeholders
        if start > pos:
            last = markup[start - 1]
        if kind == "wrap":
            if in_pre:
                continue
            replacement = "" if last == "\n" else " "
        elif kind == "entity":
            replacement = html.unescape(token.group())
            if replacement == token.group():
                continue  # not an entity a browser knows: literal text
        else:
            name = name.lower()
            if kind == "tag" and name not in _ELEMENTS:
                continue  # <Fill in ...> stays as text
            if name == "pre":
                in_pre = not markup.startswith("</", start)
            # <br> always breaks a line; other blocks start one unless one just started
            replacement = "\n" if name == "br" or (name in _BLOCKS and last != "\n") else ""
        parts.append(markup[pos:start])
        parts.append(replacement)
        pieces.append((start, at, len(replacement)))
        pos = at
        last = replacement[-1:] or last
    parts.append(markup[pos:])
    return "".join(parts), pieces


def _wrap_start(markup: str, start: int, since: int) -> int:
    """Where a folded line break at ``start`` begins: at the spaces and tabs before it,
    back to ``since`` (the end of the last token)."""
    while start > since and markup[start - 1] in " \t":
        start -= 1
    return start


def escape(text: str) -> str:
    """Replacement text as HTML source (for ``--fix``)."""
    return html.escape(text, quote=False)
