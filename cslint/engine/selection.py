"""Which codes are on: flake8's and ruff's prefix rules, in one small function.

A code is on when some ``select`` prefix matches it and no ``ignore`` prefix at least as
long does: the more specific choice wins, and on a tie ``ignore`` wins.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable

from ..suggest import hint


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str], *, opt_in: bool = False) -> bool:
    """Whether a code is on. An ``opt_in`` rule (switched off by default) is on only when a
    select prefix that names at least its principle (``CS5``, ``CS504``) chooses it; the
    catch-all ``CS`` does not, as flake8's off-by-default extensions need naming.

    >>> is_selected("CS504", ["CS"], [], opt_in=True)
    False
    >>> is_selected("CS504", ["CS", "CS504"], [], opt_in=True)
    True

    >>> is_selected("CS101", ["CS"], ["CS1"])
    False
    >>> is_selected("CS101", ["CS101"], ["CS1"])
    True
    >>> is_selected("CS101", ["CS1"], ["CS1"])
    False
    >>> is_selected("CS201", ["CS1"], [])
    False
    """
    if opt_in:
        select = [p for p in select if len(p) > 2]
    chosen = _longest(code, select)
    return chosen >= 0 and chosen > _longest(code, ignore)


def unknown(prefixes: Iterable[str], known: Collection[str]) -> str | None:
    """What is wrong with the first prefix no ``known`` code starts with, or None: a
    prefix that selects nothing is a typo, never a quiet "check nothing".

    >>> unknown(["CS1", "CS10"], ["CS101", "CS901"]) is None
    True
    >>> unknown(["CS10", "CS1011"], ["CS101", "CS901"])
    "no rule has a code starting with 'CS1011'; did you mean CS101?"
    """
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            return f"no rule has a code starting with {prefix!r}{hint(prefix, sorted(known))}"
    return None
