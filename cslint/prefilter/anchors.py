"""Find where a rule can match before running it: one scan per reply for all rules.

Running every rule's alternation over every reply costs one pass of the regex engine per
rule, and an alternation of many phrases is tried at every character. Most phrase entries
start with a word ("as I said", "per my last email"), so a match can only start where one
of those first words stands. At load time each pattern gets the set of literal *anchors*
(lower-cased prefixes, ``' '`` for a run of whitespace) that every match starts with;
per reply, one scan of the lower-cased text finds where any anchor of any rule stands (a
trie of words for anchors that start a word, one trie-shaped :mod:`re` pattern for the
few that start with punctuation), and a rule's own pattern is then tried only there.
Each branch also knows its *factors*, literals every match of it holds, so a candidate
whose branch has none of them in a short text is dropped.

The result is exactly what ``pattern.finditer`` gives: a candidate position is only a
place to try, and a pattern with no safe anchors (it starts with a class, or uses syntax
the prefix reader does not know) is scanned in full as before. Prefixes and factors are
read with the standard library's regular-expression parser; both only ever produce *more*
candidates than the rule can match, never fewer (see :func:`fold`).
"""
from __future__ import annotations

import pickle
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, compress, count, islice
from typing import Any

import regex

from ..runtime import timelimit
from .memo import Memo

try:  # the stdlib parser, only to read literal prefixes; a missing one means "no anchors"
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None  # type: ignore[assignment]

#: Longest anchor kept (characters); longer prefixes add little selectivity.
_MAX_ANCHOR = 12
#: Most prefixes one pattern may expand to (alternations multiply them).
_MAX_PREFIXES = 64
#: Non-ASCII characters that may stand in an anchor: they have no case, so lower-casing
#: the text leaves them alone and the regex engine matches them only as themselves.
_CASELESS = frozenset("’‘“”–—…")
#: Marks an anchor whose match starts a word (the phrase begins with ``(?<!\w)``).
_WORD_START = "\x00"
_NOT_AFTER_WORD = [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])] if _parser is not None else []
#: Syntax the stdlib parser would read differently from the regex module (POSIX classes,
#: nested sets, fuzzy constraints): patterns using it get no anchors.
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<|\(\?P>|\(\?&|\(\?R|\(\?\d")
_FOREIGN = re.compile(r"(?:^|[^\\])(?:\\\\)*(?:\[:|\[\[|\{(?!\d*,?\d*\}))")  # not escaped: \{ is a brace


def fold(text: str) -> str:
    """The text lower-cased for the anchor scan, each character at its own offset.

    ``regex``'s case-insensitive matching pairs an ASCII letter with exactly these other
    characters (tests check every code point): its upper case, the Kelvin sign
    (lower-cased to ``k``), the long s, the dotted capital I (matched by a small i; its
    lower case is two characters long) and the dotless i (matched by a capital I). Each
    becomes the ASCII letter here, so a text holds an anchor wherever a pattern can match
    it; a pattern that holds the other case of an i is then tried and fails.
    """
    folded = text.lower()
    if folded.isascii():
        return folded
    if len(folded) != len(text):
        folded = text.replace("İ", "i").lower()
    if "ſ" in folded:
        folded = folded.replace("ſ", "s")
    return folded.replace("ı", "i") if "ı" in folded else folded


def _fold_char(code: int) -> str | None:
    """The character as it stands in an anchor (whitespace becomes the run marker ' '),
    or None when it may not stand in one."""
    ch = chr(code)
    if ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    return ch if ch in _CASELESS else None


def _add(head: str, ch: str) -> str:
    """Append a character; consecutive whitespace is one run."""
    return head if ch == " " and head.endswith(" ") else head + ch


def _is_space(item: Any) -> bool:
    """``\\s`` or ``[\\s]`` (the pattern reader's whitespace)."""
    op, av = item
    if op is _c.IN:
        return len(av) == 1 and av[0] == (_c.CATEGORY, _c.CATEGORY_SPACE)
    return op is _c.CATEGORY and av is _c.CATEGORY_SPACE


def _extend(seq: Any, heads: set[str]) -> tuple[set[str], set[str]]:
    """Grow the open prefixes ``heads`` through a parsed sequence.

    Returns (still open, closed): open prefixes may grow with what follows the sequence,
    closed ones are final (what follows them is not a literal).
    """
    closed: set[str] = set()
    for op, av in seq:
        if not heads:
            break
        done = {h for h in heads if len(h) >= _MAX_ANCHOR}
        if done:
            closed |= done
            heads = heads - done
            if not heads:
                break
        grown: set[str] | None
        if (op is _c.ASSERT_NOT and av[0] == -1 and av[1].data == _NOT_AFTER_WORD) or (op is _c.AT and av is _c.AT_BOUNDARY):
            # (?<!\w) before the first character: the match starts a word. So does \b
            # before a word character; before any other, the anchor is read anywhere
            # (the scanner only reads anchors that start with a word at a word start).
            heads = {h or _WORD_START for h in heads}
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the match's next character is still ahead
        if op is _c.LITERAL:
            ch = _fold_char(av)
            grown = {_add(h, ch) for h in heads} if ch else None
        elif op is _c.IN and all(o is _c.LITERAL for o, _ in av):
            chars = {_fold_char(a) for _, a in av}
            grown = None if None in chars else {_add(h, ch) for h in heads for ch in chars if ch}
        elif _is_space((op, av)):
            grown = {_add(h, " ") for h in heads}
        elif op is _c.SUBPATTERN:
            grown, shut = _extend(av[-1], heads)
            closed |= shut
        elif op is _c.BRANCH:
            grown = set()
            for alternative in av[1]:
                more, shut = _extend(alternative, heads)
                grown |= more
                closed |= shut
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, item = av
            if len(item) == 1 and _is_space(item[0]) and low >= 1:
                # A whitespace run: one ' ' stands for all of it (the scanner reads \s+).
                grown = {_add(h, " ") for h in heads}
            elif low == high == 1:
                grown, shut = _extend(item, heads)
                closed |= shut
            elif low == 0:
                # Skipped or taken: both continue with what follows, unless the item
                # may repeat (then what follows one repetition is not known).
                through, shut = _extend(item, heads)
                closed |= shut
                if high == 1:
                    grown = heads | through
                else:
                    closed |= through
                    grown = heads
            else:
                # At least ``low`` times: the first ``low`` repetitions start every match
                # ("[!?]{2,}" starts with "!!", "!?", "?!" or "??").
                times = heads
                for _ in range(min(low, _MAX_ANCHOR)):
                    times, shut = _extend(item, times)
                    closed |= shut
                    if not times:
                        break
                if low == high:
                    grown = times
                else:
                    closed |= times
                    heads = set()
                    continue
        else:
            grown = None
        started = all(h.lstrip(_WORD_START) for h in heads)
        if grown is None or (started and len(grown) + len(closed) > _MAX_PREFIXES):
            closed |= heads
            heads = set()
        else:
            heads = grown
    return heads, closed


def prefixes(pattern: str) -> frozenset[str] | None:
    """The anchors one of which every match of ``pattern`` starts with, or None when the
    pattern has none that are safe to rely on (then it is always scanned in full).

    >>> sorted(prefixes(r"(?<!\\w)(?:as\\s+I\\s+(?:already\\s+)?said)(?!\\w)"))
    ['\\x00as i alread', '\\x00as i said']
    >>> sorted(prefixes(r"(?:double|over)[- ]?charged\\b"))
    ['double charg', 'double-charg', 'doublecharge', 'over charged', 'over-charged', 'overcharged']
    >>> sorted(prefixes(r"(?:bull)?shit\\p{L}*"))
    ['bullshit', 'shit']
    >>> prefixes(r"\\w+ly") is None
    True
    """
    pattern = _PROPERTY.sub(r"\1\\w", pattern)  # one character of a class: the prefix ends there
    if _parser is None or _FOREIGN.search(pattern):
        return None
    try:
        parsed = _parser.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None  # syntax only the regex module knows: no shortcut for this pattern
    heads, closed = _extend(parsed, {""})
    found = heads | closed
    if not found or any(not f.lstrip(_WORD_START) or f.lstrip(_WORD_START)[0] == " " for f in found):
        return None
    return frozenset(found)


#: Shortest string worth checking for: shorter ones are in nearly every reply, unless they
#: hold a character that prose seldom uses (the braces of "{{", the "%" of "%{").
_MIN_FACTOR = 3
_RARE = re.compile(r"[^\w\s.,!?;:'’‘\"“”()\-–—…/&]")


def _rank(factors: frozenset[str]) -> tuple[bool, int, int] | None:
    """How selective a factor set is (higher is better), or None when it is not worth
    checking: strings that each hold a rare character first, then longer shortest
    string, then fewer strings."""
    rare = all(map(_RARE.search, factors))
    shortest = min(map(len, factors))
    if shortest < (2 if rare else _MIN_FACTOR):
        return None
    return rare, shortest, -len(factors)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two factor sets."""
    rank = _rank(b) if b is not None else None
    if rank is None:
        return a
    if a is None:
        return b
    return b if rank > _rank(a) else a  # type: ignore[operator]


def _factor_set(seq: Any) -> frozenset[str] | None:
    """Strings (lower-cased) one of which every match of a parsed sequence contains."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in seq:
        ch = _fold_char(av) if op is _c.LITERAL else None
        if ch is not None and ch != " ":
            run.append(ch)
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
            (item_op, item_av), = av[2]
            ch = _fold_char(item_av) if item_op is _c.LITERAL else None
            if ch is not None and ch != " ":  # "s{4,}": four of them are certain
                run.extend(ch * min(av[0], _MAX_ANCHOR))
                if av[0] == av[1]:
                    continue  # exactly so many: the run goes on
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        found: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            found = _factor_set(av[-1])
        elif op is _c.BRANCH:
            alternatives = [_factor_set(a) for a in av[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _factor_set(av[2])
        best = _better(best, found)  # lookarounds and classes add nothing
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def factors(pattern: str) -> frozenset[str] | None:
    """Strings one of which stands (lower-cased) in every text that ``pattern`` matches,
    or None when no string of three characters or more (two, if it holds a rare mark such as
    a brace) is certain.

    A branch whose factors are all missing from a reply cannot match there, however often
    its anchor (a common first word such as "is" or "the") stands in it.

    >>> sorted(factors(r"(?:is|was)\\s+(?:\\w+\\s+)?(?:broken|lost)"))
    ['broken', 'lost']
    >>> factors(r"\\w+ly") is None
    True
    >>> sorted(factors(r"(?:hi|hey)\\s+(?:\\{\\{\\s*name\\s*\\}\\}|%\\{name\\})"))
    ['%{name}', '{{']
    """
    pattern = _PROPERTY.sub(r"\1\\w", pattern)
    if _parser is None or _FOREIGN.search(pattern):
        return None
    try:
        return _factor_set(_parser.parse(pattern))
    except (re.error, OverflowError, RecursionError):
        return None


#: Per branch of a pattern, its factors (None: no certain string).
Factors = tuple[frozenset[str] | None, ...]
#: Longest text checked for factors: a long text holds nearly all of them, and each
#: check of a missing one reads the whole text.
FACTOR_TEXT_LIMIT = 20_000

#: What one anchor occurrence says: the patterns it concerns, each with the indices of
#: its branches that may match there.
Owners = tuple[tuple[int, tuple[int, ...]], ...]
#: Per pattern id: (start, branch indices) in start order (one start may repeat).
Found = dict[int, list[tuple[int, tuple[int, ...]]]]


class _Registry:
    """Every anchored pattern of the process, the scanners holding their anchors, and the
    candidates found in the last few texts scanned. Patterns join one at a time (when a
    rule first runs), so adding one updates the word trie in place; only the small
    scanner of anchors that start with punctuation is rebuilt."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, int], int] = {}
        self.version = 0
        self._words = _WordScanner()
        self._free_anchors: dict[str, dict[int, set[int]]] = {}
        self._free: _Scanner | None = None
        self._factors: dict[int, Factors] = {}
        #: Per pattern whose every branch has factors: all of them (one must be in a text).
        self._needs: dict[int, frozenset[str]] = {}
        #: Per pattern with branches that have no anchors: all those branches' factors
        #: (None: one of them has none, so no text rules the pattern out).
        self._rest: dict[int, frozenset[str] | None] = {}
        self._recent: list[tuple[str, int, Found | None]] = []

    def register(self, key: tuple[str, int], anchors: dict[str, tuple[int, ...]], factors: Factors = (),
                 rest: tuple[int, ...] = ()) -> int:
        pid = self.ids.get(key)
        if pid is None:
            pid = self.ids[key] = len(self.ids)
            if any(f is not None for f in factors):
                self._factors[pid] = factors
            needs = _all_factors(factors) if factors else None
            if needs is not None:
                self._needs[pid] = needs
            if rest:
                self._rest[pid] = _all_factors(factors[i] for i in rest) if factors else None
            for anchor, branches in anchors.items():
                path = _word_path(anchor) if anchor.startswith(_WORD_START) else None
                if path is not None:
                    self._words.add(path, pid, branches)
                else:  # not at a word start, or it starts with punctuation
                    owners = self._free_anchors.setdefault(anchor.lstrip(_WORD_START), {})
                    owners.setdefault(pid, set()).update(branches)
                    self._free = None
            self.version += 1
        return pid

    def needs(self, pids: Iterable[int]) -> frozenset[str] | None:
        """The factors one of which a text must hold for one of these patterns to match
        there (a test cheaper than a scan when only a few patterns read a text); None
        when one of them has no such set."""
        return _all_factors(self._needs.get(pid) for pid in pids)

    def read_in_full(self, text: str) -> None:
        """Have every pattern read ``text`` in full instead of scanning it for anchors (a
        text that only a few patterns read)."""
        self._recent = [(text, self.version, None), *self._recent[:3]]

    def candidates(self, text: str) -> Found | None:
        """Where anchors stand in ``text``, per pattern; None when the text is read in full
        (:meth:`read_in_full`)."""
        for seen, version, found in self._recent:
            if seen is text and version == self.version:
                return found
        if self._free is None:
            self._free = _Scanner(self._free_anchors)
        folded = fold(text)
        found: Found = {}
        self._words.collect(folded, found)
        loose: Found = {}
        if self._free.collect(folded, loose):
            for pid, hits in loose.items():  # (each list is in start order)
                known = found.get(pid)
                found[pid] = hits if known is None else sorted(known + hits)
        short = len(folded) <= FACTOR_TEXT_LIMIT
        present = _Present(folded)
        if found and self._factors and short:
            self._drop_factorless(found, present)
        for pid, wanted in self._rest.items():
            # Branches without anchors are scanned for in full, where they may match:
            # an empty entry says so (see AnchoredPattern.gate).
            if pid not in found and (not short or wanted is None or present[wanted]):
                found[pid] = []
        self._recent = [(text, self.version, found), *self._recent[:3]]
        return found

    def _drop_factorless(self, found: Found, present: _Present) -> None:
        """Take out the branches none of whose factors is in the text; a pattern left
        with no candidate is taken out whole (so the engine skips its rule)."""
        tables = self._factors
        for pid, hits in list(found.items()):
            table = tables.get(pid)
            if table is None:
                continue
            kept = []
            for hit in hits:
                branches = hit[1]
                if len(branches) == 1:  # the common case, judged without a generator
                    wanted = table[branches[0]]
                    if wanted is None or present[wanted]:
                        kept.append(hit)
                    continue
                live = tuple(b for b in branches if table[b] is None or present[table[b]])  # type: ignore[index]
                if live:
                    kept.append(hit if len(live) == len(branches) else (hit[0], live))
            if not kept:
                del found[pid]
            elif kept != hits:
                found[pid] = kept


def _all_factors(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The factors of some branches together: a text must hold one of them for any of
    those branches to match. None when one of the branches has none."""
    found = list(sets)
    return None if None in found else frozenset().union(*found)  # type: ignore[arg-type]


def holds_any(text: str, factors: frozenset[str]) -> bool:
    """Whether ``text`` holds one of ``factors``, as :func:`fold` reads it."""
    return any(map(fold(text).__contains__, factors))


class _Present(dict[frozenset[str], bool]):
    """Per text scanned: whether it holds one of a set of factors, worked out once per set
    (branches of many patterns share their factors)."""

    def __init__(self, folded: str) -> None:
        super().__init__()
        self.folded = folded

    def __missing__(self, wanted: frozenset[str]) -> bool:
        there = self[wanted] = any(map(self.folded.__contains__, wanted))
        return there


#: A word as the word scanner reads the folded text: ASCII letters, digits and '_', with
#: inner apostrophes ("we'll"). Every character an anchor may hold that a rule's ``\w``
#: counts is in it, and a rule's word start (the character before it is no ``\w``, so no
#: ASCII word character) is a token start or the start of a token's *tail* after an inner
#: apostrophe ("ll" in "we'll", where "ll be" starts): an anchor that a match starts with
#: is therefore read as the same words, the first perhaps a tail, the last perhaps cut
#: short.
_TOKENS = re.compile(r"([a-z0-9_]+(?:['’][a-z0-9_]+)*)")
_TOKEN = re.compile(_TOKENS.pattern[1:-1])
#: Per apostrophe, the tails of words after it: the apostrophe inside a word, and the rest
#: of the word (found from each apostrophe, so "o'clock's" has the tails "clock's" and
#: "s"). The apostrophe comes first, so that the engine looks for it as a literal.
_TAILS = [(q, re.compile(f"{q}(?<=[a-z0-9_]{q})(?=({_TOKEN.pattern}))")) for q in "'’"]
_SPACE = re.compile(r"\s")
#: Characters of a long text split into words at once.
_PIECE = 1 << 16
_PLAIN_PATH = re.compile(f"{_TOKEN.pattern}(?: {_TOKEN.pattern})* ?['’]?")


def _word_path(anchor: str) -> tuple[tuple[str, ...], str | None] | None:
    """A word-start anchor as (whole words, prefix of the word that follows or None);
    None when it does not start with a word."""
    body = anchor.lstrip(_WORD_START)
    if _PLAIN_PATH.fullmatch(body):  # words and single spaces: the common case, read fast
        if body.endswith(" "):
            return tuple(body[:-1].split(" ")), None
        *whole, last = body.rstrip("'’").split(" ")
        return tuple(whole), last
    words = list(_TOKEN.finditer(body))
    if not words or words[0].start() != 0:
        return None
    last = words[-1]
    if body[last.end() :].strip("'’"):
        return tuple(w.group() for w in words), None  # the last word ends inside the anchor
    return tuple(w.group() for w in words[:-1]), last.group()


#: Distinct words remembered at the root, and after any other word (bounds on memory for
#: huge vocabularies: the root sees every word, a node only the words that follow it).
_ROOT_MEMO = 200_000
_NODE_MEMO = 4096


class _Node:
    """A word of the word trie: the patterns whose anchor ends here, the words that may
    follow, and the prefixes the next word may start with (by their first characters)."""

    __slots__ = ("owners", "words", "prefixes", "lengths", "follow")

    def __init__(self, memo: int = _NODE_MEMO) -> None:
        self.owners: dict[int, tuple[int, ...]] = {}
        self.words: dict[str, _Node] = {}
        self.prefixes: dict[str, list[tuple[str, Owners]]] = {}
        self.lengths: tuple[int, ...] = ()
        #: Each word seen after this node, mapped to where it leads (:meth:`_step`): most
        #: steps of the walk are one C-level dict hit.
        self.follow: Memo[str, _Step | None] = Memo(self._step, memo)

    def _step(self, word: str) -> _Step | None:
        """Where ``word`` leads from here: the owners of the prefixes it starts with and
        the node of the word itself; None when it leads nowhere."""
        owners = tuple(self.prefix_owners(word))
        child = self.words.get(word)
        return (owners, child) if owners or child is not None else None

    def prefix_owners(self, word: str) -> Iterator[Owners]:
        """The owners of the prefixes ``word`` starts with."""
        for size in self.lengths:
            for prefix, owners in self.prefixes.get(word[:size], ()):
                if word.startswith(prefix):
                    yield owners

    def add_prefix(self, prefix: str, owners: Owners) -> None:
        key = prefix[:_KEY]
        self.prefixes.setdefault(key, []).append((prefix, owners))
        if len(key) not in self.lengths:
            self.lengths = tuple(sorted({*self.lengths, len(key)}))


#: Characters of a prefix that index it (a word is looked up by its first 1..3).
_KEY = 3


#: Where a word leads from a node of the word trie: the owners of the prefixes it starts
#: with, and the trie node of the word itself (None when it leads nowhere).
_Step = tuple[tuple[Owners, ...], "_Node | None"]


class _WordScanner:
    """The anchors that start a word, as a trie of words.

    The folded text is split into words once (one C-level split); the words that can
    start an anchor are picked out by one dict lookup per word, mapped over the whole
    list in C, and only there is the trie walked in Python, a word at a time, each step
    one more lookup. Cost grows with the number of words, and a common first word
    ("please", "we") costs a dict lookup per following word, not a regex branch per
    character.
    """

    def __init__(self) -> None:
        self.root = _Node(_ROOT_MEMO)

    def add(self, path: tuple[tuple[str, ...], str | None], pid: int, branches: tuple[int, ...]) -> None:
        words, prefix = path
        node = self.root
        visited = [node]  # where words lead from these nodes may change
        for word in words:
            child = node.words.get(word)
            if child is None:
                child = node.words[word] = _Node()
            node = child
            visited.append(node)
        for step in visited:
            if step.follow:
                step.follow.clear()
        if prefix is None:
            known = node.owners.get(pid)
            node.owners[pid] = branches if known is None else tuple(sorted({*known, *branches}))
        else:
            node.add_prefix(prefix, ((pid, branches),))

    def collect(self, folded: str, found: Found) -> bool:
        """Add the anchors standing in ``folded`` to ``found``; True if there were any.

        A long text is read in pieces that end at whitespace, each with the words that
        follow it (no anchor spans more words than it has characters), so the word lists
        of a megabyte reply are never all in memory at once."""
        size = len(folded)
        if size <= _PIECE:
            return self._collect(folded, 0, size, found)
        hit = False
        start = 0
        while start < size:
            gap = _SPACE.search(folded, start + _PIECE)
            end = gap.start() if gap else size
            tail = end
            for tail_word in islice(_TOKEN.finditer(folded, end), _MAX_ANCHOR):
                tail = tail_word.end()
            hit |= self._collect(folded[start:tail], start, end - start, found)
            start = end
        return hit

    def _collect(self, folded: str, offset: int, limit: int, found: Found) -> bool:
        """:meth:`collect` for the anchors that start before ``limit`` in a piece of text
        that starts at ``offset``."""
        parts = _TOKENS.split(folded)
        words = parts[1::2]
        follow = self.root.follow
        infos = list(map(follow.__getitem__, words))
        hits = list(compress(count(), infos))
        tails = self._tails(folded)
        if not hits and not tails:
            return False
        starts = list(accumulate(map(len, parts)))  # word k starts at starts[2k]
        total = len(words)
        for k in hits:
            start = starts[2 * k]
            if start >= limit:
                break  # the next piece starts here
            start += offset
            step = infos[k]
            j = k + 1
            while step is not None:
                owned, node = step
                for owners in owned:
                    _record(found, start, owners)
                if node is None:
                    break
                if node.owners:
                    _record(found, start, node.owners.items())
                if j == total:
                    break
                step = node.follow[words[j]]
                j += 1
        if tails:
            more: Found = {}
            for start, step in tails:
                if start >= limit:
                    break
                # (the tail is part of word k, where part 2k + 1 of the split stands)
                _walk(more, start + offset, step, words, (bisect_right(starts, start) - 1) // 2 + 1)
            for pid, hits in more.items():  # (each list is in start order)
                known = found.get(pid)
                found[pid] = hits if known is None else sorted(known + hits)
        return True

    def _tails(self, folded: str) -> list[tuple[int, _Step]]:
        """Where a tail of a word that may begin an anchor starts, with its step from the
        root, in text order. The distinct tails are few ("s", "t", "ll", "re") and rarely
        begin one, so they are looked up before any position is."""
        follow = self.root.follow
        found: list[tuple[int, _Step]] = []
        for apostrophe, tails in _TAILS:
            if apostrophe in folded:
                leading = {t for t in set(tails.findall(folded)) if follow[t] is not None}
                if leading:
                    found += [(m.end(), follow[m.group(1)]) for m in tails.finditer(folded) if m.group(1) in leading]
        return sorted(found, key=lambda hit: hit[0]) if len(found) > 1 else found


def _walk(found: Found, start: int, step: _Step | None, words: list[str], j: int) -> None:
    """Record the anchors that start at ``start`` with the word whose step from the root
    is ``step``, followed by ``words[j:]``."""
    total = len(words)
    while step is not None:
        owned, node = step
        for owners in owned:
            _record(found, start, owners)
        if node is None:
            break
        if node.owners:
            _record(found, start, node.owners.items())
        if j == total:
            break
        step = node.follow[words[j]]
        j += 1


def _record(found: Found, start: int, owners: Iterable[tuple[int, tuple[int, ...]]]) -> None:
    for pid, branches in owners:
        entry = found.get(pid)
        if entry is None:
            found[pid] = [(start, branches)]
        else:
            entry.append((start, branches))


#: Text walked in Python before the trie is compiled into one ``re`` pattern (compiling
#: a few thousand anchors takes tens of milliseconds: more than one short reply costs).
WALK_LIMIT = 50_000


class _Scanner:
    """The anchors that do not start a word (punctuation, or patterns matched anywhere) as
    a trie that finds, at each position, the longest anchor standing there, and so every
    shorter one on its path.

    Each trie node that ends an anchor holds the patterns (and their branches) owning it
    or any shorter anchor on the path. A short run walks the trie in Python; once enough
    text has gone by, the trie is compiled into one ``re`` pattern, where shared prefixes
    are written once and each anchor ends in an empty group whose number (``lastindex``)
    names its node. Every branch of the pattern opens with a literal character, so the
    standard library searches for it at C speed, skipping to the characters that open a
    branch and trying it there: only the places where an anchor stands come back to
    Python (anchors that start with a common letter, such as "aww", would otherwise
    cost a call at every "a").
    """

    def __init__(self, owners: dict[str, dict[int, set[int]]]) -> None:
        self.trie: dict[str, Any] = {}
        for anchor, by_pattern in owners.items():
            node = self.trie
            for ch in anchor:
                node = node.setdefault(ch, {})
            node[""] = by_pattern
        self._inherit(self.trie, {})
        first = "".join(r"\s" if ch == " " else re.escape(ch) for ch in sorted(self.trie))
        self.starts = re.compile(f"[{first}]") if self.trie else None
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
        """Add the anchors standing in ``folded`` to ``found``; True if there were any."""
        if self.starts is None:
            return False
        hits: Iterator[tuple[int, Owners]]
        if self._compiled is not None:
            hits = self._matched(folded)
        elif self.starts.search(folded) is None:  # most texts hold none of these characters
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
            _record(found, start, owners)
        return hit

    def _matched(self, folded: str) -> Iterator[tuple[int, Owners]]:
        """Each place where the compiled trie matches, with the deepest anchor there; the
        next search starts one character on, so anchors that overlap are all found."""
        assert self._compiled is not None
        scanner, groups = self._compiled
        m = scanner.search(folded)
        while m is not None:
            start = m.start()
            yield start, groups[m.lastindex or 0]
            m = scanner.search(folded, start + 1)

    def _walk(self, folded: str) -> Iterator[tuple[int, Owners]]:
        end = len(folded)
        assert self.starts is not None
        for m in self.starts.finditer(folded):
            node = self.trie
            i = start = m.start()
            deepest: Owners | None = None
            while i < end:
                ch = folded[i]
                if ch.isspace():  # a whitespace run is one ' ' edge, as \s+ in the pattern
                    node = node.get(" ")
                    while i < end and folded[i].isspace():
                        i += 1
                else:
                    node = node.get(ch)
                    i += 1
                if node is None:
                    break
                deepest = node.get("", deepest)
            if deepest is not None:
                yield start, deepest


#: Marks the key of a pattern compiled for matching at a known start (:meth:`AnchoredPattern._tried`).
_TRIED = -1

REGISTRY = _Registry()
#: The patterns a rule consults only after a first match of its own (exceptions, required
#: phrases): a second scan, run for a text the first time one of them reads it, so that
#: their starts cost the replies that never need them nothing.
LATER = _Registry()
#: Longest text the second scan reads; in a longer one each such pattern reads only its
#: window (an exception is looked for around one match), as a full scan would cost more.
LATER_TEXT_LIMIT = 20_000

#: What :class:`AnchoredPattern` pickles: branches, flags, anchors, factors, whether it is
#: read by the second scan, and compiled alternations (pickled) by their branches.
_State = tuple[tuple[str, ...], int, "dict[str, tuple[int, ...]] | None", Factors, bool,
               "dict[tuple[int, ...] | None, bytes]"]


#: Scan ids of the patterns a rule reads in the reply, and in the customer's message.
Gate = tuple[frozenset[int], frozenset[int]]


def gate(in_reply: Sequence[object], in_context: Sequence[object]) -> Gate | None:
    """The scan ids of the patterns one of which must match, in the reply or in the
    customer's message, for a rule to find anything; None when one of them is not gated
    (:attr:`AnchoredPattern.gate`) or there are none (the rule always runs)."""
    reply = [getattr(p, "gate", None) for p in in_reply]
    context = [getattr(p, "gate", None) for p in in_context]
    if not reply and not context or None in reply or None in context:
        return None
    return frozenset(reply), frozenset(context)  # type: ignore[arg-type]


def _remaining(deadline: float | None) -> float | None:
    """Seconds left before ``deadline``; past it, the scan stops as the regex module would."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


class AnchoredPattern:
    """An alternation of phrase branches that is only tried where it can start, and there
    only with the branches that can start there.

    It offers the subset of :class:`regex.Pattern` that checks use (``finditer``,
    ``search``, ``match``, ``fullmatch``, ``pattern``) with the same matched spans:
    candidate starts are where an anchor of a branch stands, plus, for branches without
    anchors, every place where one of them matches (an overlapped scan of just those).
    At a candidate the branches that may start there are tried one by one in their
    original order, so the first branch that matches wins, as in the full alternation
    (a branch whose anchors are absent cannot match there). Only group 0 of a match is
    meaningful. Pickled (the rule cache), it keeps sources, anchors and factors, and every
    alternation a reply may need compiled, as the ``regex`` module pickles a compiled
    pattern: its code, which loads some forty times faster than the source compiles.
    They stay bytes until a reply first needs one, so loading the rules costs little.
    """

    __slots__ = ("pattern", "flags", "branches", "anchors", "factors", "rest", "later", "_needs", "_bare",
                 "_compiled", "_groups", "_frozen", "_id")

    def __init__(self, branches: Sequence[str], flags: int, anchors: dict[str, tuple[int, ...]] | None,
                 factors: Factors = (), compiled: regex.Pattern[str] | None = None, *, later: bool = False) -> None:
        #: Read by the second scan (:data:`LATER`), not the one that decides which rules run.
        self.later = later
        self.branches = tuple(branches)
        self.pattern = "|".join(branches)
        self.flags = flags
        self.anchors = anchors
        #: Per branch, strings one of which a text must hold for the branch to match there.
        self.factors = factors
        #: Indices of the branches without anchors.
        self.rest = tuple(i for i in range(len(branches)) if anchors is not None
                          and not any(i in b for b in anchors.values()))
        #: The factors of all branches that have some, and the branches that have none: a
        #: short text that holds none of the factors is only scanned for those branches,
        #: if any (an apology list searched in a reply without one).
        self._needs = _all_factors(f for f in factors if f is not None) if factors else None
        self._bare = tuple(i for i, f in enumerate(factors) if f is None)
        self._compiled = compiled
        self._groups: dict[tuple[int, ...], regex.Pattern[str]] = {}
        #: Compiled alternations from the rule cache, pickled, by their branches (None:
        #: all of them); each is loaded when first needed.
        self._frozen: dict[tuple[int, ...] | None, bytes] = {}
        self._id: int | None = -1 if anchors is None else None  # registered on first use

    @classmethod
    def from_branches(cls, branches: Sequence[str], flags: int, *, anchored: bool = True) -> AnchoredPattern:
        """The alternation of ``branches`` (compiled now, so errors show at load time);
        not ``anchored``, its starts go to the second scan (:data:`LATER`), which only
        a text that one such pattern reads pays for, and it decides no rule's gate."""
        compiled = regex.compile("|".join(branches), flags)
        if _BACKREFERENCE.search(compiled.pattern):
            return cls(branches, flags, None, (), compiled)  # branches are not independent
        found = tuple(factors(b) for b in branches)
        anchors: dict[str, set[int]] = {}
        for i, branch in enumerate(branches):
            for anchor in prefixes(branch) or ():
                anchors.setdefault(anchor, set()).add(i)
        if not anchors and None in found:
            return cls(branches, flags, None, found, compiled)  # nothing rules a text out
        # (No anchors but factors for every branch: scanned in full, but only in a text
        # that holds one of the factors.)
        return cls(branches, flags, {a: tuple(sorted(b)) for a, b in anchors.items()}, found, compiled,
                   later=not anchored)

    def __getstate__(self) -> _State:
        """Sources, anchors, factors, and every alternation a reply may need, compiled
        (this runs when the rule cache is written, once per set of rule files)."""
        groups: list[tuple[int, ...]] = []
        if self.anchors is not None:
            groups.append(self.rest)  # scanned for in full
        if self._needs is not None:
            groups.append(self._bare)  # what a text without the factors is scanned for
        frozen: dict[tuple[int, ...] | None, bytes] = {
            key: pickle.dumps(self._group(key), pickle.HIGHEST_PROTOCOL)
            for key in {*groups} if 0 < len(key) < len(self.branches)
        }
        for i in range(len(self.branches)):  # tried at candidates (and by match() when alone)
            frozen[(i, _TRIED)] = pickle.dumps(self._tried(i), pickle.HIGHEST_PROTOCOL)
        frozen[None] = pickle.dumps(self.compiled, pickle.HIGHEST_PROTOCOL)
        return self.branches, self.flags, self.anchors, self.factors, self.later, frozen

    def __setstate__(self, state: _State) -> None:
        branches, flags, anchors, factors, later, frozen = state
        self.__init__(branches, flags, anchors, factors, later=later)  # type: ignore[misc]
        self._frozen = frozen

    def __repr__(self) -> str:
        return f"AnchoredPattern({self.pattern!r})"

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

    def _candidates(self, text: str, pos: int, end: int, timeout: float | None) -> list[tuple[int, tuple[int, ...]]] | None:
        """(start, branches to try) in start order, or None to scan the whole text."""
        pid = self.pid
        if pid < 0 or len(self.rest) == len(self.branches):
            return None  # no anchors at all: the whole pattern scans the text
        if self.later and len(text) > LATER_TEXT_LIMIT:
            return None  # (a long text: the window is read in full instead)
        found = self._registry.candidates(text)
        if found is None:
            return None
        where = found.get(pid, [])
        if self.rest:
            rest = self._group(self.rest)
            more = [(m.start(), self.rest) for m in rest.finditer(text, pos, end, overlapped=True, timeout=timeout)]
            if more:
                where = sorted([*where, *more])
        return where

    def most(self, text: str) -> int | None:
        """At most how many times the pattern matches in ``text`` (each match starts at a
        candidate of its own), or None when the text is scanned in full. Cheap once the
        shared scan has read the text."""
        where = self._candidates(text, 0, len(text), None)
        return None if where is None else len(where)

    @property
    def pid(self) -> int:
        """The id under which the shared scan reports this pattern's anchors (-1: none).

        A pattern joins the scan when first used, so the anchors of rules that are loaded
        but not selected (opt-in rules, ``--select``) never cost the scan anything."""
        if self._id is None:
            assert self.anchors is not None
            self._id = self._registry.register((self.pattern, self.flags), self.anchors, self.factors, self.rest)
        return self._id

    @property
    def _registry(self) -> _Registry:
        """The scan that reads this pattern's anchors."""
        return LATER if self.later else REGISTRY

    @property
    def gate(self) -> int | None:
        """:attr:`pid`, or None when the scan cannot rule out a match: no anchors at all,
        or branches with neither anchors nor factors. (The scan reports the pattern for a
        text where one of its anchors stands, or where the factors of a branch without
        anchors do.)"""
        if self.later:
            return None  # (its starts are not in the scan that gates rules)
        pid = self.pid
        if pid < 0:
            return None
        if self.rest and (not self.factors or any(self.factors[i] is None for i in self.rest)):
            return None
        return pid

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
            while i < count and where[i][0] == start:  # several anchors at one start
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
            if m.end() == start:  # an empty match (only a branch without anchors can):
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
