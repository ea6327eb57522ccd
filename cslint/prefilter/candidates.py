"""What a scan of a text reports: where each pattern may start, and with which branches.

Patterns are known to a scan by an id (:class:`cslint.prefilter.index.Index`); a start of a
pattern comes with the indices of its branches that may match there, since the other
branches' starts are not there.
"""
from __future__ import annotations

from collections.abc import Iterable

#: What one start found in a text says: the patterns it concerns, each with the indices
#: of its branches that may match there.
Owners = tuple[tuple[int, tuple[int, ...]], ...]
#: Per pattern id: (start, branch indices) in start order (one start may repeat).
Found = dict[int, list[tuple[int, tuple[int, ...]]]]


def record(found: Found, start: int, owners: Iterable[tuple[int, tuple[int, ...]]]) -> None:
    """Add one start, with the patterns and branches it concerns, to ``found``."""
    for pid, branches in owners:
        entry = found.get(pid)
        if entry is None:
            found[pid] = [(start, branches)]
        else:
            entry.append((start, branches))
