"""Extension points: one entry-point group each, built-in entries and plugins alike.

cslint is extended in four places, each a group of named entries ``module:attribute``:

- ``cslint.readers``: an input format, a :class:`cslint.readers.Reader`
  (built-in ones: :data:`cslint.readers.BUILTIN`);
- ``cslint.reporters``: an output format, a :class:`cslint.reporters.Reporter` subclass
  (built-in ones: :data:`cslint.reporters.BUILTIN`);
- ``cslint.rule_types``: a rule type, a :class:`cslint.checks.Check` subclass (built-in
  ones: :data:`cslint.checks.BUILTIN`);
- ``cslint.rules``: a folder of rule files, a path or a function returning paths (built-in:
  the shipped ``rules/``).

A plugin package declares entries in its ``pyproject.toml``
(``[project.entry-points."cslint.readers"]`` ...). The built-in readers and reporters are
listed the same way in a table of their package, not in cslint's own package metadata, so a
source checkout that was never installed has them too. An entry's name is the name users
type (``--format NAME``, ``--input-format NAME``, ``type: NAME``) and must be the name the
loaded object gives itself; a plugin cannot take a built-in name.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from .config import ConfigError

GROUPS: tuple[str, ...] = ("cslint.readers", "cslint.reporters", "cslint.rule_types", "cslint.rules")


class PluginError(ConfigError):
    """An installed plugin that cannot be used; ``str()`` names the group, entry and value."""


@dataclass(frozen=True)
class Entry:
    """One named entry of a group: ``value`` is ``module:attribute`` (the attribute may be
    dotted), as in package metadata."""

    group: str
    name: str
    value: str

    def __str__(self) -> str:
        return f"{self.group} entry {self.name} ({self.value})"

    def load(self) -> object:
        module, _, attribute = self.value.partition(":")
        try:
            obj: object = import_module(module.strip())
            for part in attribute.strip().split(".") if attribute.strip() else ():
                obj = getattr(obj, part)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not take the run down with a traceback
            raise self.error(f"cannot be loaded: {exc}") from None
        return obj

    def load_as(self, fits: Callable[[object], bool], what: str, name_attr: str) -> Any:
        """The loaded object, refused unless it ``fits`` (the message says it must name
        ``what``) and names itself, by its attribute ``name_attr``, as the entry does:
        users type one of the two names, and listings and errors show the other."""
        obj = self.load()
        if not fits(obj):
            raise self.error(f"must name {what}")
        declared = getattr(obj, name_attr, None)
        if declared != self.name:
            raise self.error(f"names itself {declared!r}; the entry must have the same name")
        return obj

    def error(self, problem: str) -> PluginError:
        return PluginError(str(self), None, None, problem)


def _scan() -> list[tuple[str, str, str]]:
    from importlib import metadata

    found = metadata.entry_points()
    return sorted((group, ep.name, ep.value) for group in GROUPS for ep in found.select(group=group))


def entry_points() -> list[tuple[str, str, str]]:
    """``(group, name, value)`` of every installed entry of cslint's groups, sorted.

    Finding them means importing :mod:`importlib.metadata` and reading every installed
    distribution, which costs more than linting a reply, on every pre-commit call. The
    list is kept in the rule cache (:mod:`cslint.rulefiles.cache`), keyed by the import
    path and the modification time of each of its folders, which installing, upgrading or
    removing a package changes.
    """
    from .rulefiles import cache as stored

    stamp: list[tuple[str, int | None]] = []
    for folder in sys.path:
        try:
            stamp.append((folder, os.stat(folder or ".").st_mtime_ns))
        except OSError:
            stamp.append((folder, None))
    return stored.cached(["entry-points", *GROUPS, *stamp], [], _scan, kind="plugins")


@cache
def _installed() -> tuple[tuple[str, str, str], ...]:
    """The installed entries, looked up once per process (every extension point asks)."""
    return tuple(entry_points())


def installed(group: str) -> Iterator[Entry]:
    """The plugins' entries of one group, by name."""
    return (Entry(g, name, value) for g, name, value in _installed() if g == group)


def entries(group: str, builtin: Mapping[str, str]) -> dict[str, Entry]:
    """Every entry of a group by name: the built-in ones in their table's order, then the
    plugins' by name. A name used twice is refused rather than one entry silently
    shadowing the other."""
    found = {name: Entry(group, name, value) for name, value in builtin.items()}
    for entry in installed(group):
        if entry.name in found:
            raise entry.error(f"the name {entry.name!r} is already taken by {found[entry.name].value}")
        found[entry.name] = entry
    return found

