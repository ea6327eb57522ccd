"""Turn the phrase entries of a rule file into compiled patterns.

Rule authors write phrases the way they read ("as I said", "can't"), and may use regular
expression syntax where a phrase family needs it ("you (?:should|must) have"). Each entry
is a regular expression with three conveniences, so that plain phrases just work:

* a space matches any run of whitespace, including a line break, and an optional space
  (" ?") any run of whitespace or none ("did ?n't" matches "didn't" and "did n't");
* an apostrophe matches both the straight (') and the typographic (’) form, also inside
  a character class ("n[o']t");
* an entry that starts (ends) with a letter, digit, group or class only matches at the
  start (end) of a word, so "ur" does not match inside "your".
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

import regex

from ..prefilter.pattern import PrefilteredPattern
from ..runtime import timelimit

_APOSTROPHES = "'’"


class Pattern(Protocol):
    """What a rule's compiled entries offer (:meth:`cslint.checks.Check.compile`): the part
    of :class:`regex.Pattern` that rule types use, with the same results. A compiled
    ``regex`` pattern is one too."""

    def finditer(self, text: str, pos: int = ..., endpos: int | None = ..., *,
                 timeout: float | None = ...) -> Iterator[regex.Match[str]]: ...

    def search(self, text: str, pos: int = ..., endpos: int | None = ..., *,
               timeout: float | None = ...) -> regex.Match[str] | None: ...

    def match(self, text: str, pos: int = ..., endpos: int | None = ..., *,
              timeout: float | None = ...) -> regex.Match[str] | None: ...

    def fullmatch(self, text: str, pos: int = ..., endpos: int | None = ..., *,
                  timeout: float | None = ...) -> regex.Match[str] | None: ...


def _convert(entry: str) -> str:
    """Apply the space and apostrophe conveniences outside character classes."""
    return "".join(_converted(entry)[0])


def _converted(entry: str) -> tuple[list[str], list[int]]:
    """The pieces :func:`_convert` joins, and the index in ``entry`` each comes from (so
    an error in the regular expression is placed in what the author wrote)."""
    out: list[str] = []
    origin: list[int] = []
    in_class = False
    escaped = False
    optional = False
    for i, ch in enumerate(entry):
        piece: str | None = ch
        if optional:
            optional = False  # the "?" of " ?", already turned into \s*
            piece = None
        elif escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            piece = _APOSTROPHES if ch in _APOSTROPHES else ch
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
        elif ch == " " and entry[i + 1 : i + 2] == "?":
            piece = r"\s*"
            optional = True
        elif ch == " ":
            piece = None if out and out[-1] == r"\s+" else r"\s+"
        elif ch in _APOSTROPHES:
            piece = "['’]"
        if piece is not None:
            out.append(piece)
            origin.append(i)
    return out, origin


def _place(entry: str, position: int) -> int:
    """Where in ``entry`` the character at ``position`` of :func:`entry_regex` comes from."""
    stripped = entry.strip(" ")
    lead = len(entry) - len(entry.lstrip(" "))
    pieces, origin = _converted(stripped)
    at = position - entry_regex(entry).index("(?:") - 3
    for piece, i in zip(pieces, origin):
        if at < len(piece):
            return lead + i
        at -= len(piece)
    return len(entry)


def _opens_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_([\\"


def entry_regex(entry: str, *, word_boundaries: bool = True) -> str:
    """The regular expression for one phrase entry (see the module docstring).

    >>> entry_regex("can't wait")
    "(?<!\\\\w)(?:can['’]t\\\\s+wait)(?!\\\\w)"
    >>> entry_regex("!!")
    '(?:!!)'
    """
    body = _convert(entry.strip(" "))
    start = r"(?<!\w)" if word_boundaries and _opens_word(entry[:1]) else ""
    last = entry.rstrip(" ")[-1:]
    end = r"(?!\w)" if word_boundaries and (last.isalnum() or last in "_)]?*+}") else ""
    return f"{start}(?:{body}){end}"


def validate_entry(entry: str, shown: str | None = None) -> str | None:
    """The reason an entry is not a valid pattern, or None when it compiles. The reason
    names the entry as the author wrote it (``shown``, where ``entry`` stands in for it
    with the same length) and places an error in it, not in the expression it becomes.

    >>> validate_entry("please  (see")
    "invalid pattern 'please  (see': missing ) at position 12"
    """
    shown = entry if shown is None else shown
    if not entry.strip():
        return "an empty phrase matches everywhere"
    from ..prefilter.phraseset import is_plain

    if is_plain(entry):
        return None  # words, spaces and apostrophes always compile (fast path for long lists)
    try:
        compiled = regex.compile(entry_regex(entry))
    except regex.error as exc:
        position: int | None = getattr(exc, "pos", None)  # (regex's errors carry it; its stubs do not say so)
        where = f" at position {_place(entry, position)}" if position is not None else ""
        return f"invalid pattern {shown!r}: {getattr(exc, 'msg', str(exc))}{where}"
    if compiled.match(""):
        return f"pattern {shown!r} matches the empty string"
    return None


#: From this many plain phrases on, a rule's list is indexed by first word (see
#: :mod:`cslint.prefilter.phraseset`) instead of compiled into one alternation.
PHRASE_SET_THRESHOLD = 500


def compile_entries(entries: Sequence[str], *, ignorecase: bool = True, word_boundaries: bool = True) -> Pattern:
    """One pattern matching any entry; longer entries are tried first so that
    "sorry for any inconvenience" wins over "sorry".

    It is the alternation of the entries behind the prefilter
    (:class:`~cslint.prefilter.pattern.PrefilteredPattern`); very long lists of plain
    phrases come back as a :class:`~cslint.prefilter.phraseset.PhraseSet`. Both match
    exactly what the alternation matches.
    """
    def build(chosen: Sequence[str]) -> PrefilteredPattern:
        ordered = sorted(chosen, key=len, reverse=True)
        flags = regex.IGNORECASE if ignorecase else 0
        branches = [entry_regex(e, word_boundaries=word_boundaries) for e in ordered]
        return PrefilteredPattern.from_branches(branches, flags)

    if word_boundaries and len(entries) >= PHRASE_SET_THRESHOLD:
        from ..prefilter.phraseset import PhraseSet, is_plain

        if sum(map(is_plain, entries)) >= PHRASE_SET_THRESHOLD:
            return PhraseSet(entries, build, ignorecase)
    return build(entries)


def finditer(pattern: Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """Matches with a time limit, so that a catastrophically backtracking pattern in a
    careless rule file cannot hang a run (the caller reports the ``TimeoutError``; see
    :mod:`cslint.runtime.timelimit`)."""
    return pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=timelimit.per_call())


def search(pattern: Pattern, text: str) -> regex.Match[str] | None:
    """First match, with the same time limit as :func:`finditer`."""
    return pattern.search(text, timeout=timelimit.per_call())
