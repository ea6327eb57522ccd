"""Output formats: one module per format, each exposing ``REPORTER``."""
from __future__ import annotations

from importlib import import_module

from .base import Reporter, ReportOptions

#: Built-in reporter modules; the first is the default.
_MODULES: tuple[str, ...] = ("default", "json", "sarif", "github", "junit", "grouped")


def names() -> list[str]:
    return [import_module(f"{__name__}.{m}").REPORTER.name for m in _MODULES]


def get(name: str) -> type[Reporter]:
    """The reporter class for a format name (``KeyError`` for an unknown one)."""
    for module in _MODULES:
        cls: type[Reporter] = import_module(f"{__name__}.{module}").REPORTER
        if cls.name == name:
            return cls
    raise KeyError(name)


__all__ = ["Reporter", "ReportOptions", "get", "names"]
