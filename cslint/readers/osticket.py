"""osTicket YAML: canned responses (a list of ``{title, response, isenabled, notes}``) and
e-mail/page/ticket templates (``{subject, body or message, notes}``), as shipped in
``include/i18n/<lang>/templates``. Bodies are HTML with ``%{ticket.number}`` variables;
``notes`` are staff-only descriptions and are not linted. A template without a name is
named after its file (``ticket.reply``)."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import PurePath
from typing import Any

from ..sources.document import Segment, SourceFile
from ._located import Located
from ._macros import Body, Layout, segments
from .base import Reader, ReadOptions

# (``[ \t]*(?:-[ \t]*)?``, not ``[ \t]*-?[ \t]*``: two runs that can split one line of
# blanks between them try every split, and a line of 40,000 spaces took seconds)
_SNIFF = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:isenabled|notes|deptId)[ \t]*:|%\{[\w.]+\}", re.MULTILINE)
_BODY = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:body|response|message)[ \t]*:", re.MULTILINE)


def bodies(record: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    for key in ("response", "body", "message"):
        value = record.get(key)
        if isinstance(value, Located) and value.strip():
            return [Body(value, True)]
    return []


_LAYOUT = Layout(bodies, title_keys=("title", "name"), active_keys=("isenabled",))


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment]:
    name = PurePath(source.path).name
    return segments(source, _LAYOUT, options, default_title=name.rsplit(".", 1)[0])


def sniff(text: str) -> bool:
    return _SNIFF.search(text) is not None and _BODY.search(text) is not None


READER = Reader("osticket", (".yml", ".yaml"), read, sniff)
