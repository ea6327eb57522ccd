"""The starts that do not begin a word, found a character at a time: a trie of characters.

A few starts are punctuation ("!!", "[[") or may stand anywhere (a pattern written
without word boundaries, "aww"). They are found by a trie of characters: walked in
Python over the first texts, then compiled into one standard-library pattern that the
engine searches at C speed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .candidates import Found, Owners, record

#: Text walked in Python before the trie is compiled into one ``re`` pattern (compiling
#: a few thousand starts takes tens of milliseconds: more than one short reply costs).
WALK_LIMIT = 50_000


class CharTrie:
    """The starts that do not begin a word (punctuation, or patterns matched anywhere) as
    a trie that finds, at each position, the longest start standing there, and so every
    shorter one on its path.

    Each trie node that ends a start holds the patterns (and their branches) owning it
    or any shorter start on the path. A short run walks the trie in Python; once enough
    text has gone by, the trie is compiled into one ``re`` pattern, where shared prefixes
    are written once and each start ends in an empty group whose number (``lastindex``)
    names its node. Every branch of the pattern opens with a literal character, so the
    standard library searches for it at C speed, skipping to the characters that open a
    branch and trying it there: only the places where a start stands come back to
    Python (starts that begin with a common letter, such as "aww", would otherwise
    cost a call at every "a").
    """

    def __init__(self, owners: dict[str, dict[int, set[int]]]) -> None:
        self.trie: dict[str, Any] = {}
        for start, by_pattern in owners.items():
            node = self.trie
            for ch in start:
                node = node.setdefault(ch, {})
            node[""] = by_pattern
        self._inherit(self.trie, {})
        first = "".join(r"\s" if ch == " " else re.escape(ch) for ch in sorted(self.trie))
        self.openers = re.compile(f"[{first}]") if self.trie else None
        self.walked = 0
        self._compiled: tuple[re.Pattern[str], list[Owners]] | None = None

    @classmethod
    def _inherit(cls, node: dict[str, Any], above: dict[int, frozenset[int]]) -> None:
        if "" in node:
            merged = dict(above)
            for pid, branches in node[""].items():
                merged[pid] = merged.get(pid, frozenset()) | branches
            node[""] = tuple((pid, tuple(sorted(b))) for pid, b in sorted(merged.items()))
            above = merged
        for ch, child in node.items():
            if ch:
                cls._inherit(child, above)

    def _compile(self) -> tuple[re.Pattern[str], list[Owners]]:
        groups: list[Owners] = [()]

        def emit(node: dict[str, Any]) -> str:
            mark = ""
            if "" in node:
                groups.append(node[""])
                mark = "()"
            branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
            if not branches:
                return mark
            rest = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
            return mark + (f"(?:{rest})?" if mark else rest)

        body = emit(self.trie)  # groups are numbered by opening parenthesis, as emitted
        return re.compile(body), groups

    def collect(self, folded: str, found: Found) -> bool:
        """Add the starts standing in ``folded`` to ``found``; True if there were any."""
        if self.openers is None:
            return False
        hits: Iterator[tuple[int, Owners]]
        if self._compiled is not None:
            hits = self._matched(folded)
        elif self.openers.search(folded) is None:  # most texts hold none of these characters
            return False
        elif self.walked + len(folded) <= WALK_LIMIT:
            self.walked += len(folded)
            hits = self._walk(folded)
        else:
            self._compiled = self._compile()
            hits = self._matched(folded)
        hit = False
        for start, owners in hits:
            hit = True
            record(found, start, owners)
        return hit

    def _matched(self, folded: str) -> Iterator[tuple[int, Owners]]:
        """Each place where the compiled trie matches, with the deepest start there; the
        next search starts one character on, so starts that overlap are all found."""
        assert self._compiled is not None
        scanner, groups = self._compiled
        m = scanner.search(folded)
        while m is not None:
            start = m.start()
            yield start, groups[m.lastindex or 0]
            m = scanner.search(folded, start + 1)

    def _walk(self, folded: str) -> Iterator[tuple[int, Owners]]:
        end = len(folded)
        assert self.openers is not None
        for m in self.openers.finditer(folded):
            node: dict[str, Any] | None = self.trie
            i = start = m.start()
            deepest: Owners | None = None
            while i < end and node is not None:
                ch = folded[i]
                if ch.isspace():  # a whitespace run is one ' ' edge, as \s+ in the pattern
                    node = node.get(" ")
                    while i < end and folded[i].isspace():
                        i += 1
                else:
                    node = node.get(ch)
                    i += 1
                if node is not None:
                    deepest = node.get("", deepest)
            if deepest is not None:
                yield start, deepest
