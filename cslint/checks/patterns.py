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
from ..schema import shown
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


def validate_entry(entry: str, written: str | None = None) -> str | None:
    """The reason an entry is not a valid pattern, or None when it compiles. The reason
    names the entry as the author wrote it (``written``, where ``entry`` stands in for it
    with the same length) and places an error in it, not in the expression it becomes.

    >>> validate_entry("please  (see")
    "invalid pattern 'please  (see': missing ) at position 12"
    """
    author = shown(entry if written is None else written)
    if not entry.strip():
        return "an empty phrase matches everywhere"
    from ..prefilter.phraseset import is_plain

    if is_plain(entry):
        return None  # words, spaces and apostrophes always compile (fast path for long lists)
    size = _written_out(entry)
    if size > MAX_PATTERN_SIZE:
        return f"pattern {author} is too large: its repeats written out make {size:,} items (at most {MAX_PATTERN_SIZE:,})"
    try:
        compiled = regex.compile(entry_regex(entry))
    except regex.error as exc:
        position: int | None = getattr(exc, "pos", None)  # (regex's errors carry it; its stubs do not say so)
        where = f" at position {_place(entry, position)}" if position is not None else ""
        return f"invalid pattern {author}: {getattr(exc, 'msg', str(exc))}{where}"
    if compiled.match(""):
        return f"pattern {author} matches the empty string"
    dead = _apostrophe_opening(entry)
    if dead is not None:
        return (f"pattern {author}: its alternative {shown(dead)} can never match, as an entry that"
                " opens with a group starts at the start of a word; write the word it follows"
                " (\"that's\", \"\\w+'ll\")")
    return None


def _apostrophe_opening(entry: str) -> str | None:
    """An alternative of the group an entry opens with that starts with an apostrophe
    ("(?:is|'s) expected"): the entry's word boundary comes before it, so it needs a
    word character before it and a non-word one at once, and never matches.

    >>> _apostrophe_opening("(?:is|are|'s) expected"), _apostrophe_opening("(?:it|that)'s fine")
    ("'s", None)
    >>> _apostrophe_opening("(?:[|)]x|'s) fine")
    "'s"
    """
    if not entry.startswith("(") or entry.startswith(("(?=", "(?!", "(?<")):
        return None
    i = entry.find(":") + 1 if entry.startswith("(?:") else 1
    depth, begin = 0, i
    while i < len(entry):
        ch = entry[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a set's "|" and ")" are characters, not the group's
            i += 2 if entry.startswith("[^", i) else 1
            i += entry.startswith("]", i)  # (a "]" first in a set is one of its characters)
            while i < len(entry) and entry[i] != "]":
                i += 2 if entry[i] == "\\" else 1
            i += 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth == 0 and ch in "|)":
            if entry[begin : begin + 1] in _APOSTROPHES or entry.startswith(("['", "[’"), begin):
                return entry[begin:i]
            if ch == ")":
                return None
            begin = i + 1
        i += 1
    return None


#: How large an entry may be once its counted repeats are written out. The regex module
#: copies an item repeated ``{n}`` times n times when it compiles the pattern, so
#: 'a{1000000000}' ran out of memory; a repeat range's upper bound counts too, as at
#: matching time it is as long.
MAX_PATTERN_SIZE = 100_000
_REPEAT = regex.compile(r"\{(\d*)(?:,(\d*))?\}")


def _written_out(entry: str) -> int:
    """About how many items (characters, classes and group marks) an entry holds with its
    repeats written out: each counted repeat multiplies the item before it (a character, a
    class or a group) by its largest count; an alternation adds its branches.

    >>> _written_out("you (?:should|must) have"), _written_out("(?:ab{3}){1000}"), _written_out("a{2,}")
    (22, 6000, 2)
    """
    groups = [0]  # the size so far of each open group
    last = 0  # the size of the last item, which a repeat multiplies
    i, n = 0, len(entry)
    while i < n:
        ch = entry[i]
        repeat = _REPEAT.match(entry, i) if ch == "{" else None
        if repeat is not None and (repeat.group(1) or repeat.group(2)):
            counts = [int(c) for c in repeat.groups() if c]
            groups[-1] += last * (max(counts) - 1)
            last *= max(counts)
            i = repeat.end()
            continue
        if ch == "(":
            groups.append(0)
            i += 1
            continue
        if ch == ")" and len(groups) > 1:
            last = max(groups.pop(), 1)
        elif ch == "[":  # a class is one item: skip to its end
            j = i + 1 + (entry[i + 1 : i + 2] == "^")
            j += entry[j : j + 1] == "]"
            while j < n and entry[j] != "]":
                j += 2 if entry[j] == "\\" else 1
            i, last = j, 1
        else:
            if ch == "\\":
                i += 1
            last = 1
        groups[-1] += last
        i += 1
    return sum(groups)


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
    key = (tuple(entries), ignorecase, word_boundaries)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = build(entries)
    return found


#: The patterns compiled so far, by entries and options: rules that share a list (the
#: apology and empathy classes several rules require) share one pattern, which is
#: pickled once in the rule cache, joins an index once and compiles its branches once.
#: (A pattern is never changed once built; what it learns, compiled branches and the
#: index it joined, holds for every rule that uses it.)
_COMPILED: dict[tuple[tuple[str, ...], bool, bool], PrefilteredPattern] = {}


def finditer(pattern: Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
    """Matches with a time limit, so that a catastrophically backtracking pattern in a
    careless rule file cannot hang a run (the caller reports the ``TimeoutError``; see
    :mod:`cslint.runtime.timelimit`)."""
    return pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=timelimit.per_call(len(text)))


def search(pattern: Pattern, text: str) -> regex.Match[str] | None:
    """First match, with the same time limit as :func:`finditer`."""
    return pattern.search(text, timeout=timelimit.per_call(len(text)))
