"""One assertion for every reader: the reported span, read back from the raw file,
is the flagged text once the container's escaping is undone."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from cslint.diagnostic import Diagnostic

_LINE_END = re.compile(r"\r\n|\r|\n")
# Only real HTML elements: "<insert issue>" in a Markdown reply is text.
_TAG = re.compile(r"</?(?:p|br|div|span|a|b|strong|em|i|u|ul|ol|li|h[1-6]|table|tr|td|img|hr|blockquote|pre|code|font|small)\b[^>]*>")


def raw_span(path: Path, d: Diagnostic) -> str:
    """The file text between (line, column) and (end_line, end_column), counted as
    the linter counts them: code points, and CRLF, CR or LF ending a line."""
    text = path.read_bytes().decode("utf-8")
    starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
    start = starts[d.line - 1] + d.column - 1
    end = starts[d.end_line - 1] + d.end_column - 1
    return text[start:end]


def plain(raw: str) -> str:
    return raw


def json_string(raw: str) -> str:
    return json.loads(f'"{raw}"')


def markup(raw: str) -> str:
    return html.unescape(_TAG.sub("", raw))


def json_markup(raw: str) -> str:
    return markup(json_string(raw))


def csv_field(raw: str) -> str:
    return raw.replace('""', '"')


def yaml_double(raw: str) -> str:
    return yaml.safe_load(f'"{raw}"')


def assert_flags(path: Path, d: Diagnostic, expected: str, decode: Callable[[str], str] = plain) -> None:
    """The span of ``d`` in ``path`` decodes to ``expected`` (whitespace runs compared as one space)."""
    raw = raw_span(path, d)
    got = " ".join(decode(raw).split())
    assert got == expected, f"{d.code} at {d.line}:{d.column}-{d.end_line}:{d.end_column} spans {raw!r}"
