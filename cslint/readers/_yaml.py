"""YAML whose strings remember where they stood in the file.

PyYAML reports each scalar's span and style but not where each decoded character came
from. Block scalars drop indentation, folded and quoted scalars fold line breaks, and
double-quoted scalars decode escapes. Every non-blank run of the decoded value still
appears, in order, in the raw scalar once escapes are decoded. So the map is found by
locating those runs with ``str.find``, one search per word. Whitespace between them maps
to the gap it folded from.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._located import Located, spans_map

if TYPE_CHECKING:
    import yaml

_WORD = re.compile(r"\S+")
_DOUBLE_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\r\n[ \t]*|[\r\n][ \t]*|.)", re.DOTALL)
_YAML_SIMPLE = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}


class YamlError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class YamlStr(Located):
    """A YAML string scalar; ``start``/``end`` span the raw scalar (quotes included)."""

    style: str
    #: The text that was parsed and where it starts in the file (front matter is a slice).
    source: str
    base: int

    def _origin(self) -> int | Sequence[int]:
        start, end = self.start - self.base, self.end - self.base
        if self.style in ('"', "'"):
            start, end = start + 1, end - 1
        elif self.style in ("|", ">"):
            start = self.source.find("\n", start, end) + 1 or end  # skip the header line
        raw = self.source[start:end]
        if self.style == '"':
            pieces = [(m.start(), m.end(), len(_decode_escape(m.group()))) for m in _DOUBLE_ESCAPE.finditer(raw)]
            mid = _DOUBLE_ESCAPE.sub(lambda m: _decode_escape(m.group()), raw)
            inner: Sequence[int] = spans_map(0, pieces, len(mid), len(raw))
        elif self.style == "'" and "''" in raw:
            pieces = [(m.start(), m.end(), 1) for m in re.finditer("''", raw)]
            mid = raw.replace("''", "'")
            inner = spans_map(0, pieces, len(mid), len(raw))
        else:
            mid, inner = raw, range(len(raw) + 1)
        found = mid.find(str(self))
        start += self.base
        if found >= 0:
            if isinstance(inner, range):
                return start + found
            return [start + inner[found + i] for i in range(len(self) + 1)]
        return [start + inner[i] for i in _align(str(self), mid)]

    def escape(self, text: str) -> str:
        if self.style == '"':
            return text.replace("\\", "\\\\").replace('"', '\\"')
        if self.style == "'":
            return text.replace("'", "''")
        return text


def _decode_escape(escape: str) -> str:
    kind = escape[1]
    if kind in "xuU":
        return chr(int(escape[2:], 16))
    if kind in "\r\n":
        return ""  # an escaped line break joins the lines
    return _YAML_SIMPLE.get(kind, escape)


def _align(value: str, raw: str) -> list[int]:
    """For each character of ``value`` (plus the end), an offset in ``raw``: words are
    found in order, blanks between words spread over the gap they were folded from."""
    out: list[int] = []
    pos = 0  # in raw, just past the previous word
    for m in _WORD.finditer(value):
        word = m.group()
        at = raw.find(word, pos)
        if at < 0:  # should not happen; keep the map monotonic rather than guess
            at = pos
        gap = m.start() - len(out)
        out.extend(min(pos + i, max(at - 1, pos)) for i in range(gap))
        out.extend(range(at, at + len(word)))
        pos = at + len(word)
    tail = len(value) - len(out)
    out.extend(min(pos + i, len(raw)) for i in range(tail))
    out.append(min(pos + tail, len(raw)))
    return out


@lru_cache(maxsize=1)
def _loader() -> Any:
    """The safe loader class whose strings are :class:`YamlStr`. PyYAML is imported here,
    when a YAML file is first read: a run over text or JSON files never pays for it."""
    import yaml

    try:  # the C loader parses in C, not Python, and has the same safe semantics
        base: type = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        base = yaml.SafeLoader

    class Loader(base):  # type: ignore[misc,valid-type]
        source: str
        base: int

    Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
    Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    return Loader


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int | str:
    """An integer, or its text when it has more digits than Python converts
    (``sys.get_int_max_str_digits``): the replies beside it are still read."""
    try:
        return loader.construct_yaml_int(node)  # type: ignore[no-any-return]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[no-any-return]


def _construct_str(loader: Any, node: yaml.ScalarNode) -> YamlStr:
    base = loader.base
    s = YamlStr(loader.construct_scalar(node), base + node.start_mark.index, base + node.end_mark.index)
    s.style = node.style or ""
    s.source = loader.source
    s.base = base
    return s


def parse(text: str, base: int = 0, base_line: int = 0) -> Any:
    """Parse YAML safely: the document, a list when the stream holds several (``---``
    between macros), or None when it is empty. Strings come back as :class:`YamlStr`.

    ``text`` starts at file offset ``base`` and line ``base_line + 1`` (front matter is a
    slice of a Markdown file).

    >>> doc = parse('a: |\\n  caf\\u00e9 ok\\nb: "x \\\\"y\\\\""\\n')
    >>> doc["a"].origin, doc["b"], list(doc["b"].origin)
    (7, 'x "y"', [19, 20, 21, 23, 24, 26])
    """
    found = list(documents(text, base, base_line))
    return found[0] if len(found) == 1 else found or None


def documents(text: str, base: int = 0, base_line: int = 0) -> Iterator[Any]:
    """The documents of a YAML stream, each as soon as it is parsed: a broken document
    raises :class:`YamlError` after the ones before it came out (documents stand alone,
    so their replies can still be read).

    >>> [sorted(d) for d in documents("a: 1\\n---\\nb: 2\\n")]
    [['a'], ['b']]
    """
    import yaml

    loader = _loader()(text)
    loader.source = text
    loader.base = base
    try:
        while loader.check_data():
            yield loader.get_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if mark is None:
            raise YamlError(f"invalid YAML: {problem}", None, None) from None
        raise YamlError(f"invalid YAML: {problem}", base_line + mark.line + 1, mark.column + 1) from None
    finally:
        loader.dispose()
