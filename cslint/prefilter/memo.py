"""A bounded memo: a value worked out once per key, then looked up at C speed.

Hot paths map every word of a reply through one (a step of the word trie, the verdict on
a capitalised word). Words repeat across replies, so nearly every lookup is a plain dict
hit. A huge vocabulary cannot make it grow without bound: past ``size`` keys it forgets
them all at once, which costs less than keeping an order, and common words come back
at once.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``compute(key)``, worked out on first use.

    >>> squares = Memo(lambda n: n * n, size=2)
    >>> squares[3], squares[4], len(squares), squares[5], len(squares)
    (9, 16, 2, 25, 1)
    """

    __slots__ = ("compute", "size")

    def __init__(self, compute: Callable[[K], V], size: int) -> None:  # (empty, as dict.__new__ made it)
        self.compute = compute
        self.size = size

    def __missing__(self, key: K) -> V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.compute(key)
        return value
