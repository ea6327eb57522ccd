"""Third-party rule folders and rule types, through the ``cslint.rules`` entry-point group.

A package declares, in its ``pyproject.toml``::

    [project.entry-points."cslint.rules"]
    acme = "acme_cslint:RULES"          # a folder of rule files (a path, or a function returning one)
    acme-keyword = "acme_cslint:Keyword"  # a rule type: a subclass of cslint.checks.Check

Built-in rule types are registered in :data:`cslint.checks.BUILTIN`; a plugin type with the
same name as a built-in one is refused rather than silently replacing it.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..checks import BUILTIN, Check
from . import cache as stored
from .parse import RuleFileError

GROUP = "cslint.rules"


@dataclass(frozen=True)
class Extensions:
    rule_types: dict[str, type[Check]] = field(default_factory=dict)
    rule_folders: tuple[Path, ...] = ()


def _as_folders(value: object, where: str) -> list[Path]:
    if callable(value) and not isinstance(value, type):
        value = value()
    if isinstance(value, (str, os.PathLike)):
        return [Path(value)]
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, os.PathLike)) for v in value):
        return [Path(v) for v in value]
    raise RuleFileError(where, None, None, "a cslint.rules entry point must name a rule folder or a Check subclass")


def _scan() -> list[tuple[str, str]]:
    from importlib import metadata

    return sorted((ep.name, ep.value) for ep in metadata.entry_points(group=GROUP))


def entry_points() -> list[tuple[str, str]]:
    """``(name, value)`` of the installed ``cslint.rules`` entry points, by name.

    Finding them means importing :mod:`importlib.metadata` and reading every installed
    distribution, which costs more than linting a reply, on every pre-commit call. The
    list is kept in the cache, keyed by the import path and the modification time of each
    of its folders, which installing, upgrading or removing a package changes.
    """
    stamp: list[tuple[str, int | None]] = []
    for entry in sys.path:
        try:
            stamp.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            stamp.append((entry, None))
    return stored.cached(["entry-points", GROUP, *stamp], [], _scan, kind="plugins")


@cache
def extensions() -> Extensions:
    """Load every installed plugin once per process."""
    types = dict(BUILTIN)
    folders: list[Path] = []
    for name, value in entry_points():
        from importlib import metadata  # (imported only when a plugin is installed)

        ep = metadata.EntryPoint(name=name, value=value, group=GROUP)
        where = f"plugin {ep.name} ({ep.value})"
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not take the run down with a traceback
            raise RuleFileError(where, None, None, f"cannot be loaded: {exc}") from None
        if isinstance(obj, type) and issubclass(obj, Check):
            name = getattr(obj, "type_name", None)
            if not isinstance(name, str) or name in types:
                raise RuleFileError(where, None, None, f"rule type {name!r} is missing or already defined")
            types[name] = obj
        else:
            folders.extend(_as_folders(obj, where))
    return Extensions(types, tuple(folders))


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed wheel, or ``rules/`` of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_rules"
    return packaged if packaged.is_dir() else package.parent / "rules"
