"""The placeholders each helpdesk fills in, as data: ``helpdesks/<name>.yml`` of the shipped
rule folder, one file per helpdesk, each naming the public documentation it comes from.

A file says which placeholder syntaxes the helpdesk writes (:data:`cslint.checks.placeholders.SYNTAXES`),
the names it fills in, and whether that list is ``complete`` (a name not on a complete
list is one the helpdesk does not have). A name may be written with three conveniences:

* ``(a|b)`` for alternatives: ``ticket.(requester|assignee).email`` is two names;
* ``#`` for a number: ``ticket.ticket_field_#`` (a custom field by its id);
* ``*`` for any name from there on: ``dc.*`` (dynamic content), ``ticket.cf_*``.

A name without ``#`` or ``*`` is *explicit*: only explicit names say which helpdesk a
library is written for (a custom field says nothing), and only they are suggested for a
misspelt one. The rule loader does not take these files for rules.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .parse import RuleFileError, read_rule_file

#: The folder of the shipped rule folder that holds the helpdesks' placeholders.
FOLDER = "helpdesks"
_KEYS = {"helpdesk", "syntax", "complete", "source", "names"}
_NAME = regex.compile(r"[\w.\[\]\-()|#*]+")


@dataclass(frozen=True)
class Helpdesk:
    """One helpdesk's placeholders."""

    name: str
    syntaxes: tuple[str, ...]
    complete: bool
    source: str
    #: The names written out (no ``#`` or ``*``).
    explicit: frozenset[str]
    #: Every name the helpdesk fills in, custom fields included.
    pattern: regex.Pattern[str]

    def knows(self, name: str) -> bool:
        return name in self.explicit or self.pattern.fullmatch(name) is not None


def folder() -> Path:
    from .plugins import default_rules_dir

    return default_rules_dir() / FOLDER


def files() -> list[Path]:
    """The helpdesk files, for the rule cache's key."""
    where = folder()
    return sorted(where.glob("*.yml")) if where.is_dir() else []


@lru_cache(maxsize=1)
def load() -> tuple[Helpdesk, ...]:
    """Every shipped helpdesk, read once per process; a bad file raises
    :class:`RuleFileError` with its path and the key."""
    return tuple(read(path) for path in files())


def read(path: Path) -> Helpdesk:
    data: Any = read_rule_file(path)

    def fail(key: str | None, message: str) -> RuleFileError:
        line = data.line_of(key) if key and hasattr(data, "line_of") else None
        return RuleFileError(str(path), line, key, message)

    if not isinstance(data, dict):
        raise fail(None, "a helpdesk file must be a mapping of keys (helpdesk, syntax, complete, source, names)")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key for a helpdesk file; known: {', '.join(sorted(_KEYS))}")
    missing = sorted(_KEYS - set(data))
    if missing:
        raise fail(None, f"'{missing[0]}' is required")
    from ..checks.placeholders import SYNTAXES

    syntaxes = data["syntax"]
    if not isinstance(syntaxes, list) or not syntaxes or not all(s in SYNTAXES for s in syntaxes):
        raise fail("syntax", f"must be a list of {', '.join(SYNTAXES)}")
    if not isinstance(data["complete"], bool):
        raise fail("complete", "must be true or false")
    for key in ("helpdesk", "source"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(key, "must be a non-empty text")
    names = data["names"]
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and _NAME.fullmatch(n) for n in names):
        raise fail("names", "must be a list of names (letters, digits, '_', '.', '[', ']', '-', '(a|b)', '#', '*')")
    explicit = frozenset(n for entry in names for n in expand(entry) if "#" not in n and "*" not in n)
    return Helpdesk(data["helpdesk"].strip(), tuple(syntaxes), data["complete"], " ".join(data["source"].split()),
                    explicit, regex.compile("|".join(_regex(entry) for entry in names)))


def expand(entry: str) -> Iterator[str]:
    """The names an entry stands for, its alternatives written out (``#`` and ``*`` kept).

    >>> list(expand("ticket.(requester|assignee).(name|email)"))
    ['ticket.requester.name', 'ticket.requester.email', 'ticket.assignee.name', 'ticket.assignee.email']
    """
    parts = regex.split(r"\(([^()]*)\)", entry)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    for picked in itertools.product(*choices):
        yield "".join(picked)


def _regex(entry: str) -> str:
    out = []
    for part in regex.split(r"(\([^()]*\)|#|\*)", entry):
        if part == "#":
            out.append(r"\d+")
        elif part == "*":
            out.append(r"[\w\[\]\-]+(?:\.[\w\[\]\-]+)*")
        elif part.startswith("("):
            out.append("(?:" + "|".join(regex.escape(a) for a in part[1:-1].split("|")) + ")")
        else:
            out.append(regex.escape(part))
    return "".join(out)
