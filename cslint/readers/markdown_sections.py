"""One Markdown file holding several replies, each under a title.

Two layouts are in use on GitHub:

* separator lines ``---- TITLE`` (Blender's bug-tracker canned responses), and
* headings, each followed by the reply, often inside a fenced block to make copying easy
  (Angular's SAVED_REPLIES.md). When a section is just one fenced block, the reply is
  the block's content; otherwise the whole section is the reply.

Text before the first reply is the document's introduction and is not linted. Each
reply is a verbatim slice of the file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator

from ..diagnostic import Item
from ..sources.document import Segment, SourceFile
from .base import Reader, ReadOptions

# A separator follows a blank line (or starts the file), so a setext heading underline
# ("Title\n-----") is not one.
# A title ends at its line's last character that is not a blank (or '#'): written as a
# lazy title followed by trailing blanks, each extra character of the title would scan the
# blanks again, and a line of 150,000 spaces ran for minutes. No two parts of a pattern
# here may match the same blanks.
_SEPARATOR = re.compile(
    r"(?:\A|(?<=\n)[ \t]*\r?\n)-{4,}(?:[ \t]+(?P<title>[^ \t\r\n](?:[^\r\n]*[^ \t\r\n])?))?[ \t]*(?:\r?\n|\Z)"
)
_HEADING = re.compile(
    r"^(?P<hashes>#{1,6})[ \t]+(?P<title>(?:[^\r\n]*[^ \t#\r\n])?)[ \t#]*(?:\r?\n|\Z)", re.MULTILINE
)
#: A fence that holds prose to copy: no info string, or a text/Markdown one (```bash is code).
_PROSE_FENCE = r"(?P<fence>```|~~~)[ \t]*(?:(?:text|txt|md|markdown|plain)[ \t]*)?\r?\n"
_FENCED_SECTION = re.compile(r"^(#{1,6})[ \t]+[^\r\n]*\r?\n(?:[ \t]*\r?\n)*[ \t]*" + _PROSE_FENCE, re.MULTILINE)
_ONLY_FENCE = re.compile(
    r"\A\s*" + _PROSE_FENCE + r"(?P<body>.*?)^[ \t]*(?P=fence)\s*\Z", re.DOTALL | re.MULTILINE
)
_FENCE_LINE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)


def _titled_separators(text: str) -> int:
    return sum(1 for m in _SEPARATOR.finditer(text) if m.group("title"))


def sniff(text: str) -> bool:
    return _titled_separators(text) >= 2 or len(_FENCED_SECTION.findall(text)) >= 2


def _reply(source: SourceFile, start: int, end: int, title: str | None) -> Segment | None:
    """The reply between two offsets: a lone fenced block's content, else the section,
    without surrounding blank lines."""
    section = source.text[start:end]
    fenced = _ONLY_FENCE.match(section)
    if fenced is not None:
        start, section = start + fenced.start("body"), fenced.group("body")
    lead = len(section) - len(section.lstrip())
    body = section.strip()
    if not body:
        return None
    return Segment(body, start + lead, Item(None, title) if title else None)


def _cuts(text: str) -> list[tuple[int, int, str | None, bool]]:
    """(start, end, title, opens a reply) of each line that ends the previous section.

    In the headings layout, replies sit under headings of the level that most often holds
    a fenced block; a higher-level heading ends a reply without opening one.
    """
    if _titled_separators(text) >= 2:
        return [(m.start(), m.end(), m.group("title"), True) for m in _SEPARATOR.finditer(text)]
    levels = Counter(len(m.group(1)) for m in _FENCED_SECTION.finditer(text))
    level = levels.most_common(1)[0][0] if levels else 2
    fences = [m.start() for m in _FENCE_LINE.finditer(text)]
    return [
        (m.start(), m.end(), m.group("title"), len(m.group("hashes")) == level)
        for m in _HEADING.finditer(text)
        if len(m.group("hashes")) <= level and bisect_right(fences, m.start()) % 2 == 0
    ]


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment]:
    cuts = _cuts(source.text)
    for i, (_, body_start, title, opens) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(source.text)
        segment = _reply(source, body_start, end, title) if opens else None
        if segment is not None:
            yield segment


READER = Reader("markdown-sections", (".md", ".markdown"), read, sniff)
