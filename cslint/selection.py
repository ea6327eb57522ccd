"""Which codes are on: flake8's and ruff's prefix rules, in one small function.

A code is on when some ``select`` prefix matches it and no ``ignore`` prefix at least as
long does: the more specific choice wins, and on a tie ``ignore`` wins.
"""
from __future__ import annotations

from collections.abc import Iterable


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """
    >>> is_selected("CS101", ["CS"], ["CS1"])
    False
    >>> is_selected("CS101", ["CS101"], ["CS1"])
    True
    >>> is_selected("CS101", ["CS1"], ["CS1"])
    False
    >>> is_selected("CS201", ["CS1"], [])
    False
    """
    chosen = _longest(code, select)
    return chosen >= 0 and chosen > _longest(code, ignore)
