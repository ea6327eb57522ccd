"""Any other JSON export: every object with a reply-like field (``body``, ``content``,
``text``, ``comment``, ``html``...; see ``TEXT_KEYS``) is a reply, in whatever envelope.
This reads, for example, lists of ``{title, content}``, VS Code triage-bot
``commands.json`` and Django fixtures. ``--text-field`` and friends choose the fields.

A file with no such object at all (a ``package.json``, editor settings) is no reply
library: it gets one CS906 notice, so a folder walk says what it passed over."""
from __future__ import annotations

from collections.abc import Iterator

from ..sources.document import Deferred, Segment, SourceFile
from ._macros import ID_KEYS, TEXT_KEYS, TITLE_KEYS, Layout, Walker, field_keys, load_trees, text_bodies
from .base import NotReplies, Reader, ReadOptions

LAYOUT = Layout(text_bodies, title_keys=TITLE_KEYS, id_keys=ID_KEYS, active_keys=("active", "enabled", "isenabled"))


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment | Deferred]:
    walker = Walker(LAYOUT, options)
    empty = True
    for tree in load_trees(source):
        empty = empty and tree in ([], {}, None)
        yield from walker.segments(tree)
    if not walker.found and not empty:
        looked = ", ".join(field_keys(options, "text", TEXT_KEYS))
        raise NotReplies(f"no object has a reply field (looked for {looked}); name it with --text-field")


READER = Reader("json", (".json",), read)
