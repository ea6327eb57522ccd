r"""Branches that open with a run of any characters but a few: where they match, found
from where the rest of them matches.

An exception that covers a whole sentence holding a phrase ("... as you requested ...")
is written ``[^.!?\n]*\b(?:as\s+you\s+requested|...)\b[^.!?\n]*``. It has no start, so
its places are found by trying it at every place of a window, and the ``regex`` module
reads the run to the end of the sentence and back at each of them: time growing with the
window times the sentence (some 600 µs for each of CS304's exceptions consulted in a
macro). The branch matches at a place exactly when the place may open it (its
look-behind) and the rest of it (what follows the run) matches somewhere between that
place and the first character the run may not hold. So the rest is looked for once, at
C speed, and the places are read off from where it matches: those that reach one of its
matches without crossing a character the run may not hold.
"""
from __future__ import annotations

import re

import regex

from .literals import BACKREFERENCE

try:  # the stdlib parser, only to check that the run opens a plain sequence
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None  # type: ignore[assignment]

#: A branch as a phrase entry becomes one (``(?<!\w)(?:ENTRY)(?!\w)``, the word
#: boundaries optional) whose entry opens with a greedy run of a negated set.
_SHAPE = re.compile(r"(?P<head>(?:\(\?<!\\w\))?)\(\?:(?P<run>\[\^(?:[^\]\\\[]|\\.)+\]\*)(?![?+])(?P<rest>.+?)\)"
                    r"(?P<tail>(?:\(\?!\\w\))?)", re.S)
#: Syntax that the stdlib parser reads differently from the regex module or not at all,
#: and ``\G`` (where the search started), which would tie the rest to the place.
_UNREAD = re.compile(r"\\[pPGXN]|\[\[|\[:|\{(?!\d*,?\d*\})|\(\?[|>]")


class Opener:
    """The places in a window where a branch ``HEAD(?:[^S]*REST)TAIL`` matches."""

    __slots__ = ("_head", "_rest", "_stop")

    def __init__(self, head: str, run: str, rest: str, tail: str, flags: int) -> None:
        #: Where the branch may open (its look-behind), None when anywhere.
        self._head = regex.compile(head, flags) if head else None
        #: What follows the run, with what follows the branch.
        self._rest = regex.compile(f"(?:{rest}){tail}", flags)
        #: A character the run may not hold (read by the regex module, with its flags).
        self._stop = regex.compile(f"(?!{run[:-1]})(?s:.)", flags)

    def places(self, text: str, pos: int, end: int, timeout: float | None) -> list[int]:
        """Every place from ``pos`` to ``end`` where the branch matches (as an overlapped
        search of the branch from ``pos`` to ``end`` finds them), in order."""
        found: list[int] = []
        low = pos  # (places before it were given already)
        for m in self._rest.finditer(text, pos, end, overlapped=True, timeout=timeout):
            q = m.start()
            # The run reaches q from every place after the last character it may not hold.
            first = low
            for stop in self._stop.finditer(text, low, q, timeout=timeout):
                first = stop.end()
            if self._head is None:
                found += range(first, q + 1)
            else:
                # (q too: an empty match stands at the end of the window)
                found += [h.start() for h in self._head.finditer(text, first, q, timeout=timeout)]
            low = q + 1
        return found


def opener(branch: str, flags: int) -> Opener | None:
    """The branch as an :class:`Opener`, or None when it is not of that shape (or holds
    syntax that could make the rest mean something else alone)."""
    shape = _SHAPE.fullmatch(branch)
    if shape is None or _parser is None or BACKREFERENCE.search(branch) or _UNREAD.search(branch):
        return None
    run, rest = shape["run"], shape["rest"]
    try:
        whole, first, after = (_parser.parse(s) for s in (run + rest, run, rest))
    except (re.error, RecursionError):
        return None
    if repr(whole) != repr([*first, *after]) or len(first) != 1:
        return None  # the run does not open a sequence of the whole entry ("[^.]*a|b")
    try:
        return Opener(shape["head"], run, rest, shape["tail"], flags)
    except regex.error:
        return None
