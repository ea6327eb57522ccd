"""JSON Lines ticket exports: one JSON object per line, one reply per object.

The reply, id, title and customer message come from configurable fields
(``--text-field``, ``--id-field``, ``--title-field``, ``--context-field``). The customer
message is conversation context, like quoted history in an e-mail: rules that ask "does
the reply answer what the customer said" read it, and it is never flagged itself.

Every line stands alone, so a line that is not JSON is reported (CS902 at its place) and
the lines around it are read all the same, whether the file is read whole or streamed.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..sources.document import Deferred, Segment, SourceFile
from . import _json
from ._located import fail
from ._macros import ID_KEYS, Body, Layout, Walker, field_keys, text_bodies
from .base import Reader, ReadError, ReadOptions

TEXT_KEYS = ("text", "body", "message", "content", "reply", "response", "comment")


def bodies(record: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    return text_bodies(record, options, TEXT_KEYS)


_LAYOUT = Layout(bodies, title_keys=("title", "subject", "name"), id_keys=ID_KEYS)


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment | Deferred | ReadError]:
    located = frozenset(field_keys(options, "text", TEXT_KEYS))  # only replies need offsets
    walker = Walker(_LAYOUT, options)
    for start, line in source.lines():
        if not line.strip():
            continue
        # The C decoder first; the positional parser only for a record whose reply is
        # nested, and to say where a line is broken (and, later, where a finding stands).
        record: Any = _json.parse_object_deferred(line, start, located)
        if record is not None:
            found = walker.record(record)
            if found is not None or not any(isinstance(v, (dict, list)) for v in record.values()):
                yield from found or ()
                continue
        try:
            record = _json.parse(line, start)
        except _json.JsonError as exc:  # every line stands alone: a broken one costs itself only
            yield fail(source, f"invalid JSON: {exc}", exc.offset)
            continue
        except RecursionError:
            yield fail(source, "too deeply nested to read", start)
            continue
        yield from walker.segments(record)


READER = Reader("jsonl", (".jsonl", ".ndjson"), read)
