"""``near-duplicate``: two macros of a library whose bodies are nearly the same.

A library grown by many hands holds copies of one reply with a word changed; each copy is
edited (or forgotten) on its own, and customers get the stale one. The rule reports each
such macro once, naming the earlier macro it nearly repeats, so the two can be merged.

Similarity is the Jaccard index of the macros' word shingles (runs of ``shingle-words``
words, placeholders and links blanked). The pairs at or above ``similarity`` are found
exactly, without comparing every pair, by prefix filtering (Bayardo, Ma and Srikant,
"Scaling up all pairs similarity search", WWW 2007): with the shingles of every macro
ordered from the rarest in the library to the commonest, two sets of Jaccard index ``t``
or more share a shingle among the first ``n - ceil(t * n) + 1`` of the larger one's ``n``
(and of the smaller one's own such prefix), so only macros sharing a rare shingle are
compared at all. With a high threshold those prefixes are short, and most macros meet no
candidate. Macros with the very same shingles are grouped first, so a hundred copies of a
reply cost one comparison, not five thousand.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import regex

from ..engine.masking import Prose
from .base import Key
from .library import LibraryCheck, Observation, Observed, Verdict

#: A word, with the signs that make a name of it ("C++", "C#" are not "C").
_WORD = regex.compile(r"\w+[+#]*")


class NearDuplicate(LibraryCheck):
    type_name = "near-duplicate"
    keys = {
        "similarity": Key("number", default=0.9,
                          help="report two macros whose shingles have at least this Jaccard index (0 to 1)"),
        "shingle-words": Key("int", default=3, help="words per shingle"),
        "min-words": Key("int", default=10, help="macros with fewer words are not compared"),
    }
    message_fields = frozenset({"match", "other", "similarity"})

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if not 0 < options["similarity"] <= 1:
            return "'similarity' must be above 0 and at most 1"
        if options["shingle-words"] < 1:
            return "'shingle-words' must be 1 or more"
        return None

    def observe(self, prose: Prose) -> Iterable[Observation]:
        words = _WORD.findall(prose.text.lower())
        if len(words) < max(1, self.options["min-words"]):
            return ()
        shown = prose.raw or prose.text  # the body as written, from its first to its last character
        start = len(shown) - len(shown.lstrip())
        return (Observation(start, len(shown.rstrip()), " ".join(words)),)

    def judge(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        return self.judge_gathered(observed, self.gather([o.value for o in observed], None))

    def gather(self, values: Sequence[Any], gathered: _Shingled | None) -> _Shingled:
        """The macros' shingles, the first of each set of them (the same shingles: a copy),
        and in how many of those first sets each shingle stands: what judging takes longest
        over, worked out file by file as they come in (see :meth:`LibraryCheck.gather`)."""
        shingled = gathered or _Shingled()
        sets, first_of = shingled.sets, shingled.first_of
        for s in _shingles(values, self.options["shingle-words"]):
            if first_of.setdefault(s, len(sets)) == len(sets):
                shingled.frequency.update(s)
            sets.append(s)
        return shingled

    def judge_gathered(self, observed: Sequence[Observed], gathered: _Shingled) -> Iterator[Verdict]:
        threshold = float(self.options["similarity"])
        sets, first_of = gathered.sets, gathered.first_of
        # identical shingles: each later copy repeats the first
        best: dict[int, tuple[float, int]] = {}
        for i, s in enumerate(sets):
            j = first_of[s]
            if j != i:
                best[i] = (1.0, j)
        heads = sorted(first_of.values())
        for a, b, similarity in _similar_pairs([sets[i] for i in heads], threshold, gathered.frequency):
            early, late = sorted((heads[a], heads[b]))
            if late not in best or similarity > best[late][0]:
                best[late] = (similarity, early)
        for i in sorted(best):
            similarity, j = best[i]
            yield Verdict(i, {"match": "", "other": observed[j].where(), "similarity": math.floor(similarity * 100)}, (j,))


def _shingles(bodies: Sequence[str], size: int) -> list[frozenset[int]]:
    """Each body's shingles, as hashes of its runs of ``size`` words (Python's hash of a
    tuple of strings: the same in this process for the same run, and the whole library
    is judged in one process; a collision between two of a library's runs is as likely
    as two equal 64-bit random numbers)."""
    out = []
    for body in bodies:
        words = body.split()
        runs = zip(*(words[k:] for k in range(size))) if len(words) >= size else (tuple(words),)
        out.append(frozenset(map(hash, runs)))
    return out


class _Shingled:
    """What :meth:`NearDuplicate.gather` keeps: each macro's shingles, in order; where
    each set of shingles first stands; and in how many of those first sets each shingle
    stands."""

    __slots__ = ("first_of", "frequency", "sets")

    def __init__(self) -> None:
        self.sets: list[frozenset[int]] = []
        self.first_of: dict[frozenset[int], int] = {}
        self.frequency: Counter[int] = Counter()


def _similar_pairs(sets: Sequence[frozenset[int]], threshold: float,
                   frequency: Counter[int]) -> Iterator[tuple[int, int, float]]:
    """The pairs of ``sets`` whose Jaccard index is ``threshold`` or more (indices into
    ``sets``, and the index), by prefix filtering (see the module docstring);
    ``frequency`` counts in how many of the sets each shingle stands.

    The global order is the rarest shingle first, ties broken by the shingle itself. A
    shingle of one set only can hold no pair, and it comes before every shared one: a set
    whose prefix holds no shared shingle (most sets, in a library without copies) is
    neither looked up nor indexed, and costs one set intersection in C, not a sort."""
    order = sorted(token for token, n in frequency.items() if n > 1)
    order.sort(key=frequency.__getitem__)  # (stable: equal rarity stays in shingle order)
    rank = {token: place for place, token in enumerate(order)}
    shared = set(order)
    del order
    sizes = [len(s) for s in sets]
    prefixes: list[list[int]] = []
    for s, size in zip(sets, sizes):
        others = s & shared
        length = size - math.ceil(threshold * size - 1e-9) + 1 - (size - len(others))  # (its own shingles come first)
        prefixes.append(sorted(others, key=rank.__getitem__)[:length] if length > 0 else [])
    del rank, shared
    index: dict[int, list[int]] = {}
    for x in sorted(range(len(sets)), key=sizes.__getitem__):  # smaller sets are indexed first
        prefix = prefixes[x]
        if not prefix:
            continue
        size, mine = sizes[x], sets[x]
        least = threshold * size
        seen: set[int] = set()
        for token in prefix:
            for y in index.get(token, ()):
                if y in seen or sizes[y] < least:
                    continue
                seen.add(y)
                both = len(mine & sets[y])
                similarity = both / (size + sizes[y] - both)
                if similarity >= threshold:
                    yield y, x, similarity
        for token in prefix:
            index.setdefault(token, []).append(x)
