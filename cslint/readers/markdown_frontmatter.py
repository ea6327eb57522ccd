"""Markdown with YAML front matter: one reply per file, named by its front matter.

    ---
    title: Refund denied
    id: 42
    ---
    Hi {{ticket.requester.first_name}}, ...

``title`` (or ``name``) and ``id`` name the macro; ``active: false`` skips it unless
``--include-inactive``. The body is linted verbatim, so positions need no mapping.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostic import Item
from ..sources.document import Segment, SourceFile
from . import _yaml
from ._macros import OFF, first
from .base import Reader, ReadError, ReadOptions

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment]:
    m = _FRONT.match(source.text)
    if m is None:
        yield Segment(source.text, 0)
        return
    try:
        meta = _yaml.parse(m.group(1), m.start(1), base_line=1) or {}
    except _yaml.YamlError as exc:
        raise ReadError(f"front matter: {exc}", exc.line, exc.column) from None
    if not isinstance(meta, dict):
        raise ReadError("front matter must be a mapping of keys (title, id, ...)", 2, 1)
    if not options.include_inactive and meta.get("active", True) in OFF:
        return
    title, macro_id = first(meta, ("title", "name")), first(meta, ("id",))
    item = Item(None if macro_id is None else str(macro_id), None if title is None else str(title))
    yield Segment(source.text[m.end():], m.end(), item if item.label() else None)


READER = Reader(
    "markdown-frontmatter", (".md", ".markdown"), read, lambda text: _FRONT.match(text) is not None,
)
