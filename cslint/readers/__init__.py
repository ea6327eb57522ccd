"""Input formats: one module per format, each exposing ``READER``; :func:`choose` picks one.

Readers load through the ``cslint.readers`` entry-point group (:mod:`cslint.registry`):
the built-in ones are listed in :data:`BUILTIN`, a plugin package adds its own in its
package metadata. Adding a format is one module and one line of registration.
"""
from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from pathlib import PurePath

from .. import registry as extension_points
from .base import NotReplies, Reader, ReadError, ReadOptions

GROUP = "cslint.readers"
#: Built-in readers, most specific first (sniffed formats before generic ones); plugin
#: readers come after them, so installing one never changes how a file a built-in reader
#: recognises is read.
BUILTIN: dict[str, str] = {
    "zendesk": "cslint.readers.zendesk:READER",
    "gorgias": "cslint.readers.gorgias:READER",
    "intercom": "cslint.readers.intercom:READER",
    "helpscout": "cslint.readers.helpscout:READER",
    "freshdesk": "cslint.readers.freshdesk:READER",
    "front": "cslint.readers.front:READER",
    "replies-yml": "cslint.readers.replies_yml:READER",
    "osticket": "cslint.readers.osticket:READER",
    "markdown-frontmatter": "cslint.readers.markdown_frontmatter:READER",
    "markdown-sections": "cslint.readers.markdown_sections:READER",
    "jsonl": "cslint.readers.jsonl:READER",
    "csv": "cslint.readers.csv:READER",
    "json": "cslint.readers.generic_json:READER",
    "yaml": "cslint.readers.generic_yaml:READER",
    "text": "cslint.readers.text:READER",
}
_REGISTRY: dict[str, Reader] | None = None


def registry() -> dict[str, Reader]:
    """Every reader by name, built-in and installed, loaded once per process."""
    global _REGISTRY
    if _REGISTRY is None:
        loaded: dict[str, Reader] = {}
        for name, entry in extension_points.entries(GROUP, BUILTIN).items():
            loaded[name] = entry.load_as(lambda obj: isinstance(obj, Reader), "a cslint.readers.Reader", "name")
        _REGISTRY = loaded
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


__all__ = ["NotReplies", "ReadError", "ReadOptions", "Reader", "choose", "folder_globs", "registry"]
