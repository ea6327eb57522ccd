r"""Where a branch without a start may match: right after what its look-behind ends with.

A branch whose first word may be any word (CS401's "we'll check with the team and get
back to you": ``(?<=... will )(?:\w+ ){1,5}and then get back to you``) has no literal
start, so the scan cannot say where it may match, and it used to be tried at every place
of a text (the regex module reading its look-behind at each). When a look-behind comes
first and ends with known literals (:func:`~cslint.prefilter.literals.behind`: "'ll ",
" will ", " going to ", ...), the branch can only match right after one of them. Those
places are found by one standard-library search of the folded text turned round, where
each ending becomes a start (shared beginnings written once), so the engine skips at C
speed to the characters that can end one; the branch is then tried only there. A branch
that cannot open with whitespace (its first word, "(?:\w+\s+)?(?:as|since)") is not tried
inside a run of it either: after a full stop and a run of blanks, only where the run ends.
"""
from __future__ import annotations

import re

from .literals import LINE_BREAK, LINE_START

#: A run of whitespace (the standard library's ``\s`` holds every character that the
#: regex module's does, and four separators more).
_RUN = re.compile(r"\s+")
#: What the marks of an ending stand for in the text turned round: the start of a line
#: is a line break or the start of the text (a mark put after the turned text); ``^``
#: may be in multi-line mode, so every line break counts.
_MARKS = {
    " ": r"\s+",
    LINE_START: "(?:" + re.escape(LINE_START) + r"|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])",
    LINE_BREAK: r"\n",
}


class Behind:
    """The places where one of a set of endings (read from a look-behind) ends in a text."""

    __slots__ = ("_bare", "_last", "_runs", "_search", "_solid")

    def __init__(self, endings: frozenset[str], solid: bool = False) -> None:
        """``solid``: the places are those of a branch that cannot open with whitespace
        (:func:`~cslint.prefilter.literals.opens_blank`), so none where whitespace stands."""
        self._solid = solid
        cores = set()
        #: Whether some ending closes with a run of whitespace (then every place inside
        #: or after the run that follows its other characters is one), and whether some
        #: does not (then the place right after it is one).
        self._runs = self._bare = False
        for ending in endings:
            if ending.endswith(" "):
                self._runs = True
                ending = ending[:-1]
            else:
                self._bare = True
            cores.add(ending[::-1])
        self._search = re.compile(_trie(sorted(cores))).search
        self._last: tuple[str, list[int]] = ("", [])

    def places(self, folded: str) -> list[int]:
        """Each place in ``folded`` (a text as :func:`~cslint.prefilter.literals.fold`
        reads it) right after one of the endings, in order."""
        last = self._last
        if last[0] == folded and folded:
            return last[1]
        size = len(folded)
        turned = folded[::-1] + LINE_START
        search = self._search
        found: list[int] = []
        solid = self._solid
        m = search(turned)
        while m is not None:
            start = m.start()  # (one place per start in the turned text: the endings found there end at the same place)
            end = size - start
            run = _RUN.match(folded, end) if self._runs or solid else None
            if self._bare and not (solid and run is not None):
                found.append(end)
            if self._runs and run is not None:
                if solid:
                    found.append(run.end())
                else:
                    found.extend(range(end + 1, run.end() + 1))
            m = search(turned, start + 1)
        # (Places after a run follow whitespace, the others do not: none comes twice.)
        if self._runs:
            found.sort()
        else:
            found.reverse()
        self._last = (folded, found)
        return found


def _trie(strings: list[str]) -> str:
    """One pattern that matches where one of ``strings`` (none empty) starts, beginnings
    that they share written once; a string that another begins with stands for both."""
    if "" in strings:
        return ""
    by_first: dict[str, list[str]] = {}
    for s in strings:
        by_first.setdefault(s[0], []).append(s[1:])
    parts = [_MARKS.get(ch) or re.escape(ch) for ch in by_first]
    parts = [head + _trie(rest) for head, rest in zip(parts, by_first.values())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
