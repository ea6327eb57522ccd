"""Running an audit: every file of the library linted with the library rules on (in worker
processes with ``-j``, each file's macros described where it is read), then the library
rules judged over all of them, into an :class:`~cslint.audit.model.Audit`.

A file that cannot be read is one notice in the audit's errors and costs nothing else:
the other files' macros and findings are all there.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .. import api
from ..config import Config
from ..diagnostic import Diagnostic
from ..engine import library
from .macros import Description
from .model import Audit, Collector

#: The library rules, on for every audit (``--ignore`` still turns one off).
LIBRARY = "CS8"


def audit_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], config: Config | None = None, *,
                input_format: str | None = None) -> Audit:
    """The audit of the macro library in ``paths`` (files and folders), in this process,
    with ``config``'s rules and the library rules (CS8xx) on.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "late.txt").write_text("Sorry, we will get back to you ASAP.")
    >>> audit = audit_paths(folder, Config())
    >>> len(audit.macros), [f.diagnostic.code for f in audit.findings]
    (1, ['CS402'])
    """
    config = with_library_rules(config or Config())
    named = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    rules = api.linter_for(config).rules
    collector = Collector(rules, root_of([os.fspath(p) for p in named]))
    for source in api.sources(named, config, input_format=input_format):
        if isinstance(source, Diagnostic):
            collector.add([source], [], None)
        else:
            found = api.linted(source, config, input_format=input_format, describe=Description)
            collector.add(found.diagnostics, found.observed, found.described)
    return collector.finish(library.judged(rules, collector.observed))


def with_library_rules(config: Config) -> Config:
    return config.with_overrides(extend_select=(*config.extend_select, LIBRARY))


def root_of(paths: Sequence[str]) -> str:
    """The folder the library's paths are shown relative to: the folder the paths share
    (a file's own folder), or the current folder."""
    folders = [p if os.path.isdir(p) else os.path.dirname(p) or "." for p in paths if p != "-"]
    if not folders:
        return "."
    try:
        return os.path.commonpath(folders) or "."
    except ValueError:  # absolute and relative paths mixed
        return os.path.commonpath([os.path.abspath(f) for f in folders])
