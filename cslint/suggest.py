""""Did you mean ...?": the nearest known name to a mistyped one, for error messages.

Every place that refuses a name a user typed (an option, a code prefix, a suppression
directive) says which known name is closest, so a typo costs one look, not a trip to the
docs.
"""
from __future__ import annotations

from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``word``, if one is close enough to be a likely typo.

    >>> nearest("disabel-line", ["disable", "disable-line", "enable"])
    'disable-line'
    >>> nearest("XYZ", ["CS101", "CS201"]) is None
    True
    """
    import difflib  # (only a refused name pays for importing it)

    found = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def hint(word: str, known: Iterable[str]) -> str:
    """``"; did you mean X?"`` for the nearest known name, or nothing."""
    near = nearest(word, known)
    return f"; did you mean {near}?" if near else ""
