"""Large phrase lists without a giant alternation.

A rule with thousands of plain phrases (a team's banned-words list, a 100,000-entry
terminology export) compiled into one alternation takes seconds to compile and backtracks
through every branch at every position. A :class:`PhraseSet` indexes plain phrases by their
first word instead: the text is scanned once for words, and only phrases that start with
a word actually present are tried, each with its own pattern (so the matching rules of
:mod:`cslint.checks.patterns` are exactly the same). Entries that use pattern syntax keep the
ordinary alternation.

It offers the subset of :class:`regex.Pattern` that checks use (``finditer``, ``search``,
``fullmatch``), so a check never needs to know which one it got.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import regex

from .anchors import fold

#: A plain phrase: words, spaces, apostrophes and hyphens, starting and ending with a word.
_PLAIN = regex.compile(r"\w(?:[\w '’\-]*\w)?")
_WORD = regex.compile(r"\w+")
_NOT_ASCII = regex.compile(r"[^\x00-\x7f]")


def _caseless_key(word: str) -> str:
    """A key that words equal but for case, as the regex module reads them, share.

    :func:`~cslint.prefilter.anchors.fold` gives every letter that matches an ASCII letter
    that letter; the other letters outside ASCII all share one mark (their case pairs,
    such as the Greek final and middle sigma, are many), so a key may bring a few more
    phrases to try at a word, never fewer.
    """
    folded = fold(word)
    return folded if folded.isascii() else _NOT_ASCII.sub("\x00", folded)


def is_plain(entry: str) -> bool:
    return _PLAIN.fullmatch(entry) is not None


class PhraseSet:
    """Plain phrases indexed by first word, plus an optional pattern for the other entries."""

    def __init__(
        self,
        plain: Sequence[str],
        others: regex.Pattern[str] | None,
        build: Callable[[Sequence[str]], regex.Pattern[str]],
        ignorecase: bool,
    ) -> None:
        self._fold: Callable[[str], str] = _caseless_key if ignorecase else str
        self._others = others
        self._build = build
        self._by_first: dict[str, list[str]] = {}
        for entry in plain:
            first = _WORD.match(entry)
            assert first is not None  # plain entries start with a word character
            self._by_first.setdefault(self._fold(first.group()), []).append(entry)
        self._compiled: dict[str, regex.Pattern[str]] = {}

    def _pattern_for(self, word: str) -> regex.Pattern[str] | None:
        entries = self._by_first.get(word)
        if entries is None:
            return None
        pattern = self._compiled.get(word)
        if pattern is None:
            pattern = self._compiled[word] = self._build(entries)
        return pattern

    def _plain_matches(self, text: str, pos: int, endpos: int, timeout: float | None) -> Iterator[regex.Match[str]]:
        resume = pos
        for word in _WORD.finditer(text, pos, endpos):
            if word.start() < resume:
                continue
            pattern = self._pattern_for(self._fold(word.group()))
            if pattern is None:
                continue
            m = pattern.match(text, word.start(), endpos, timeout=timeout)
            if m is not None and m.end() > m.start():
                resume = m.end()
                yield m

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        """Non-overlapping matches left to right; at the same start the longer one wins."""
        end = len(text) if endpos is None else endpos
        plain = self._plain_matches(text, pos, end, timeout)
        if self._others is None:
            yield from plain
            return
        others = self._others.finditer(text, pos, end, timeout=timeout)
        a, b = next(plain, None), next(others, None)
        last_end = pos
        while a is not None or b is not None:
            if b is None or (a is not None and (a.start(), -a.end()) <= (b.start(), -b.end())):
                m, a = a, next(plain, None)
            else:
                m, b = b, next(others, None)
            assert m is not None
            if m.start() >= last_end:
                last_end = m.end()
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return next(self.finditer(text, pos, endpos, timeout=timeout), None)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        end = len(text) if endpos is None else endpos
        for m in self.finditer(text, pos, end, timeout=timeout):
            if m.start() == pos and m.end() == end:
                return m
        return None
