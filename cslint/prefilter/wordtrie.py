r"""The starts that begin a word, found a word at a time: a trie of words.

Most phrase entries start with a word ("as I said", "per my last email"), written with
``(?<!\w)`` before it. Their starts (see :mod:`cslint.prefilter.literals`) are kept as a
trie of words; the folded text is split into words once, and only where a word can
begin a start is the trie walked.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, count, islice

from .candidates import Found, Owners, record
from .literals import MAX_START, WORD_END, WORD_START
from .memo import Memo

#: A word as the word scanner reads the folded text: ASCII letters, digits and '_', with
#: inner apostrophes ("we'll"). Every character a start may hold that a rule's ``\w``
#: counts is in it, and a rule's word start (the character before it is no ``\w``, so no
#: ASCII word character) is a token start or the start of a token's *tail* after an inner
#: apostrophe ("ll" in "we'll", where "ll be" starts): a start that a match begins with
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


def word_path(start: str) -> tuple[tuple[str, ...], str | None] | None:
    """A start that begins a word as (whole words, prefix of the word that follows or
    None); None when it does not begin with a word. A start that ends at a word's end
    (:data:`WORD_END`), or with punctuation after its last word, is whole words."""
    body = start.lstrip(WORD_START)
    if body.endswith(WORD_END):
        body = body[:-1] + " "
    if _PLAIN_PATH.fullmatch(body):  # words and single spaces: the common case, read fast
        if body.endswith(" "):
            return tuple(body[:-1].split(" ")), None
        *whole, last = body.rstrip("'’").split(" ")
        return tuple(whole), last
    words = list(_TOKEN.finditer(body))
    if not words or words[0].start() != 0:
        return None
    final = words[-1]
    if body[final.end() :].strip("'’"):
        return tuple(w.group() for w in words), None  # the last word ends inside the start
    return tuple(w.group() for w in words[:-1]), final.group()


#: Distinct words remembered at the root, and after any other word (bounds on memory for
#: huge vocabularies: the root sees every word, a node only the words that follow it).
_ROOT_MEMO = 200_000
_NODE_MEMO = 4096


class _Node:
    """A word of the word trie: the patterns whose start ends here, the words that may
    follow, the prefixes the next word may start with (by their first characters), and
    the starts that end with the next word at a word's end."""

    __slots__ = ("ends", "follow", "lengths", "owners", "prefixes", "words")

    def __init__(self, memo: int = _NODE_MEMO) -> None:
        self.owners: dict[int, tuple[int, ...]] = {}
        self.words: dict[str, _Node] = {}
        self.prefixes: dict[str, list[tuple[str, Owners]]] = {}
        self.lengths: tuple[int, ...] = ()
        #: Per word, the owners of the starts that end with it at a word's end, for a
        #: word of the scan that an apostrophe continues ("u" in "u'll"; the word alone
        #: is a node of its own).
        self.ends: dict[str, list[Owners]] = {}
        #: Each word seen after this node, mapped to where it leads (:meth:`_step`): most
        #: steps of the walk are one C-level dict hit.
        self.follow: Memo[str, _Step | None] = Memo(self._step, memo)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled (the prefilter's index in the rule cache) as its words, owners and
        prefixes, without the memo: read back with one call instead of the generic path
        for objects with slots, which costs more than the rest of loading the trie."""
        return _node, (self.owners, self.words, self.prefixes, self.lengths, self.ends, self.follow.size)

    def _step(self, word: str) -> _Step | None:
        """Where ``word`` leads from here: the patterns (each with its branches) whose
        start ends with it (a whole word, a prefix of it, or the part before an
        apostrophe in it), and the node of the word itself when more words may follow;
        None when it leads nowhere. Everything a walk records at a word is in one tuple,
        worked out once per word after this node."""
        # (written out, without generators: it runs for every new word after a node)
        owners: list[tuple[int, tuple[int, ...]]] = []
        prefixes = self.prefixes
        if prefixes:
            for size in self.lengths:
                listed = prefixes.get(word[:size])
                if listed:
                    for prefix, found in listed:
                        if word.startswith(prefix):
                            owners += found
        if self.ends and ("'" in word or "’" in word):
            for apostrophe in _APOSTROPHE.finditer(word):
                for found in self.ends.get(word[: apostrophe.start()], ()):
                    owners += found
        child = self.words.get(word)
        if child is not None:
            owners += child.owners.items()
            if not (child.words or child.prefixes or child.ends):
                child = None  # (a leaf: no start goes on from it)
        return (tuple(owners), child) if owners or child is not None else None

    def add_prefix(self, prefix: str, owners: Owners) -> None:
        key = prefix[:_KEY]
        self.prefixes.setdefault(key, []).append((prefix, owners))
        if len(key) not in self.lengths:
            self.lengths = tuple(sorted({*self.lengths, len(key)}))


#: Characters of a prefix that index it (a word is looked up by its first 1..3).
_KEY = 3


_APOSTROPHE = re.compile("['’]")


def _node(owners: dict[int, tuple[int, ...]], words: dict[str, _Node], prefixes: dict[str, list[tuple[str, Owners]]],
          lengths: tuple[int, ...], ends: dict[str, list[Owners]], memo: int) -> _Node:
    """A node of the word trie as :meth:`_Node.__reduce__` pickled it."""
    node = _Node(memo)
    node.owners, node.words, node.prefixes, node.lengths, node.ends = owners, words, prefixes, lengths, ends
    return node


#: Where a word leads from a node of the word trie: the patterns, each with its branches,
#: whose start ends with the word, and the trie node of the word itself when more words
#: may follow (None when none may).
_Step = tuple[Owners, "_Node | None"]


class WordTrie:
    """The starts that begin a word, as a trie of words.

    The folded text is split into words once (one C-level split); the words that can
    begin a start are picked out by one dict lookup per word, mapped over the whole
    list in C, and only there is the trie walked in Python, a word at a time, each step
    one more lookup. Cost grows with the number of words, and a common first word
    ("please", "we") costs a dict lookup per following word, not a regex branch per
    character.
    """

    def __init__(self) -> None:
        self.root = _Node(_ROOT_MEMO)

    def add(self, start: str, pid: int, branches: tuple[int, ...]) -> bool:
        """Add a start of pattern ``pid`` (with the branches it starts); False when it is
        no start for this trie (see :func:`word_path`)."""
        path = word_path(start) if start.startswith(WORD_START) else None
        if path is None:
            return False
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
        if start.endswith(WORD_END):
            # The last word may be followed by an apostrophe, which joins what follows
            # into one word of the scan ("u" in "u'll"): the node before it knows.
            visited[-2].ends.setdefault(words[-1], []).append(((pid, branches),))
        if prefix is None:
            known = node.owners.get(pid)
            node.owners[pid] = branches if known is None else tuple(sorted({*known, *branches}))
        else:
            node.add_prefix(prefix, ((pid, branches),))
        return True

    def collect(self, folded: str, found: Found) -> bool:
        """Add the starts standing in ``folded`` to ``found``; True if there were any.

        A long text is read in pieces that end at whitespace, each with the words that
        follow it (no start spans more words than it has characters), so the word lists
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
            for tail_word in islice(_TOKEN.finditer(folded, end), MAX_START):
                tail = tail_word.end()
            hit |= self._collect(folded[start:tail], start, end - start, found)
            start = end
        return hit

    def _collect(self, folded: str, offset: int, limit: int, found: Found) -> bool:
        """:meth:`collect` for the starts that stand before ``limit`` in a piece of text
        that starts at ``offset``."""
        words, starts = _split(folded)
        follow = self.root.follow
        infos = list(map(follow.__getitem__, words))
        hits = list(compress(count(), infos))
        tails = self._tails(folded)
        if not hits and not tails:
            return False
        # (each hit as (start, step, index of the next word), put together at C speed)
        _walk(found, zip(map(starts.__getitem__, map((2).__mul__, hits)), map(infos.__getitem__, hits),
                         map((1).__add__, hits)), words, offset, limit)
        if tails:
            more: Found = {}
            # (a tail is part of word k, where part 2k + 1 of the split stands)
            _walk(more, ((start, step, (bisect_right(starts, start) - 1) // 2 + 1) for start, step in tails),
                  words, offset, limit)
            for pid, extra in more.items():  # (each list is in start order)
                known = found.get(pid)
                found[pid] = extra if known is None else sorted(known + extra)
        return True

    def _tails(self, folded: str) -> list[tuple[int, _Step]]:
        """Where a tail of a word that may begin a start stands, with its step from the
        root, in text order. The distinct tails are few ("s", "t", "ll", "re") and rarely
        begin one, so they are looked up before any position is."""
        follow = self.root.follow
        found: list[tuple[int, _Step]] = []
        for apostrophe, tails in _TAILS:
            if apostrophe in folded:
                steps = {t: step for t in set(tails.findall(folded)) if (step := follow[t]) is not None}
                if steps:
                    found += [(m.end(), steps[m.group(1)]) for m in tails.finditer(folded) if m.group(1) in steps]
        return sorted(found, key=lambda hit: hit[0]) if len(found) > 1 else found


#: The last text split into words, its words, and where each part of the split ends.
_last: tuple[str, list[str], list[int]] = ("", [], [0])


def _split(folded: str) -> tuple[list[str], list[int]]:
    """The words of ``folded``, and where each part of its split ends (word k starts where
    part 2k ends); remembered for the last text, which the second scan of a reply (the
    patterns consulted after a first match, :data:`~cslint.prefilter.index.LATER`) splits
    again."""
    global _last
    last = _last  # (one read: another thread may split another text meanwhile)
    if last[0] != folded:
        parts = _TOKENS.split(folded)
        last = _last = (folded, parts[1::2], list(accumulate(map(len, parts))))
    return last[1], last[2]


def _walk(found: Found, places: Iterable[tuple[int, _Step | None, int]], words: list[str], offset: int,
          limit: int) -> None:
    """For each place (in text order, before ``limit``), record the starts that begin
    there (``offset`` on) with the word whose step from the root is given, followed by
    the words from the index given on."""
    total = len(words)
    for start, step, j in places:
        if start >= limit:
            break  # the next piece of a long text starts here
        start += offset
        while step is not None:
            owners, node = step
            record(found, start, owners)
            if node is None or j == total:
                break
            step = node.follow[words[j]]
            j += 1
