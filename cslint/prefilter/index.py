"""The starts and factors of many patterns, and one scan of a text for all of them.

An :class:`Index` holds the patterns that joined it, each under an id: their starts in a
trie of words (:mod:`cslint.prefilter.wordtrie`) and a trie of characters
(:mod:`cslint.prefilter.chartrie`), and the factors of their branches. Scanning a text
reports, per pattern id, where the pattern may start and with which branches; a branch
none of whose factors is in a short text is left out. Patterns join one at a time (when
a rule's plan is made, or when a pattern is first used), so adding one updates the word
trie in place; only the small trie of characters is rebuilt.

There are three indexes per process, as patterns are: :data:`FIRST`, which holds what the
rules need to match (every reply is scanned for it, and the scan decides which rules run),
:data:`LATER`, which holds the patterns consulted only after a first match (exceptions,
required phrases), scanned when one of them first reads a text, and :data:`CONTEXT`,
which holds the patterns rules read only in the customer's message. Each remembers what it
found in the last few texts it scanned, keyed by the text itself: every rule that reads
the same reply uses the one scan.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from .candidates import Found
from .chartrie import CharTrie
from .literals import WORD_END, WORD_START, all_factors, fold
from .wordtrie import WordTrie

#: Per branch of a pattern, its factors (None: no certain string).
Factors = tuple[frozenset[str] | None, ...]
#: What an index keeps of the patterns that joined it (see :meth:`Index.state`).
IndexState = tuple[dict[tuple[str, int], int], WordTrie, dict[str, dict[int, set[int]]], dict[int, Factors],
                   dict[int, frozenset[str]], dict[int, "frozenset[str] | None"]]
#: Longest text checked for factors: a long text holds nearly all of them, and each
#: check of a missing one reads the whole text.
FACTOR_TEXT_LIMIT = 20_000
#: Texts whose scans an index remembers.
_REMEMBERED = 4


class Index:
    """Patterns by id, their starts and factors, and the scans of the last texts."""

    def __init__(self, longest: int | None = None) -> None:
        #: Longest text this index scans (None: any); a pattern reads a longer one in full.
        self.longest = longest
        self.ids: dict[tuple[str, int], int] = {}
        self.version = 0
        self._words = WordTrie()
        self._char_starts: dict[str, dict[int, set[int]]] = {}
        self._chars: CharTrie | None = None
        self._factors: dict[int, Factors] = {}
        #: Per pattern whose every branch has factors: all of them (one must be in a text).
        self._needs: dict[int, frozenset[str]] = {}
        #: Per pattern with branches that have no starts: all those branches' factors
        #: (None: one of them has none, so no text rules the pattern out).
        self._rest: dict[int, frozenset[str] | None] = {}
        #: Per text scanned, the version of the index it was scanned with and what was
        #: found (None: it is read in full), oldest first.
        self._recent: dict[str, tuple[int, Scan | None]] = {}
        #: What gives the state to restore when the index is first used (see
        #: :meth:`restore_when_used`).
        self._pending: Callable[[], IndexState] | None = None

    def restore_when_used(self, load: Callable[[], IndexState]) -> None:
        """Have the index :meth:`restore` the state ``load()`` gives when it is first
        used, not now: a run may never consult a pattern of this index (most replies
        need no second scan), and then neither reads the state nor builds it."""
        if not self.ids and self._pending is None:
            self._pending = load

    def _ready(self) -> None:
        load = self._pending
        if load is not None:
            self._pending = None
            self.restore(load())
            # A text read in full stays so (the reply's customer's message, marked before).
            self._recent = {text: (self.version, None) for text, (_, found) in self._recent.items() if found is None}

    def id_of(self, key: tuple[str, int]) -> int | None:
        """The id of the pattern ``key`` (its source and flags) when it joined already."""
        self._ready()
        return self.ids.get(key)

    def add(self, key: tuple[str, int], starts: dict[str, tuple[int, ...]], factors: Factors = (),
            rest: tuple[int, ...] = ()) -> int:
        """The id of the pattern ``key`` (its source and flags), which joins the index with
        its starts (each with the branches it starts), the factors of its branches, and
        the branches without starts (``rest``), unless it is there already."""
        self._ready()
        pid = self.ids.get(key)
        if pid is None:
            pid = self.ids[key] = len(self.ids)
            if any(f is not None for f in factors):
                self._factors[pid] = factors
            needs = all_factors(factors) if factors else None
            if needs is not None:
                self._needs[pid] = needs
            if rest:
                self._rest[pid] = all_factors(factors[i] for i in rest) if factors else None
            for start, branches in starts.items():
                if not self._words.add(start, pid, branches):  # not at a word start, or punctuation
                    owners = self._char_starts.setdefault(start.lstrip(WORD_START).rstrip(WORD_END), {})
                    owners.setdefault(pid, set()).update(branches)
                    self._chars = None
            self.version += 1
        return pid

    def state(self) -> IndexState:
        """What the patterns that joined so far left in the index (for :meth:`restore`)."""
        return dict(self.ids), self._words, self._char_starts, self._factors, self._needs, self._rest

    def restore(self, state: IndexState) -> None:
        """Take the state of an index the same patterns joined, in another run: building
        the word trie of a few thousand starts costs more than linting a short file, and
        a run that lints one file (pre-commit) would pay it every time. Patterns then join
        by key, as they would an index that already holds them."""
        if self.ids:
            return  # (patterns joined already: a second plan in this process adds to them)
        self.ids, self._words, self._char_starts, self._factors, self._needs, self._rest = state
        self._chars = None
        self.version += 1

    def needs(self, pids: Iterable[int]) -> frozenset[str] | None:
        """The factors one of which a text must hold for one of these patterns to match
        there (a test cheaper than a scan when only a few patterns read a text); None
        when one of them has no such set."""
        return all_factors(self._needs.get(pid) for pid in pids)

    def read_in_full(self, text: str) -> None:
        """Have every pattern read ``text`` in full instead of scanning it for starts (a
        text that only a few patterns read)."""
        self._remember(text, None)

    def reads_in_full(self, text: str) -> bool:
        """Whether every pattern reads ``text`` in full (:meth:`read_in_full`)."""
        seen = self._recent.get(text)
        return seen is not None and seen[0] == self.version and seen[1] is None

    def candidates(self, text: str) -> Scan | None:
        """Where starts stand in ``text``, per pattern; None when the text is read in full
        (:meth:`read_in_full`)."""
        seen = self._recent.get(text)
        if seen is not None and seen[0] == self.version:
            return seen[1]
        self._ready()
        if self._chars is None:
            self._chars = CharTrie(self._char_starts)
        folded = fold(text)
        found: Found = {}
        self._words.collect(folded, found)
        loose: Found = {}
        if self._chars.collect(folded, loose):
            for pid, hits in loose.items():  # (each list is in start order)
                known = found.get(pid)
                found[pid] = hits if known is None else sorted(known + hits)
        present = _Present(folded) if len(folded) <= FACTOR_TEXT_LIMIT else None
        scan = Scan(found, self._factors, self._rest, present)
        self._remember(text, scan)
        return scan

    def _remember(self, text: str, found: Scan | None) -> None:
        recent = self._recent
        recent.pop(text, None)
        if len(recent) >= _REMEMBERED:
            del recent[next(iter(recent))]
        recent[text] = (self.version, found)


class Scan:
    """What one scan of a text found: per pattern id, the places where the pattern may
    start, each with the branches that may match there (:meth:`get`).

    The places come from the starts; in a short text a branch none of whose factors it
    holds is taken out, and a pattern left with no place is not found at all, unless it
    has branches without starts that may match (then it is found with no place: those
    branches are scanned for in full). That check is made for a pattern when it is first
    asked about, not for every pattern the scan met: most patterns of an index are never
    asked about a given text (the rules that consult them do not run, or find what they
    need first).
    """

    __slots__ = ("_done", "_factors", "_hits", "_present", "_rest")

    def __init__(self, hits: Found, factors: dict[int, Factors], rest: dict[int, frozenset[str] | None],
                 present: _Present | None) -> None:
        self._hits = hits
        self._factors = factors
        self._rest = rest
        #: Which factors the text holds (None: a long text, whose factors are not checked).
        self._present = present
        self._done: dict[int, list[tuple[int, tuple[int, ...]]] | None] = {}

    def ids(self) -> set[int]:
        """The ids of the patterns the scan may have found (:meth:`get` says which)."""
        return self._hits.keys() | self._rest.keys()

    def __contains__(self, pid: object) -> bool:
        return isinstance(pid, int) and self.get(pid) is not None

    def get(self, pid: int) -> list[tuple[int, tuple[int, ...]]] | None:
        """The places where pattern ``pid`` may start, in start order, each with the
        branches that may match there; None when it cannot match in the text."""
        done = self._done
        if pid in done:
            return done[pid]
        hits = self._hits.get(pid)
        present = self._present
        if hits is not None and present is not None:
            table = self._factors.get(pid)
            if table is not None:
                hits = _kept(hits, table, present) or None
        if hits is None and pid in self._rest and self.holds(self._rest[pid]):
            # Branches without starts are scanned for in full, where they may match: an
            # empty list says so (see PrefilteredPattern._candidates).
            hits = []
        done[pid] = hits
        return hits

    def holds(self, wanted: frozenset[str] | None) -> bool:
        """Whether the text may hold one of the factors ``wanted`` (None: a branch
        without factors, which any text may hold; a long text is not checked)."""
        present = self._present
        return wanted is None or present is None or present[wanted]


def _kept(hits: list[tuple[int, tuple[int, ...]]], table: Factors, present: _Present) -> list[tuple[int, tuple[int, ...]]]:
    """The places of ``hits`` with the branches whose factors the text holds (a branch
    without factors is always kept)."""
    kept = []
    for hit in hits:
        branches = hit[1]
        if len(branches) == 1:  # the common case, judged without a generator
            wanted = table[branches[0]]
            if wanted is None or present[wanted]:
                kept.append(hit)
            continue
        live = tuple(b for b in branches if (w := table[b]) is None or present[w])
        if live:
            kept.append(hit if len(live) == len(branches) else (hit[0], live))
    return kept


class _Present(dict[frozenset[str], bool]):
    """Per text scanned: whether it holds one of a set of factors, worked out once per set
    (branches of many patterns share their factors)."""

    def __init__(self, folded: str) -> None:
        super().__init__()
        self.folded = folded

    def __missing__(self, wanted: frozenset[str]) -> bool:
        there = self[wanted] = any(map(self.folded.__contains__, wanted))
        return there


#: What the rules need to match: every reply is scanned for it (see :mod:`cslint.prefilter.plan`).
FIRST = Index()
#: The patterns a rule consults only after a first match of its own (exceptions, required
#: phrases): a second scan, run for a text the first time one of them reads it, so that
#: their starts cost the replies that never need them nothing. It reads texts of up to
#: 20,000 characters; in a longer one each such pattern reads only its window (an
#: exception is looked for around one match), as a full scan would cost more.
LATER = Index(longest=20_000)
#: The patterns rules look for only in the customer's message (a complaint): their own
#: scan, of that message only, so that neither the scan of every reply nor the second
#: one carries their starts, and the message is not read by the full alternation of a
#: class written out into thousands of phrases (see :mod:`cslint.prefilter.plan`).
CONTEXT = Index(longest=20_000)
