"""Where each key of a TOML document stands, for error messages with a line.

:mod:`tomllib` parses without positions, so the text is read once more here, only for
its structure: table headers, keys (bare, quoted, dotted) and the values between them
(strings of every form, arrays and inline tables spanning lines), which are skipped
except for the keys of inline tables. The text has already parsed, so it is valid TOML.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any

from . import LineMap

Path = tuple[str, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = re.compile(r"[ \t]*")
_STRINGS = {'"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""{0,2}', re.DOTALL), "'''": re.compile(r"'''.*?'''{0,2}", re.DOTALL),
            '"': re.compile(r'"(?:[^"\\\n]|\\.)*"'), "'": re.compile(r"'[^'\n]*'")}
_SCALAR = re.compile(r"[^,\]}\s#]+(?:[ T][0-9:.+\-Z]+)?")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1
        self.lines: dict[Path, int] = {}

    def skip(self, newlines: bool) -> None:
        """Skip spaces (and line breaks and comments, where a value may continue)."""
        text = self.text
        while self.pos < len(text):
            self.pos = _SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
            ch = text[self.pos : self.pos + 1]
            if ch == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif newlines and ch in ("\n", "\r"):
                self.line += ch == "\n"
                self.pos += 1
            else:
                return

    def string(self) -> str:
        """One string at the position, decoded as TOML decodes it."""
        text = self.text
        quote = '"""' if text.startswith('"""', self.pos) else "'''" if text.startswith("'''", self.pos) else text[self.pos]
        m = _STRINGS[quote].match(text, self.pos)
        assert m is not None, "the text parsed as TOML"
        self.pos = m.end()
        self.line += m.group().count("\n")
        value: str = tomllib.loads(f"s = {m.group()}")["s"]
        return value

    def key(self) -> Path:
        """A bare, quoted or dotted key."""
        parts: list[str] = []
        while True:
            self.skip(newlines=False)
            if self.text[self.pos] in "\"'":
                parts.append(self.string())
            else:
                m = _BARE.match(self.text, self.pos)
                assert m is not None, "the text parsed as TOML"
                parts.append(m.group())
                self.pos = m.end()
            self.skip(newlines=False)
            if self.text[self.pos : self.pos + 1] != ".":
                return tuple(parts)
            self.pos += 1

    def pair(self, table: Path) -> None:
        """``key = value``, recording the key (and each table a dotted key opens)."""
        key = self.key()
        for end in range(1, len(key) + 1):
            self.lines.setdefault((*table, *key[:end]), self.line)
        self.skip(newlines=False)
        self.pos += 1  # "="
        self.skip(newlines=False)
        self.value((*table, *key))

    def items(self, close: str, item: Callable[[], None], *, newlines: bool) -> None:
        """An array's values or an inline table's pairs, from the opening bracket to past
        ``close`` (an inline table stays on one line; an array may span several)."""
        self.pos += 1
        self.skip(newlines=newlines)
        while self.text[self.pos] != close:
            item()
            self.skip(newlines=newlines)
            if self.text[self.pos] == ",":
                self.pos += 1
                self.skip(newlines=newlines)
        self.pos += 1

    def value(self, path: Path) -> None:
        text = self.text
        ch = text[self.pos]
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.items("]", lambda: self.value(path), newlines=True)
        elif ch == "{":
            self.items("}", lambda: self.pair(path), newlines=False)
        else:
            m = _SCALAR.match(text, self.pos)
            assert m is not None, "the text parsed as TOML"
            self.pos = m.end()

    def document(self) -> dict[Path, int]:
        text = self.text
        table: Path = ()
        while True:
            self.skip(newlines=True)
            if self.pos >= len(text):
                return self.lines
            if text[self.pos] == "[":
                self.pos += 2 if text.startswith("[[", self.pos) else 1
                table = self.key()
                for end in range(1, len(table) + 1):  # [a.b.c] also defines a and a.b
                    self.lines.setdefault(table[:end], self.line)
                self.pos = text.index("]", self.pos) + 1
                self.pos += text.startswith("]", self.pos)
            else:
                self.pair(table)


def key_lines(text: str) -> dict[Path, int]:
    """The 1-based line of every key and table header, by its full path (the first
    occurrence, for the tables of an array of tables).

    >>> lines = key_lines('a = 1\\n[t]\\n"b.c" = [\\n  1,\\n]\\nd = {e = "x", f.g = 2}\\n')
    >>> lines[("a",)], lines[("t",)], lines[("t", "b.c")], lines[("t", "d", "e")], lines[("t", "d", "f", "g")]
    (1, 2, 3, 6, 6)
    """
    return _Reader(text).document()


def located(value: Any, lines: dict[Path, int], path: str, at: Path = ()) -> Any:
    """``value`` (from :func:`tomllib.loads`) with every table turned into a
    :class:`LineMap` that knows its keys' lines and the file ``path``."""
    if not isinstance(value, dict):
        return value
    return LineMap({k: located(v, lines, path, (*at, k)) for k, v in value.items()}, line=lines.get(at, 1),
                   key_lines={k: lines[(*at, k)] for k in value if (*at, k) in lines}, path=path)
