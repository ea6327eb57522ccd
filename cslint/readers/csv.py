"""CSV (and TSV) macro tables: a header row, then one reply per row.

The reply column is ``--text-field`` or the first of body, text, content, answer,
response, reply, message, macro, template; the title, id and context columns work alike.
Quoted fields may span lines and double their quotes; positions still point into them.

A table with none of those columns, or whose reply column holds documents rather than
replies (a scrape of a site's legal pages has a ``body`` column too), is no reply
library: it gets one CS906 notice instead of findings nobody asked for. A column named
with ``--text-field`` is always linted.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import PurePath

from ..diagnostic import Item
from ..sources.document import Deferred, Segment, SourceFile
from . import _csv
from ._html import looks_like_html
from ._located import fail
from ._macros import CONTEXT_KEYS, ID_KEYS, Body, field_keys, reply
from .base import NotReplies, Reader, ReadError, ReadOptions

TEXT_COLUMNS = ("body", "text", "content", "answer", "response", "reply", "message", "macro", "template")
TITLE_COLUMNS = ("title", "name", "question", "subject")
#: A reply is read in one sitting: a column whose typical cell is longer than this (some
#: 1,700 words) holds documents, such as web pages or policies. The longest saved reply
#: of the real macro libraries cslint is tried on has 1,893 characters; the scraped legal
#: pages kept beside one of them have a median of 31,692.
DOCUMENT_CHARS = 10_000
#: The first rows with text that decide it, so a table is still read row by row.
SAMPLE_ROWS = 20


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name.lower() in header:
            return header.index(name.lower())
    return None


def _cell(fields: list[_csv.CsvStr], at: int | None) -> str | None:
    if at is None or at >= len(fields):
        return None
    return fields[at].strip() or None


def _first(rows: Iterator[list[_csv.CsvStr]], count: int) -> tuple[list[list[_csv.CsvStr]], _csv.CsvError | None]:
    """The first ``count`` rows, and the error that cut them short, if one did (the rows
    before a quote that never closes are still linted)."""
    out: list[list[_csv.CsvStr]] = []
    try:
        for fields in rows:
            out.append(fields)
            if len(out) == count:
                break
    except _csv.CsvError as exc:
        return out, exc
    return out, None


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment | Deferred]:
    text = source.text
    sep = "\t" if PurePath(source.path).suffix.lower() == ".tsv" else _csv.delimiter(text)
    records = _csv.rows(text, sep)
    try:
        first = next(records, None)
        if first is None:
            return
        header = [f.strip().lower() for f in first[1]]
        named = options.fields.get("text")
        text_at = _column(header, field_keys(options, "text", TEXT_COLUMNS))
        if text_at is None:
            problem = f"no reply column in the header (looked for {', '.join(field_keys(options, 'text', TEXT_COLUMNS))})"
            if named:
                raise ReadError(f"{problem}; name it with --text-field", 1, 1)
            raise NotReplies(f"{problem}; name the reply column with --text-field")
        title_at = _column(header, field_keys(options, "title", TITLE_COLUMNS))
        id_at = _column(header, field_keys(options, "id", ID_KEYS))
        context_at = _column(header, field_keys(options, "context", CONTEXT_KEYS))
        rows = (fields for _, fields in records if text_at < len(fields) and fields[text_at].strip())
        sample, broken = _first(rows, SAMPLE_ROWS)
        # (imported here: every run imports the readers, few read a CSV file)
        from statistics import median

        if not named and sample and median(len(fields[text_at]) for fields in sample) > DOCUMENT_CHARS:
            raise NotReplies(f"the {header[text_at]!r} column holds documents, not replies (its typical cell is over "
                             f"{DOCUMENT_CHARS:,} characters); name it with --text-field to lint it all the same")
        for fields in chain(sample, () if broken else rows):
            macro_id, title = _cell(fields, id_at), _cell(fields, title_at)
            item = Item(macro_id, title) if macro_id or title else None
            body = Body(fields[text_at], looks_like_html(fields[text_at]))
            yield reply(body, item, _cell(fields, context_at), options)
        if broken:
            raise broken
    except _csv.CsvError as exc:
        raise fail(source, f"invalid CSV: {exc}", exc.offset) from None


READER = Reader("csv", (".csv", ".tsv"), read)
