"""Plain text and Markdown: the whole file is one reply, verbatim.

Markdown code (fenced blocks and inline code) is masked like any other non-prose, so the
same reader serves both; a Markdown file with front matter or several replies is a
separate format. HTML files are read as written too, and a file whose extension no reader
declares (named on the command line) falls back to this reader.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..sources.document import Segment, SourceFile
from .base import Reader, ReadOptions


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment]:
    yield Segment(source.text, 0)


READER = Reader("text", (".txt", ".text", ".md", ".markdown", ".html", ".htm"), read)
