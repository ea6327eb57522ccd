"""Large phrase lists without a giant alternation.

A rule with thousands of plain phrases (a team's banned-words list, a 100,000-entry
terminology export) compiled into one alternation takes seconds to compile and backtracks
through every branch at every position. A :class:`PhraseSet` indexes plain phrases by their
first word instead: the text is scanned once for words, and only the phrases that start
with a word present are tried there. Entries that use pattern syntax form one ordinary
alternation beside them.

It matches exactly what the alternation of all entries matches, as :func:`regex.finditer`
reads it: at each place, the first entry in the alternation's order that matches there;
then on from the end of that match. A plain phrase can only start where its first word
stands, so at any other place only the other entries are tried; where both kinds match at
one place, the alternation of that word's phrases and the other entries, in their order,
decides (compiled when first needed, which is rare).

It offers the subset of :class:`regex.Pattern` that checks use (``finditer``, ``search``,
``match``, ``fullmatch``), so a check never needs to know which one it got.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from .literals import fold

if TYPE_CHECKING:
    from .pattern import PrefilteredPattern

#: A plain phrase: words, spaces, apostrophes and hyphens, starting and ending with a word.
_PLAIN = regex.compile(r"\w(?:[\w '’\-]*\w)?")
_WORD = regex.compile(r"\w+")
_NOT_ASCII = regex.compile(r"[^\x00-\x7f]")

def is_plain(entry: str) -> bool:
    return _PLAIN.fullmatch(entry) is not None


def _caseless_key(word: str) -> str:
    """A key that words equal but for case, as the regex module reads them, share.

    :func:`~cslint.prefilter.literals.fold` gives every letter that matches an ASCII letter
    that letter; the other letters outside ASCII all share one mark (their case pairs,
    such as the Greek final and middle sigma, are many), so a key may bring a few more
    phrases to try at a word, never fewer.
    """
    folded = fold(word)
    return folded if folded.isascii() else _NOT_ASCII.sub("\x00", folded)


class PhraseSet:
    """A rule's entries: plain phrases indexed by first word, the others in one pattern.

    ``build`` compiles a list of entries into the alternation the rule would use (longer
    entries first, entries of one length in their given order); it is given entries in
    their original order, so its order is that of the alternation of all of them.
    """

    def __init__(self, entries: Sequence[str], build: Callable[[Sequence[str]], PrefilteredPattern], ignorecase: bool) -> None:
        self._key: Callable[[str], str] = _caseless_key if ignorecase else str
        self._build = build
        self._entries = tuple(entries)
        self._others: list[int] = []
        self._by_first: dict[str, list[int]] = {}
        for i, entry in enumerate(self._entries):
            first = _WORD.match(entry) if is_plain(entry) else None
            if first is None:
                self._others.append(i)
            else:
                self._by_first.setdefault(self._key(first.group()), []).append(i)
        self._other_pattern = build([self._entries[i] for i in self._others]) if self._others else None
        self._compiled: dict[tuple[str, bool], PrefilteredPattern] = {}

    def _pattern(self, word: str, *, with_others: bool) -> PrefilteredPattern | None:
        """The alternation of the phrases that start with ``word`` (and of the other
        entries, in the order of all entries), compiled once; None: no phrase does."""
        chosen = self._by_first.get(word)
        if chosen is None:
            return None
        found = self._compiled.get((word, with_others))
        if found is None:
            indices = sorted([*chosen, *self._others]) if with_others else chosen
            found = self._compiled[word, with_others] = self._build([self._entries[i] for i in indices])
        return found

    def _at(self, text: str, start: int, end: int, word: str, other: regex.Match[str] | None, timeout: float | None) -> regex.Match[str] | None:
        """What the alternation of all entries matches at ``start``, where ``word`` (its
        key) stands, given ``other``: the other entries' match there, if any."""
        phrases = self._pattern(word, with_others=False)
        if phrases is None:
            return other
        m = phrases.match(text, start, end, timeout=timeout)
        if m is None or other is None:
            return m if m is not None else other
        both = self._pattern(word, with_others=True)  # both kinds match here: their order decides
        assert both is not None
        return both.match(text, start, end, timeout=timeout)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        """Non-overlapping matches left to right, as the alternation finds them."""
        end = len(text) if endpos is None else endpos
        others = self._other_pattern
        if not self._by_first:
            if others is not None:
                yield from others.finditer(text, pos, end, timeout=timeout)
            return
        resume = pos
        pending: Iterator[regex.Match[str]] = iter(()) if others is None else others.finditer(text, pos, end, timeout=timeout)
        other = next(pending, None)  # the other entries' next match from ``resume`` on
        for word in _WORD.finditer(text, pos, end):
            start = word.start()
            while other is not None and other.start() < start:  # no phrase starts before this word
                yield other
                resume = other.end()
                other = next(pending, None)
            if start < resume:
                continue
            here = other if other is not None and other.start() == start else None
            m = self._at(text, start, end, self._key(word.group()), here, timeout)
            if m is None:
                continue
            if m.end() == start:  # an empty match: the alternation itself decides from here on
                yield from self._build(self._entries).finditer(text, start, end, timeout=timeout)
                return
            yield m
            resume = m.end()
            if other is not None and other.start() < resume and others is not None:
                pending = others.finditer(text, resume, end, timeout=timeout)
                other = next(pending, None)
        while other is not None:
            yield other
            other = next(pending, None)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return next(self.finditer(text, pos, endpos, timeout=timeout), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        end = len(text) if endpos is None else endpos
        other = None if self._other_pattern is None else self._other_pattern.match(text, pos, end, timeout=timeout)
        word = _WORD.match(text, pos, end)  # (inside a word, only the other entries can match)
        return other if word is None else self._at(text, pos, end, self._key(word.group()), other, timeout)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        end = len(text) if endpos is None else endpos
        other = None if self._other_pattern is None else self._other_pattern.fullmatch(text, pos, end, timeout=timeout)
        word = _WORD.match(text, pos, end)
        pattern = None if word is None else self._pattern(self._key(word.group()), with_others=other is not None)
        found = None if pattern is None else pattern.fullmatch(text, pos, end, timeout=timeout)
        return found if found is not None else other
