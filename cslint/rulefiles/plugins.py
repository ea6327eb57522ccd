"""Third-party rule types and rule folders, each through its own entry-point group.

A package declares, in its ``pyproject.toml``::

    [project.entry-points."cslint.rule_types"]
    keyword = "acme_cslint:Keyword"   # a subclass of cslint.checks.Check, named by its type_name

    [project.entry-points."cslint.rules"]
    acme = "acme_cslint:RULES"        # a folder of rule files (a path, or a function returning paths)

Built-in rule types are registered in :data:`cslint.checks.BUILTIN`; a plugin type with the
same name as a built-in one is refused rather than silently replacing it. The entries are
found by :mod:`cslint.registry`, which keeps the list in the rule cache.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import registry
from ..checks import BUILTIN, Check

RULE_TYPES = "cslint.rule_types"
RULES = "cslint.rules"


@dataclass(frozen=True)
class Extensions:
    rule_types: dict[str, type[Check]] = field(default_factory=dict)
    rule_folders: tuple[Path, ...] = ()


def _rule_type(entry: registry.Entry) -> type[Check]:
    obj: type[Check] = entry.load_as(
        lambda obj: isinstance(obj, type) and issubclass(obj, Check), "a subclass of cslint.checks.Check", "type_name"
    )
    return obj


def _folders(entry: registry.Entry) -> list[Path]:
    value = entry.load()
    if isinstance(value, type) and issubclass(value, Check):
        raise entry.error(f"is a rule type: declare it in the {RULE_TYPES} group, under its type_name")
    if callable(value):
        value = value()
    if isinstance(value, (str, os.PathLike)):
        return [Path(value)]
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, os.PathLike)) for v in value):
        return [Path(v) for v in value]
    raise entry.error("must name a rule folder: a path, a list of paths, or a function returning either")


@cache
def extensions() -> Extensions:
    """The rule types (built-in and installed) and the plugins' rule folders, loaded once
    per process."""
    types = dict(BUILTIN)
    for entry in registry.entries(RULE_TYPES, {}).values():
        if entry.name in types:
            raise entry.error(f"the rule type {entry.name!r} is already defined by cslint")
        types[entry.name] = _rule_type(entry)
    folders = [path for entry in registry.installed(RULES) for path in _folders(entry)]
    return Extensions(types, tuple(folders))


def default_rules_dir() -> Path:
    """The shipped rules: inside the installed wheel, or ``rules/`` of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_rules"
    return packaged if packaged.is_dir() else package.parent / "rules"
