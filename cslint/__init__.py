"""cslint: a rule-based linter for customer-service replies and macro libraries.

The public API: :func:`lint_text`, :func:`lint_paths`, :class:`Config`,
:func:`load_rules` and :class:`Diagnostic`.

Names are imported on first use (PEP 562), so ``import cslint`` and ``cslint --version``
do not pay for the rule engine, the readers and the ``regex`` module.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: The one place the version is set: the package metadata reads it from here (hatch's
#: dynamic version, see pyproject.toml), and so does ``cslint --version``. Record each
#: release in CHANGELOG.md.
__version__ = "0.1.0"

_WHERE = {
    "lint_paths": "api", "lint_text": "api", "Config": "config", "Diagnostic": "diagnostic",
    "Fix": "diagnostic", "Item": "diagnostic", "Rule": "rulefiles.parse", "RuleFileError": "rulefiles.parse",
    "load_rules": "rulefiles.load",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .api import lint_paths, lint_text
    from .config import Config
    from .diagnostic import Diagnostic, Fix, Item
    from .rulefiles.load import load_rules
    from .rulefiles.parse import Rule, RuleFileError


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'cslint' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["Config", "Diagnostic", "Fix", "Item", "Rule", "RuleFileError", "__version__", "lint_paths", "lint_text", "load_rules"]
