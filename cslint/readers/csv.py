"""CSV (and TSV) macro tables: a header row, then one reply per row.

The reply column is ``--text-field`` or the first of body, text, content, answer,
response, reply, message, macro, template; the title, id and context columns work alike.
Quoted fields may span lines and double their quotes; positions still point into them.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from ..diagnostic import Item
from ..sources.document import Segment, SourceFile
from . import _csv
from ._html import looks_like_html
from ._located import fail
from ._macros import CONTEXT_KEYS, ID_KEYS, Body, field_keys, segment
from .base import Reader, ReadError, ReadOptions

TEXT_COLUMNS = ("body", "text", "content", "answer", "response", "reply", "message", "macro", "template")
TITLE_COLUMNS = ("title", "name", "question", "subject")


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name.lower() in header:
            return header.index(name.lower())
    return None


def _cell(fields: list[_csv.CsvStr], at: int | None) -> str | None:
    if at is None or at >= len(fields):
        return None
    return fields[at].strip() or None


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment]:
    text = source.text
    sep = "\t" if PurePath(source.path).suffix.lower() == ".tsv" else _csv.delimiter(text)
    records = _csv.rows(text, sep)
    try:
        first = next(records, None)
        if first is None:
            return
        header = [f.strip().lower() for f in first[1]]
        text_at = _column(header, field_keys(options, "text", TEXT_COLUMNS))
        if text_at is None:
            raise ReadError(
                f"no reply column in the header (looked for {', '.join(field_keys(options, 'text', TEXT_COLUMNS))}); "
                "name it with --text-field", 1, 1,
            )
        title_at = _column(header, field_keys(options, "title", TITLE_COLUMNS))
        id_at = _column(header, field_keys(options, "id", ID_KEYS))
        context_at = _column(header, field_keys(options, "context", CONTEXT_KEYS))
        for _, fields in records:
            if text_at >= len(fields) or not fields[text_at].strip():
                continue
            macro_id, title = _cell(fields, id_at), _cell(fields, title_at)
            item = Item(macro_id, title) if macro_id or title else None
            body = Body(fields[text_at], looks_like_html(fields[text_at]))
            yield segment(body, item, _cell(fields, context_at))
    except _csv.CsvError as exc:
        raise fail(source, f"invalid CSV: {exc}", exc.offset) from None


READER = Reader("csv", (".csv", ".tsv"), read)
