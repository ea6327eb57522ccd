"""Which files a run lints: named files, and folders walked recursively.

Folders are walked in sorted order, skipping version-control folders, virtual
environments and ``node_modules``, and never following a symlink loop.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator

from .config import DEFAULT_EXCLUDE, Config


def _matches(path: str, patterns: Iterable[str]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


def files(paths: Iterable[str], config: Config) -> Iterator[str]:
    """Files to lint, in sorted order per argument; ``-`` (standard input) passes through."""
    exclude = (*DEFAULT_EXCLUDE, *config.exclude, *config.extend_exclude) if not config.exclude else (
        *config.exclude, *config.extend_exclude)
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if path == "-" or not _matches(path, exclude):
                yield path
            continue
        yield from sorted(_walk(path, config.include, exclude, set()))


def _walk(folder: str, include: tuple[str, ...], exclude: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[str]:
    try:
        st = os.stat(folder)
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return  # a symlink loop: this folder is already being walked
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        yield folder  # reported as unreadable by the linter
        return
    for entry in entries:
        path = entry.path
        if _matches(path, exclude):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            yield from _walk(path, include, exclude, seen)
        elif _matches(path, include):
            yield os.path.normpath(path)


