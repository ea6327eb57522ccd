"""A JSON parser whose strings remember their file offsets.

The standard ``json`` module forgets where a value stood, but a diagnostic in a macro
body must point inside the JSON string, past escapes such as ``\\n``, ``\\"``,
``\\u00e9`` and surrogate pairs. This scanner is linear: one regex match per token;
strings are decoded by the C ``json`` decoder, and their offset maps, built only when a
finding needs one, cost one step per escape, never per character.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from ._located import Located, spans_map

_WS = re.compile(r"[ \t\n\r]*")


def _skip(text: str, pos: int) -> int:
    """The offset past the JSON whitespace at ``pos`` (the pattern always matches)."""
    return _WS.match(text, pos).end()  # type: ignore[union-attr]
_STRING = re.compile(r'"([^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*)"')
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
#: One match per escape; a surrogate pair is one escape (it decodes to one character).
_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")
_STRING_PREFIX = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*')
_LITERALS = {"true": True, "false": False, "null": None}


class JsonError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class JsonStr(Located):
    """A JSON string value; ``start``/``end`` enclose its raw content (inside the quotes)."""

    raw: str

    def _origin(self) -> int | Sequence[int]:
        if len(self.raw) == len(self):
            return self.start
        pieces = [(m.start(), m.end(), 1) for m in _ESCAPE.finditer(self.raw)]
        return spans_map(self.start, pieces, len(self), self.end)

    def escape(self, text: str) -> str:
        return json.dumps(text, ensure_ascii=False)[1:-1]


class DeferredStr(Located):
    """A top-level string of an object decoded by the C ``json`` module; where its
    characters stood is worked out by the positional parser, on its own document only,
    when a finding needs it (most replies have none)."""

    _locate: Callable[[], JsonStr]

    def __new__(cls, value: str, locate: Callable[[], JsonStr]) -> DeferredStr:
        self = str.__new__(cls, value)
        self._locate = locate
        return self

    def _origin(self) -> int | Sequence[int]:
        return self._locate().origin

    escape = JsonStr.escape


def _integer(digits: str) -> int | str:
    """A JSON integer, or its text when it has more digits than Python converts
    (``sys.get_int_max_str_digits``): such a number is an id at most, and the reply beside
    it is still read. (The C decoder refuses it; :func:`parse` reads the record then.)"""
    try:
        return int(digits)
    except ValueError:
        return digits


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
# The C decoder's scanner: not in the typeshed stubs, but what JSONDecoder.decode runs.
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_WHITESPACE_CHARS = " \t\n\r"


def parse_object_deferred(text: str, base: int = 0, keys: Collection[str] | None = None) -> dict[str, Any] | None:
    """A JSON object whose top-level strings are :class:`DeferredStr`, decoded at C speed;
    None when the text is not a plain JSON object (the caller then runs :func:`parse`,
    which says exactly what is wrong and where). Nested values are plain Python data, and
    so are the strings of members not named in ``keys`` (when given)."""
    # The C scanner itself, as JSONDecoder.decode runs it (without two calls around it):
    # JSON whitespace may stand before and after the value, nothing else.
    start = _skip(text, 0) if text[:1] in _WHITESPACE_CHARS else 0
    try:
        record, end = _SCAN(text, start)
    except (StopIteration, ValueError, RecursionError):
        return None
    if end != len(text) and _skip(text, end) != len(text):
        return None
    if not isinstance(record, dict):
        return None

    def locator(key: str) -> Callable[[], JsonStr]:
        return lambda: _member(text, base, key)

    for key in list(record) if keys is None else record.keys() & keys:
        value = record[key]
        if isinstance(value, str):
            record[key] = DeferredStr(value, locator(key))
    return record


def _member(text: str, base: int, key: str) -> JsonStr:
    """The top-level string member ``key`` of an object the C decoder has accepted, with
    its offsets: the other members are skipped by the C decoder, so placing a finding
    costs one step per member, not one per token of the record. (The last of duplicate
    keys wins, as in a decoded dict.)"""
    found: JsonStr | None = None
    scan = _SCAN  # (the C scanner reads names and values)
    pos = _skip(text, text.index("{") + 1)
    while text.startswith('"', pos):
        name, pos = scan(text, pos)
        pos = _skip(text, _skip(text, pos) + 1)  # past the ':'
        if name == key and text.startswith('"', pos):
            found, pos = _Parser(text, base).string(pos)
        else:
            pos = scan(text, pos)[1]
        pos = _skip(text, _skip(text, pos) + 1)  # past the ',' (or the closing brace)
    assert found is not None, "only members the C decoder found as strings are located"
    return found


class _Parser:
    """Recursive descent over one document; ``base`` is added to every recorded offset."""

    __slots__ = ("text", "base")

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base

    def fail(self, message: str, pos: int) -> JsonError:
        return JsonError(message, self.base + pos)

    def string(self, pos: int) -> tuple[JsonStr, int]:
        text = self.text
        m = _STRING.match(text, pos)
        if m is None:
            stop = _STRING_PREFIX.match(text, pos).end()  # type: ignore[union-attr]
            if stop >= len(text):
                raise self.fail("unterminated string", pos)
            what = "an invalid escape" if text[stop] == "\\" else "a raw control character"
            raise self.fail(f"{what} in a string", stop)
        raw = m.group(1)
        # the regex accepted only valid escapes, so the C decoder cannot fail here
        value = json.loads(f'"{raw}"') if "\\" in raw else raw
        s = JsonStr(value, self.base + m.start(1), self.base + m.end(1))
        s.raw = raw
        return s, m.end()

    def skip(self, pos: int) -> int:
        return _skip(self.text, pos)

    def value(self, pos: int) -> tuple[Any, int]:
        text = self.text
        pos = self.skip(pos)
        if pos >= len(text):
            raise self.fail("unexpected end of file, expected a value", pos)
        c = text[pos]
        if c == '"':
            return self.string(pos)
        if c == "{":
            return self.object(pos + 1)
        if c == "[":
            return self.array(pos + 1)
        m = _NUMBER.match(text, pos)
        if m is not None:
            number = m.group()
            return (float(number) if any(x in number for x in ".eE") else _integer(number)), m.end()
        for word, value in _LITERALS.items():
            if text.startswith(word, pos):
                return value, pos + len(word)
        raise self.fail(f"unexpected {text[pos]!r}, expected a value", pos)

    def object(self, pos: int) -> tuple[dict[str, Any], int]:
        text = self.text
        out: dict[str, Any] = {}
        pos = self.skip(pos)
        if text.startswith("}", pos):
            return out, pos + 1
        while True:
            if not text.startswith('"', pos):
                raise self.fail("expected a quoted key", pos)
            key, pos = self.string(pos)
            pos = self.skip(pos)
            if not text.startswith(":", pos):
                raise self.fail("expected ':' after a key", pos)
            out[str(key)], pos = self.value(pos + 1)
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
                continue
            if text.startswith("}", pos):
                return out, pos + 1
            raise self.fail("expected ',' or '}' after an object member", pos)

    def array(self, pos: int) -> tuple[list[Any], int]:
        text = self.text
        out: list[Any] = []
        pos = self.skip(pos)
        if text.startswith("]", pos):
            return out, pos + 1
        while True:
            value, pos = self.value(pos)
            out.append(value)
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos += 1
                continue
            if text.startswith("]", pos):
                return out, pos + 1
            raise self.fail("expected ',' or ']' after an array element", pos)


def parse(text: str, base: int = 0) -> Any:
    """Parse one JSON document; strings come back as :class:`JsonStr` whose offsets are
    ``base`` plus their position in ``text`` (``base`` places one line of a JSON Lines
    file). Raises :class:`JsonError` at the offending offset.

    >>> doc = parse('{"a": "caf\\\\u00e9 \\\\"x\\\\""}')
    >>> doc["a"], list(doc["a"].origin)
    ('café "x"', [7, 8, 9, 10, 16, 17, 19, 20, 22])
    """
    parser = _Parser(text, base)
    value, pos = parser.value(1 if text.startswith("\ufeff") else 0)  # a BOM read from standard input
    pos = parser.skip(pos)
    if pos < len(text):
        raise parser.fail("unexpected text after the JSON value", pos)
    return value
