"""Which files a run lints: named files, and folders walked recursively.

Folders are walked in sorted order, skipping version-control folders, virtual
environments and ``node_modules``, and never following a symlink loop.
"""
from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .. import readers
from ..config import DEFAULT_EXCLUDE, Config


@lru_cache(maxsize=32)
def _glob_set(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All globs as one compiled pattern (as ``fnmatch`` matches, case per platform): a
    folder of thousands of files is checked with one regex call per name, not dozens."""
    return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns) or "(?!)")


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether the file name or the whole path matches one of the globs."""
    glob = _glob_set(patterns)
    path = os.path.normcase(path)
    return glob.match(os.path.basename(path)) is not None or glob.match(path) is not None


def files(paths: Iterable[str], config: Config) -> Iterator[str]:
    """Files to lint, in sorted order per argument; ``-`` (standard input) passes through."""
    exclude = (*DEFAULT_EXCLUDE, *config.exclude, *config.extend_exclude) if not config.exclude else (
        *config.exclude, *config.extend_exclude)
    include = readers.folder_globs() if config.include is None else config.include
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            if path == "-" or not _matches(path, exclude):
                yield path
            continue
        yield from sorted(_walk(path, include, exclude, set()))


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
            # regular files only (a symlink is checked when read): a named pipe waits forever
            linted = entry.is_file() or entry.is_symlink()
        except OSError:
            continue
        if is_dir:
            yield from _walk(path, include, exclude, seen)
        elif linted and _matches(path, include):
            yield os.path.normpath(path)


