"""Input formats: one module per format, each exposing ``READER``; :func:`choose` picks one."""
from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from importlib import import_module
from pathlib import PurePath

from .base import Reader, ReadError, ReadOptions

#: Built-in reader modules, most specific first (sniffed formats before generic ones).
_MODULES: tuple[str, ...] = (
    "zendesk", "gorgias", "intercom", "helpscout", "freshdesk", "front", "replies_yml", "osticket",
    "markdown_frontmatter", "markdown_sections", "jsonl", "csv", "generic_json", "generic_yaml", "text",
)
_REGISTRY: dict[str, Reader] | None = None


def registry() -> dict[str, Reader]:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = {}
        for name in _MODULES:
            reader: Reader = import_module(f"{__name__}.{name}").READER
            _REGISTRY[reader.name] = reader
    return _REGISTRY


def folder_globs() -> tuple[str, ...]:
    """The files a folder walk lints when the configuration sets no ``include``: every
    extension a reader declares, so a new format is walked as soon as it is registered."""
    return tuple(sorted({f"*{ext}" for reader in registry().values() for ext in reader.extensions}))


def choose(path: str, text: str, forced: str | None = None, by_glob: Mapping[str, str] | None = None) -> Reader:
    """The reader for a file: ``--input-format``, then a configured glob, then the first
    reader whose extension matches and whose sniffer accepts the text, else plain text."""
    readers = registry()
    for pattern, name in (by_glob or {}).items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(PurePath(path).name, pattern):
            forced = forced or name
    if forced:
        if forced not in readers:
            raise KeyError(forced)
        return readers[forced]
    suffix = PurePath(path).suffix.lower()
    candidates = [r for r in readers.values() if suffix in r.extensions]
    for reader in candidates:
        if reader.sniff is not None and reader.sniff(text):
            return reader
    for reader in candidates:
        if reader.sniff is None:
            return reader
    return readers["text"]


__all__ = ["ReadError", "ReadOptions", "Reader", "choose", "folder_globs", "registry"]
