"""Assemble the rules of a run: shipped, plugin and configured folders, loaded once
(and kept between runs by :mod:`cslint.rulefiles.cache`)."""
from __future__ import annotations

import json
from pathlib import Path

from ..config import Config
from . import cache, helpdesks, plugins, vocabulary
from .parse import Rule, RuleFileError, load_folders, rule_files

_CACHE: dict[str, list[Rule]] = {}


def folders_for(config: Config) -> list[Path]:
    ext = plugins.extensions()
    shipped = [] if config.no_default_rules else [plugins.default_rules_dir()]
    return [*shipped, *ext.rule_folders, *config.rule_folders()]


def forget() -> None:
    """Drop the rules kept in this process, so the next :func:`load_rules` reads the
    folders again: the language server calls it when a rule file or a configuration file
    is saved (the rule cache on disk still spares the work for unchanged files)."""
    _CACHE.clear()


def load_rules(config: Config | None = None) -> list[Rule]:
    """Every rule the configuration asks for, validated, sorted by code.

    Raises :class:`cslint.rulefiles.parse.RuleFileError` for the first bad rule file.
    """
    config = config or Config()
    folders = folders_for(config)
    key = json.dumps([[str(f) for f in folders], config.rule_settings], sort_keys=True, default=str)
    if key not in _CACHE:
        types = plugins.extensions().rule_types

        def build() -> list[Rule]:
            return sorted(load_folders(folders, types, config.rule_settings), key=lambda r: r.code)

        try:
            files = [path for folder in folders for path in rule_files(folder)] + vocabulary.files(folders) + helpdesks.files()
        except RuleFileError:
            _CACHE[key] = build()  # raises the error with its file and line
        else:
            _CACHE[key] = cache.cached([key, cache.rule_types_part(types)], files, build)
    return _CACHE[key]
