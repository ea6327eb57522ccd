"""Output formats: one module per format, each exposing ``REPORTER``.

Reporters load through the ``cslint.reporters`` entry-point group (:mod:`cslint.registry`):
the built-in ones are listed in :data:`BUILTIN`, a plugin package adds its own in its
package metadata. Adding a format is one module and one line of registration.
"""
from __future__ import annotations

from .. import registry as extension_points
from .base import Reporter, ReportOptions

GROUP = "cslint.reporters"
#: Built-in formats; the first is the default. Plugin formats come after them.
BUILTIN: dict[str, str] = {
    "default": "cslint.reporters.default:REPORTER",
    "json": "cslint.reporters.json:REPORTER",
    "sarif": "cslint.reporters.sarif:REPORTER",
    "github": "cslint.reporters.github:REPORTER",
    "junit": "cslint.reporters.junit:REPORTER",
    "grouped": "cslint.reporters.grouped:REPORTER",
    "jsonl": "cslint.reporters.jsonl:REPORTER",
    "parquet": "cslint.reporters.parquet:REPORTER",
}


def names() -> list[str]:
    """The format names (without importing every format: a run loads only its own)."""
    return list(extension_points.entries(GROUP, BUILTIN))


def get(name: str) -> type[Reporter]:
    """The reporter class for a format name (``KeyError`` for an unknown one)."""
    entry = extension_points.entries(GROUP, BUILTIN)[name]
    cls: type[Reporter] = entry.load_as(
        lambda obj: isinstance(obj, type) and issubclass(obj, Reporter), "a subclass of cslint.reporters.Reporter", "name"
    )
    return cls


__all__ = ["BUILTIN", "GROUP", "ReportOptions", "Reporter", "get", "names"]
