"""Output formats: one module per format, each exposing ``REPORTER``."""
from __future__ import annotations

from importlib import import_module

from .base import Reporter, ReportOptions

#: Built-in formats, each in the module of its name; the first is the default.
_MODULES: tuple[str, ...] = ("default", "json", "sarif", "github", "junit", "grouped")


def names() -> list[str]:
    """The format names (without importing every format: a run loads only its own)."""
    return list(_MODULES)


def get(name: str) -> type[Reporter]:
    """The reporter class for a format name (``KeyError`` for an unknown one)."""
    if name not in _MODULES:
        raise KeyError(name)
    cls: type[Reporter] = import_module(f"{__name__}.{name}").REPORTER
    return cls


__all__ = ["Reporter", "ReportOptions", "get", "names"]
