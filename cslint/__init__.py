"""cslint: a rule-based linter for customer-service replies and macro libraries.

The public API: :func:`lint_text`, :func:`lint_paths`, :class:`Config`,
:func:`load_rules` and :class:`Diagnostic`.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import lint_paths, lint_text
from .config import Config
from .diagnostic import Diagnostic, Fix, Item
from .rulefile import Rule, RuleFileError
from .ruleset import load_rules

__all__ = ["Config", "Diagnostic", "Fix", "Item", "Rule", "RuleFileError", "__version__", "lint_paths", "lint_text", "load_rules"]
