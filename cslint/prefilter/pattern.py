"""A regular expression that is tried only where the scan says it can start.

A rule's phrase entries become one alternation of branches. :class:`PrefilteredPattern`
matches exactly what that alternation matches, but it asks an index
(:mod:`cslint.prefilter.index`) where its branches can start in a text, and tries only
those branches, only there. It offers the part of :class:`regex.Pattern` that rule types
use, so a rule type never needs to know.
"""
from __future__ import annotations

import pickle
import time
from bisect import bisect_left
from collections.abc import Iterator, Sequence

import regex

from ..runtime import timelimit
from .behind import Behind
from .index import FACTOR_TEXT_LIMIT, LATER, Factors, Index, Scan
from .literals import (
    BACKREFERENCE,
    all_factors,
    behind,
    factors,
    fold,
    holds_any,
    opens_blank,
    prefixes,
)

_WORD_CHAR = regex.compile(r"\w")
#: Marks the key of a pattern compiled for matching at a known start (:meth:`PrefilteredPattern._tried`).
_TRIED = -1
#: Per start (see :func:`~cslint.prefilter.literals.prefixes`), the branches it starts.
Starts = dict[str, tuple[int, ...]]
#: Per branch without starts whose look-behind ends with known literals, those endings.
Endings = dict[int, frozenset[str]]
#: What :class:`PrefilteredPattern` pickles: branches, flags, starts (pickled: None when
#: it has none), factors, the branches without starts, their look-behinds' endings, and
#: compiled alternations (pickled) by their branches.
_State = tuple[tuple[str, ...], int, "bytes | None", Factors, tuple[int, ...], Endings,
               "dict[tuple[int, ...] | None, bytes]"]


def _remaining(deadline: float | None) -> float | None:
    """Seconds left before ``deadline``; past it, the scan stops as the regex module would."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


class PrefilteredPattern:
    """An alternation of branches that is only tried where it can start, and there only
    with the branches that can start there.

    It offers the subset of :class:`regex.Pattern` that checks use (``finditer``,
    ``search``, ``match``, ``fullmatch``, ``pattern``, ``flags``) with the same matched
    spans: candidate starts are where a start of a branch stands, plus, for branches
    without starts, every place right after an ending of their look-behind where they
    have one (:mod:`cslint.prefilter.behind`), and otherwise every place where one of
    them matches (an overlapped scan of just those). At a candidate the branches that may start there are tried one by one in their
    original order, so the first branch that matches wins, as in the full alternation
    (a branch whose starts are absent cannot match there). Only group 0 of a match is
    meaningful.

    Its index is :data:`~cslint.prefilter.index.LATER` unless a plan made it join
    :data:`~cslint.prefilter.index.FIRST` (a pattern that a rule needs to match) before
    its first use, or chose :data:`~cslint.prefilter.index.CONTEXT` for it (a pattern read
    only in the customer's message). Pickled (the rule cache), it keeps sources, starts and factors, and every
    alternation a reply may need compiled, as the ``regex`` module pickles a compiled
    pattern: its code, which loads some forty times faster than the source compiles.
    They stay bytes until a reply first needs one, so loading the rules costs little; so
    do the starts, which only a pattern joining an index reads (the rule cache keeps the
    index of what the rules need to match, and a pattern written out from word classes
    has thousands of starts).
    """

    __slots__ = ("_after", "_bare", "_compiled", "_frozen", "_groups", "_id", "_index", "_later", "_needs",
                 "_starts", "branches", "endings", "factors", "flags", "pattern", "rest")

    def __init__(self, branches: Sequence[str], flags: int, starts: Starts | bytes | None,
                 factors: Factors = (), compiled: regex.Pattern[str] | None = None,
                 rest: tuple[int, ...] | None = None, endings: Endings | None = None) -> None:
        self.branches = tuple(branches)
        self.pattern = "|".join(branches)
        self.flags = flags
        #: Per branch, strings one of which a text must hold for the branch to match there.
        self.factors = factors
        #: The starts (:attr:`starts`), or the bytes they were pickled as.
        self._starts = starts
        if rest is None:
            # (one pass over the starts: a pattern written out from word classes has
            # hundreds of branches and thousands of starts)
            assert not isinstance(starts, bytes)
            started = {i for b in starts.values() for i in b} if starts is not None else set()
            rest = tuple(i for i in range(len(branches)) if starts is not None and i not in started)
        #: Indices of the branches without starts.
        self.rest = rest
        if endings is None:
            endings = {i: found for i in rest if (found := behind(self.branches[i])) is not None}
        #: Per branch without starts, the endings of its look-behind, where they are known.
        self.endings = endings
        #: The branches without starts that are scanned for in full, and the others by
        #: their endings, grouped by endings (worked out when first needed).
        self._after: tuple[tuple[int, ...], list[tuple[Behind, tuple[int, ...]]]] | None = None
        #: The factors of all branches that have some, and the branches that have none: a
        #: short text that holds none of the factors is only scanned for those branches,
        #: if any (an apology list searched in a reply without one).
        self._needs = all_factors(f for f in factors if f is not None) if factors else None
        self._bare = tuple(i for i, f in enumerate(factors) if f is None)
        self._compiled = compiled
        self._groups: dict[tuple[int, ...], regex.Pattern[str]] = {}
        #: Compiled alternations from the rule cache, pickled, by their branches (None:
        #: all of them); each is loaded when first needed.
        self._frozen: dict[tuple[int, ...] | None, bytes] = {}
        #: The index that reports this pattern's starts, and its id there (-1: it has no
        #: starts); set when it joins one (:meth:`join`).
        self._index: Index | None = None
        #: The index it joins when first used without one (:meth:`read_later_in`).
        self._later = LATER
        self._id = -1 if starts is None else 0

    @classmethod
    def from_branches(cls, branches: Sequence[str], flags: int) -> PrefilteredPattern:
        """The alternation of ``branches`` (compiled now, so errors show at load time),
        with the starts and factors read from each branch."""
        compiled = regex.compile("|".join(branches), flags)
        if BACKREFERENCE.search(compiled.pattern):
            return cls(branches, flags, None, (), compiled)  # branches are not independent
        found = tuple(factors(b) for b in branches)
        starts: dict[str, set[int]] = {}
        for i, branch in enumerate(branches):
            for start in prefixes(branch) or ():
                starts.setdefault(start, set()).add(i)
        if not starts and None in found:
            return cls(branches, flags, None, found, compiled)  # nothing rules a text out
        # (No starts but factors for every branch: scanned in full, but only in a text
        # that holds one of the factors.)
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # (one tuple per set of branches: less to pickle)
        return cls(branches, flags, {a: shared.setdefault(tuple(sorted(b)), tuple(sorted(b))) for a, b in starts.items()},
                   found, compiled)

    @property
    def has_starts(self) -> bool:
        """False when the pattern has no starts and is read in full."""
        return self._starts is not None

    @property
    def starts(self) -> Starts | None:
        """Per start (see :func:`~cslint.prefilter.literals.prefixes`), the branches it
        starts; None: the pattern has no starts and is read in full."""
        if isinstance(self._starts, bytes):
            self._starts = pickle.loads(self._starts)
        return self._starts  # type: ignore[return-value]

    def __getstate__(self) -> _State:
        """Sources, starts, factors, and every alternation a reply may need, compiled
        (this runs when the rule cache is written, once per set of rule files)."""
        groups: list[tuple[int, ...]] = []
        if self.has_starts:
            groups += [(i,) for i in self._scanned_rest]  # scanned for in full
        if self._needs is not None:
            groups.append(self._bare)  # what a text without the factors is scanned for
        frozen: dict[tuple[int, ...] | None, bytes] = {
            key: pickle.dumps(self._group(key), pickle.HIGHEST_PROTOCOL)
            for key in {*groups} if 0 < len(key) < len(self.branches)
        }
        for i in range(len(self.branches)):  # tried at candidates (and by match() when alone)
            frozen[(i, _TRIED)] = pickle.dumps(self._tried(i), pickle.HIGHEST_PROTOCOL)
        frozen[None] = pickle.dumps(self.compiled, pickle.HIGHEST_PROTOCOL)
        starts = self._starts if isinstance(self._starts, bytes) or self._starts is None else (
            pickle.dumps(self._starts, pickle.HIGHEST_PROTOCOL))
        return self.branches, self.flags, starts, self.factors, self.rest, self.endings, frozen

    def __setstate__(self, state: _State) -> None:
        branches, flags, starts, factors, rest, endings, frozen = state
        self.__init__(branches, flags, starts, factors, rest=rest, endings=endings)  # type: ignore[misc]
        self._frozen = frozen

    @property
    def _scanned_rest(self) -> tuple[int, ...]:
        """The branches without starts whose look-behind gives no endings: scanned for in full."""
        return tuple(i for i in self.rest if i not in self.endings)

    def _rest_places(self, text: str, pos: int, end: int, timeout: float | None,
                     scan: Scan) -> list[tuple[int, tuple[int, ...]]]:
        """Where the branches without starts may match in ``text`` from ``pos`` to ``end``
        (and perhaps elsewhere: the caller reads only that window), each with those branches.

        A branch scanned for in full none of whose factors ``scan`` (of the whole text)
        found is left out: the pattern's other branches may start in the text, but this
        one cannot match there, and scanning for it would read the whole text (CS106's
        "... not eligible for" branch, read in half the macros of a library for no match).
        A branch tried after its look-behind's endings is not checked: one search finds
        them, its factors are most often there ("can", "will"), and the check cost more
        than it saved."""
        after = self._after
        if after is None:
            grouped: dict[tuple[frozenset[str], bool], list[int]] = {}
            for i in sorted(self.endings):
                grouped.setdefault((self.endings[i], not opens_blank(self.branches[i])), []).append(i)
            after = self._after = (self._scanned_rest, [(Behind(*e), tuple(b)) for e, b in grouped.items()])
        scanned, anchored = after
        if anchored and len(text) > FACTOR_TEXT_LIMIT and (pos or end < len(text)):
            # A window of a long text (an exception read around one match): finding the
            # endings in the whole text each time would cost more than the window's scan.
            scanned, anchored = self.rest, []
        holds = scan.holds
        factors = self.factors or (None,) * len(self.branches)
        found: list[tuple[int, tuple[int, ...]]] = []
        for i in scanned:
            if not holds(factors[i]):
                continue
            # One branch at a time: the regex module skips through a text to where one
            # branch can begin (a digit, a literal it needs), but tries an alternation of
            # such branches at every place. A place where one of them matches is one
            # where their alternation does.
            one = (i,)
            found += [(m.start(), one) for m in self._group(one).finditer(text, pos, end, overlapped=True, timeout=timeout)]
        if anchored:
            folded = fold(text)
            for ending, branches in anchored:
                found += [(place, branches) for place in ending.places(folded)]
        return found

    def __repr__(self) -> str:
        return f"PrefilteredPattern({self.pattern!r})"

    def _load(self, key: tuple[int, ...] | None, source: str) -> regex.Pattern[str]:
        """A compiled alternation: from the rule cache when it is there, else compiled."""
        data = self._frozen.pop(key, None)  # (bytes from the rule cache, read only when it is the user's own)
        return pickle.loads(data) if data is not None else regex.compile(source, self.flags)

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._load(None, self.pattern)
        return self._compiled

    def _group(self, indices: tuple[int, ...]) -> regex.Pattern[str]:
        """The alternation of some branches, in their original order (compiled once)."""
        found = self._groups.get(indices)
        if found is None:
            if len(indices) == len(self.branches):
                found = self.compiled  # all of them, in order: the whole pattern
            else:
                found = self._load(indices, "|".join(self.branches[i] for i in indices))
            self._groups[indices] = found
        return found

    def _tried(self, index: int | None) -> regex.Pattern[str]:
        """A branch (None: the whole alternation) as matched at a known start.

        Written ``branch|(?!)``, which matches exactly what the branch matches (the empty
        look-ahead never does). Before a match, the regex module looks for a literal the
        pattern needs ("revert" in "(?:will|would) revert") from the start to the end of
        the text; the extra alternative leaves no literal needed. Otherwise every match
        tried in a long reply reads on to the next such literal, or to the end: up to
        140 µs a call in the 4.3 MB file, and time growing with the square of a long line
        full of findings (substitution rules match their entries at each finding)."""
        if index is None and len(self.branches) == 1:
            index = 0  # (the form the rule cache keeps)
        key = (_TRIED,) if index is None else (index, _TRIED)
        found = self._groups.get(key)
        if found is None:
            source = self.pattern if index is None else self.branches[index]
            found = self._groups[key] = self._load(key, f"{source}|(?!)")
        return found

    def join(self, index: Index) -> int:
        """Have ``index`` report this pattern's starts, from now on; its id there (-1: the
        pattern has no starts).

        A plan makes the patterns its rules need join :data:`~cslint.prefilter.index.FIRST`;
        any other pattern joins :data:`~cslint.prefilter.index.LATER` when first used. So
        the starts of rules that are loaded but not selected (opt-in rules, ``--select``)
        never cost a scan anything."""
        if self.has_starts and self._index is not index:
            key = (self.pattern, self.flags)
            known = index.id_of(key)  # (an index kept in the rule cache holds it already)
            self._id = known if known is not None else index.add(key, self.starts or {}, self.factors, self.rest)
            self._index = index
        return self._id

    def read_later_in(self, index: Index) -> None:
        """Join ``index``, not :data:`~cslint.prefilter.index.LATER`, when first used
        without an index (a plan's choice; see :data:`~cslint.prefilter.index.CONTEXT`)."""
        self._later = index

    @property
    def gateable(self) -> bool:
        """Whether an index can rule a match out: False when the pattern has no starts at
        all, or branches with neither starts nor factors. (An index reports the pattern for
        a text where one of its starts stands, or where the factors of a branch without
        starts do.)"""
        return self.has_starts and not (
            self.rest and (not self.factors or any(self.factors[i] is None for i in self.rest)))

    @property
    def needed(self) -> frozenset[str] | None:
        """The factors one of which a text must hold for the pattern to match there; None
        when a branch has none."""
        return all_factors(self.factors) if self.factors else None

    def _candidates(self, text: str, pos: int, end: int, timeout: float | None) -> list[tuple[int, tuple[int, ...]]] | None:
        """(start, branches to try) in start order, or None to scan the whole text."""
        if not self.has_starts or len(self.rest) == len(self.branches):
            return None  # no starts at all: the whole pattern scans the text
        if end < len(text) and _WORD_CHAR.match(text, end):
            # A window that ends inside a word: a match may end where the window cuts the
            # word, which the scan of the whole text knows as one word (a start that
            # ends at a word's end would miss it there); the window is read in full.
            return None
        index = self._index
        if index is None:
            index = self._later
            if index.reads_in_full(text):
                return None  # (the customer's message, which LATER leaves to the patterns read there)
            self.join(index)
        if index.longest is not None and len(text) > index.longest:
            return None  # (a long text: the window is read in full instead)
        found = index.candidates(text)
        if found is None:
            return None
        where = found.get(self._id)
        if where is None:
            return []  # no start stands here, nor a factor of a branch without starts
        if self.rest:
            more = self._rest_places(text, pos, end, timeout, found)
            if more:
                where = sorted([*where, *more])
        return where

    def most(self, text: str) -> int | None:
        """At most how many times the pattern matches in ``text`` (each match starts at a
        candidate of its own), or None when the text is scanned in full. Cheap once the
        index has scanned the text."""
        where = self._candidates(text, 0, len(text), None)
        return None if where is None else len(where)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        end = len(text) if endpos is None else endpos
        # One time limit for the whole scan, not one per candidate, so a backtracking branch
        # tried at thousands of candidates still stops; it grows with the text (``timeout``
        # per timelimit.PER_CHARS characters) so that a legitimately long reply is never cut short.
        deadline = None if timeout is None else time.monotonic() + timeout * max(1.0, (end - pos) / timelimit.PER_CHARS)
        where = self._candidates(text, pos, end, timeout)
        if where is None:
            whole = self.compiled
            if self._needs is not None and end - pos <= FACTOR_TEXT_LIMIT and not holds_any(text[pos:end], self._needs):
                if not self._bare:
                    return
                whole = self._group(self._bare)  # the other branches cannot match here
            yield from whole.finditer(text, pos, end, timeout=timeout)
            return
        resume = pos
        count = len(where)
        i = bisect_left(where, (pos,)) if pos else 0  # (a window of the text: its candidates)
        while i < count:
            start, indices = where[i]
            i += 1
            while i < count and where[i][0] == start:  # several starts at one place
                indices = tuple(sorted({*indices, *where[i][1]}))
                i += 1
            if start < resume:
                continue
            if start >= end:
                break
            # The branches one by one, in their order: the first that matches is what the
            # alternation would match. Each branch is compiled once, when first tried
            # (compiling the alternation of every set of branches met costs far more).
            left = None if deadline is None else _remaining(deadline)
            for index in indices:
                branch = self._tried(index)
                # (without a limit, no keyword: parsing one costs the regex module more
                # than a quick failed match)
                m = branch.match(text, start, end) if left is None else branch.match(text, start, end, timeout=left)
                if m is not None:
                    break
            else:
                continue
            if m.end() == start:  # an empty match (only a branch without starts can):
                yield from self.compiled.finditer(text, start, end, timeout=timeout)  # let regex decide
                return
            resume = m.end()
            yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return next(self.finditer(text, pos, endpos, timeout=timeout), None)

    def match(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self._tried(None).match(text, pos, len(text) if endpos is None else endpos, timeout=timeout)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self._tried(None).fullmatch(text, pos, len(text) if endpos is None else endpos, timeout=timeout)


#: Flags of a compiled ``regex`` pattern under which its starts and factors read as the
#: prefilter reads them (not, for example, verbose patterns or full case-folding).
_READABLE = regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.UNICODE | regex.ASCII | regex.VERSION0


def prefiltered(pattern: object) -> PrefilteredPattern | None:
    """``pattern`` as the prefilter reads it: itself when the prefilter made it (a rule's
    compiled phrase entries), a compiled ``regex`` pattern read anew from its source and
    flags (a rule type may compile its own), and None for anything else: the prefilter
    then cannot rule out a match (a long phrase list, a pattern of the ``re`` module)."""
    if isinstance(pattern, PrefilteredPattern):
        return pattern
    if isinstance(pattern, regex.Pattern) and not pattern.flags & ~_READABLE:
        return PrefilteredPattern.from_branches([pattern.pattern], pattern.flags)
    return None
