"""osTicket YAML: canned responses (a list of ``{title, response, isenabled, notes}``) and
e-mail/page/ticket templates (``{subject, body or message, notes}``), as shipped in
``include/i18n/<lang>/templates``. Bodies are HTML with ``%{ticket.number}`` variables;
``notes`` are staff-only descriptions and are not linted. A template without a name is
named after its file (``ticket.reply``).

Some templates are written to agents, not customers: the alerts (``ticket.alert``,
``note.alert``...), ``ticket.overdue``, every task template (tasks are internal to
staff) and the staff pages (``pwreset-staff``...), as each template's own ``notes`` say
("Sent to staff members when..."). They are read as staff-facing (``public=False``) and
not held to the rules about how a reply treats the customer."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import PurePath
from typing import Any

from ..sources.document import Deferred, Segment, SourceFile
from ._located import Located
from ._macros import Body, Layout, segments
from .base import Reader, ReadOptions

# (``[ \t]*(?:-[ \t]*)?``, not ``[ \t]*-?[ \t]*``: two runs that can split one line of
# blanks between them try every split, and a line of 40,000 spaces took seconds)
_SNIFF = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:isenabled|notes|deptId)[ \t]*:|%\{[\w.]+\}", re.MULTILINE)
_BODY = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:body|response|message)[ \t]*:", re.MULTILINE)
#: The names of osTicket's templates for agents (the file name without ``.yaml``).
_FOR_STAFF = re.compile(r"\.alert$|^task\.|^ticket\.overdue$|-staff$")


def bodies(record: Mapping[str, Any], options: ReadOptions, public: bool = True) -> list[Body]:
    for key in ("response", "body", "message"):
        value = record.get(key)
        if isinstance(value, Located) and value.strip():
            return [Body(value, True, public)]
    return []


_LAYOUT = Layout(bodies, title_keys=("title", "name"), active_keys=("isenabled",))
_STAFF_LAYOUT = Layout(partial(bodies, public=False), title_keys=("title", "name"), active_keys=("isenabled",))


def for_staff(name: str) -> bool:
    """Whether the template named so is written to agents.

    >>> [for_staff(n) for n in ("ticket.alert", "task.activity.notice", "pwreset-staff", "ticket.notice")]
    [True, True, True, False]
    """
    return _FOR_STAFF.search(name) is not None


def read(source: SourceFile, options: ReadOptions) -> Iterator[Segment | Deferred]:
    name = PurePath(source.path).name.rsplit(".", 1)[0]
    return segments(source, _STAFF_LAYOUT if for_staff(name) else _LAYOUT, options, default_title=name)


def sniff(text: str) -> bool:
    return _SNIFF.search(text) is not None and _BODY.search(text) is not None


READER = Reader("osticket", (".yml", ".yaml"), read, sniff)
