"""Macro libraries as data: the replies in a parsed export, whatever the helpdesk.

Every helpdesk export is a tree of objects, and the replies sit in objects somewhere in
that tree (under ``macros``, ``data``, ``_results``, folders...). A :class:`Layout` says
how to recognise one helpdesk's macro object and where its reply, title, id and state
are. The walk below finds those objects in any envelope, so format modules only describe
their fields.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath
from typing import Any, NamedTuple

from ..diagnostic import Item
from ..sources.document import Deferred, Segment, SourceFile
from . import _html, _json, _yaml
from ._located import Composed, LazyMap, Located, fail, spans_map
from .base import Reader, ReadError, ReadOptions

#: Field names tried in order when the user names none (``--text-field`` etc.). They
#: cover the helpdesk and repository layouts in docs/formats.md; ``replace`` is espanso's
#: snippet text and ``comment`` the VS Code triage bot's.
TEXT_KEYS = (
    "body_html", "content_html", "html", "body", "content", "text", "comment", "reply", "response",
    "answer", "plain_text", "body_text", "replace", "template",
)
TITLE_KEYS = ("title", "name", "template_name", "heading", "subject", "question", "trigger")
ID_KEYS = ("id", "pk", "ticket_id")
CONTEXT_KEYS = ("context", "customer_message", "inbound")
_LOCALE_KEYS = ("locale", "language", "lang")
_ENGLISH = re.compile(r"en(?:[-_].*)?$", re.IGNORECASE)
OFF = (False, 0, "false", "False", "0", "no")
ON = (True, 1, "true", "True", "1", "yes")
#: How ticket exports mark a note between colleagues, which customers never read (the
#: key, and the values that make it one): a Zendesk ticket comment with ``public:
#: false`` (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/),
#: a Freshdesk conversation with ``private: true``
#: (https://developers.freshdesk.com/api/#conversations), a Help Scout thread of ``type:
#: note`` (https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/list/),
#: an Intercom conversation part of ``part_type: note``
#: (https://developers.intercom.com/docs/references/rest-api/api.intercom.io/conversations/).
STAFF_MARKS: dict[str, tuple[object, ...]] = {
    "public": OFF, "private": ON, "type": ("note",), "part_type": ("note",),
}


def for_staff(record: Mapping[str, Any]) -> bool:
    """Whether a record is marked as an internal note (:data:`STAFF_MARKS`)."""
    for key, values in STAFF_MARKS.items():
        value = record.get(key)
        if value is not None and not isinstance(value, (dict, list)) and value in values:
            return True
    return False


class Body(NamedTuple):
    """One reply of a macro: its text, whether it is HTML, and whether customers see it.
    (A named tuple: an export makes one per reply, and it is cheaper to build than a
    frozen dataclass.)"""

    value: Located
    html: bool
    public: bool = True


@dataclass(frozen=True)
class Layout:
    """Where one helpdesk keeps a macro's reply, title, id and on/off state."""

    #: The replies of an object, or an empty list when it is not a macro.
    bodies: Callable[[Mapping[str, Any], ReadOptions], list[Body]]
    title_keys: tuple[str, ...] = ("title", "name")
    id_keys: tuple[str, ...] = ("id",)
    active_keys: tuple[str, ...] = ("active",)


def first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    """The value of the first key present with a non-empty value."""
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def field_keys(options: ReadOptions, kind: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """The user's field name for ``kind`` (text, title, id, context), else the defaults."""
    name = options.fields.get(kind)
    return (name,) if name else default


def html_or_text(record: Mapping[str, Any], html_key: str | None, text_key: str | None, public: bool = True) -> list[Body]:
    """The HTML body when it is set (what the helpdesk sends), else the plain one."""
    for key, is_html in ((html_key, True), (text_key, False)):
        value = record.get(key) if key else None
        if isinstance(value, Located) and value.strip():
            return [Body(value, is_html, public)]
    return []


def text_bodies(record: Mapping[str, Any], options: ReadOptions, keys: tuple[str, ...] = TEXT_KEYS) -> list[Body]:
    """The first text field of a record (the user's, else the first of ``keys`` that is
    set); HTML if its name says so or its content is."""
    for key in field_keys(options, "text", keys):
        value = record.get(key)
        if isinstance(value, Located) and value.strip():
            return [Body(value, key.endswith("html") or _html.looks_like_html(value))]
    return []


def reply(body: Body, item: Item | None, context: str | None, options: ReadOptions) -> Segment | Deferred:
    """:func:`segment`, or an HTML body as a :class:`Deferred` when the options allow it
    (its markup is decoded where it is linted)."""
    if body.html and options.deferred:
        return Deferred(partial(segment, body, item), len(body.value), item, context, body.public)
    return segment(body, item, context)


def segment(body: Body, item: Item | None, context: str | None = None) -> Segment:
    """A Segment for one reply, its offsets mapped through HTML when it is HTML."""
    value = body.value
    if not body.html:
        return Segment(str(value), LazyMap(lambda: value.origin, len(value) + 1), item, context, value.escape, body.public)
    text, pieces = _html.to_text(value)

    def encode(replacement: str) -> str:
        return value.escape(_html.escape(replacement))

    def origin() -> int | Sequence[int]:
        outer = value.origin
        if isinstance(outer, int):  # (a string without escapes: the HTML map, shifted)
            return spans_map(outer, pieces, len(text), outer + len(value))
        return Composed(outer, spans_map(0, pieces, len(text), len(value)))

    return Segment(text, LazyMap(origin, len(text) + 1), item, context, encode, body.public)


def load_trees(source: SourceFile) -> Iterator[Any]:
    """The documents of a JSON or YAML file (JSON when named so or when it starts like
    JSON), each as soon as it is parsed. A document is read whole before its replies are
    looked for: which objects are macros, the ids they inherit and their on/off switches
    may stand anywhere in it, so a broken document gives no reply at all. A YAML stream's
    documents (``---`` between macros) stand alone: those before a broken one still count.
    """
    text = source.text
    if PurePath(source.path).suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            tree = _json.parse(text)
        except _json.JsonError as exc:
            raise fail(source, f"invalid JSON: {exc}", exc.offset) from None
        yield tree
        return
    try:
        yield from _yaml.documents(text)
    except _yaml.YamlError as exc:
        raise ReadError(str(exc), exc.line, exc.column) from None


def _label(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, (str, int, float)) else None


class Walker:
    """Finds the macro objects of one file's trees and makes their replies segments.

    Built once per file (a JSON Lines export walks one small tree per line, so the field
    names are worked out once, not per record)."""

    def __init__(self, layout: Layout, options: ReadOptions, default_title: str | None = None) -> None:
        self.layout = layout
        self.options = options
        self.default_title = default_title
        self.title_keys = field_keys(options, "title", layout.title_keys)
        self.id_keys = field_keys(options, "id", layout.id_keys)
        self.context_keys = field_keys(options, "context", CONTEXT_KEYS)
        self.active_keys = () if options.include_inactive else layout.active_keys
        #: Macro objects found (skipped ones too): none at all means no reply library.
        self.found = 0

    def segments(self, tree: Any) -> Iterator[Segment | Deferred]:
        """The replies of every macro object found in ``tree``, in file order."""
        # YAML aliases make one object appear many times; walking each only once keeps an
        # alias bomb ("billion laughs") linear instead of exponential.
        return self._walk(tree, None, set())

    def record(self, node: Mapping[str, Any]) -> list[Segment | Deferred] | None:
        """The replies of one top-level object (a JSON Lines record), or None when it is
        no macro (its nested values may still hold some: walk them with :meth:`segments`)."""
        return self._macro(node, first(node, self.id_keys), None)

    def _macro(self, node: Mapping[str, Any], own_id: Any, inherited_id: Any) -> list[Segment | Deferred] | None:
        bodies = self.layout.bodies(node, self.options)
        if not bodies:
            return None
        self.found += 1
        if self._skipped(node):
            return []
        if for_staff(node):
            bodies = [body._replace(public=False) for body in bodies]
        macro_id = _label(own_id if own_id is not None else inherited_id)
        title = _label(first(node, self.title_keys)) or self.default_title
        item = Item(macro_id, title) if macro_id is not None or title is not None else None
        context = _label(first(node, self.context_keys))
        return [reply(body, item, context, self.options) for body in bodies]

    def _skipped(self, record: Mapping[str, Any]) -> bool:
        """Inactive macros (unless asked for) and replies in a language other than
        English, which the shipped rules do not cover."""
        for key in self.active_keys:
            if record.get(key, True) in OFF:
                return True
        locale = first(record, _LOCALE_KEYS)
        return isinstance(locale, str) and _ENGLISH.match(locale) is None

    def _walk(self, node: Any, inherited_id: Any, seen: set[int]) -> Iterator[Segment | Deferred]:
        if isinstance(node, (list, dict)):
            if id(node) in seen:
                return
            seen.add(id(node))
        if isinstance(node, list):
            for child in node:
                yield from self._walk(child, inherited_id, seen)
            return
        if not isinstance(node, dict):
            return
        own_id = first(node, self.id_keys)
        found = self._macro(node, own_id, inherited_id)
        if found is not None:
            yield from found
            return
        for child in node.values():
            if isinstance(child, (list, dict)):
                yield from self._walk(child, own_id if own_id is not None else inherited_id, seen)


def segments(
    source: SourceFile, layout: Layout, options: ReadOptions, *, default_title: str | None = None,
) -> Iterator[Segment | Deferred]:
    """The replies of every macro object found in the file, in file order."""
    walker = Walker(layout, options, default_title)
    for tree in load_trees(source):
        yield from walker.segments(tree)


def reader(
    name: str,
    extensions: tuple[str, ...],
    layout: Layout,
    sniff: Callable[[str], bool] | None,
) -> Reader:
    """A Reader for a layout kept in JSON or YAML files."""

    def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment | Deferred]:
        return segments(source, layout, options)

    return Reader(name, extensions, read, sniff)


def contains(*needles: str) -> Callable[[str], bool]:
    """A sniffer: the file mentions one of these field names or values (cheap substring
    tests; the layout itself decides what is a macro)."""
    def sniff(text: str) -> bool:
        return any(n in text for n in needles)

    return sniff
