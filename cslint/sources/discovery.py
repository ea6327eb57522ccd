"""Which files a run lints: named files, and folders walked recursively.

Folders are walked in sorted order, skipping version-control folders, virtual
environments, ``node_modules`` and repository files (README, LICENSE...), and never
following a symlink loop. Each folder is walked with the ``include`` and ``exclude`` of
its own configuration (the nearest file above it, as ruff does). A file named on the
command line is linted whatever ``exclude`` says, unless its configuration sets
``force-exclude`` (pre-commit names every file it hands over).
"""
from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .. import readers
from ..config import DEFAULT_EXCLUDE, Config, ConfigFor


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


def files(paths: Iterable[str], config_for: ConfigFor) -> Iterator[str]:
    """Files to lint, in sorted order per argument; ``-`` (standard input) passes through."""
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            config = config_for(path) if path != "-" else None
            if config is None or not (config.force_exclude and _inside_excluded(path, _excluded(config))):
                yield path
            continue
        yield from sorted(_walk(path, config_for, set()))


def _inside_excluded(path: str, exclude: tuple[str, ...]) -> bool:
    """Whether a named file, or a folder it sits in, is excluded (``drafts`` excludes
    ``drafts/r.txt``, as a folder walk would skip it)."""
    parts = os.path.normpath(path).split(os.sep)
    return any(_matches(os.sep.join(parts[:n]), exclude) for n in range(len(parts), 0, -1) if parts[n - 1])


def _excluded(config: Config) -> tuple[str, ...]:
    return (*(config.exclude or DEFAULT_EXCLUDE), *config.extend_exclude)


def _included(config: Config) -> tuple[str, ...]:
    return readers.folder_globs() if config.include is None else config.include


def _walk(folder: str, config_for: ConfigFor, seen: set[tuple[int, int]]) -> Iterator[str]:
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
    config = config_for(folder)
    include, exclude = _included(config), _excluded(config)
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
            yield from _walk(path, config_for, seen)
        elif linted and _matches(path, include):
            yield os.path.normpath(path)
