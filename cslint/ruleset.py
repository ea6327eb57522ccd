"""Assemble the rules of a run: shipped, plugin and configured folders, loaded once."""
from __future__ import annotations

import json
from pathlib import Path

from . import plugins
from .config import Config
from .rulefile import Rule, load_folders

_CACHE: dict[str, list[Rule]] = {}


def folders_for(config: Config) -> list[Path]:
    ext = plugins.extensions()
    shipped = [] if config.no_default_rules else [plugins.default_rules_dir()]
    return [*shipped, *ext.rule_folders, *config.rule_folders()]


def load_rules(config: Config | None = None) -> list[Rule]:
    """Every rule the configuration asks for, validated, sorted by code.

    Raises :class:`cslint.rulefile.RuleFileError` for the first bad rule file.
    """
    config = config or Config()
    folders = folders_for(config)
    key = json.dumps([[str(f) for f in folders], config.rule_settings], sort_keys=True, default=str)
    if key not in _CACHE:
        rules = load_folders(folders, plugins.extensions().rule_types, config.rule_settings)
        _CACHE[key] = sorted(rules, key=lambda r: r.code)
    return _CACHE[key]
