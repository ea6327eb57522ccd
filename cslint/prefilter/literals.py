"""What every match of a pattern starts with and what it holds, read from its source.

The prefilter knows regular expressions only: from a pattern's source it reads the
lower-cased literal *starts* (anchors) that every match begins with, ``' '`` standing for
a run of whitespace and a leading ``\x00`` for "at the start of a word", and the
*factors*, literals one of which every match contains; for a branch with no start, the
*endings* of a look-behind that comes first (:func:`behind`). All are read with the
standard library's parser of regular expressions; syntax it would read differently from
the ``regex`` module, or does not know, gives none of them (the pattern is then read in
full, as without a prefilter). They only ever allow more places than a pattern can
match, never fewer: a start or an ending is only a place to try, and a text without any
factor cannot hold a match. :func:`fold` is how a text is read to look for them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

try:  # the stdlib parser, only to read literal prefixes; a missing one means "no starts"
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None  # type: ignore[assignment]

#: Longest start kept (characters); longer prefixes add little selectivity.
MAX_START = 12
#: Most prefixes one pattern may expand to (alternations multiply them).
_MAX_PREFIXES = 128
#: Non-ASCII characters that may stand in a start: they have no case, so lower-casing
#: the text leaves them alone and the regex engine matches them only as themselves
#: (typographic quotes and dashes; the full-width marks of East Asian text).
CASELESS = frozenset("’‘“”–—…！？")
#: Marks a start whose match starts a word (the phrase begins with ``(?<!\w)``).
WORD_START = "\x00"
#: Ends a start whose last word ends there: no word character follows it in a match
#: (``(?!\w)`` or ``\b`` after it), so "ass" is no start of "assist".
WORD_END = "\x01"
_NOT_AFTER_WORD = [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])] if _parser is not None else []
#: The characters a word of the scan is made of (:mod:`cslint.prefilter.wordtrie`).
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
#: Syntax the stdlib parser would read differently from the regex module (POSIX classes,
#: nested sets, fuzzy constraints): patterns using it get no starts. A backreference ties
#: a pattern's branches together, so they cannot be tried one by one.
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")
BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<|\(\?P>|\(\?&|\(\?R|\(\?\d")
#: Syntax only the regex module reads: a POSIX class ("[:alpha:]"; a set that merely starts
#: with a colon, "[:,.]", is plain), a nested set, or a brace that is no repeat count.
_FOREIGN = re.compile(r"(?:^|[^\\])(?:\\\\)*(?:\[:\^?[a-z]+:\]|\[\[|\{(?!\d*,?\d*\}))")  # not escaped: \{ is a brace


def fold(text: str) -> str:
    """The text lower-cased for the scan of starts, each character at its own offset.

    ``regex``'s case-insensitive matching pairs an ASCII letter with exactly these other
    characters (tests check every code point): its upper case, the Kelvin sign
    (lower-cased to ``k``), the long s, the dotted capital I (matched by a small i; its
    lower case is two characters long) and the dotless i (matched by a capital I). Each
    becomes the ASCII letter here, so a text holds a start wherever a pattern can match
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
    """The character as it stands in a start (whitespace becomes the run marker ' '),
    or None when it may not stand in one."""
    ch = chr(code)
    if ch.isspace():
        return " "
    if ch.isascii():
        return ch.lower()
    return ch if ch in CASELESS else None


def _add(head: str, ch: str) -> str:
    """Append a character; consecutive whitespace is one run."""
    if head.endswith(WORD_END):
        head = head[:-1]  # (what follows a word's end is no word character: it needs no mark)
    return head if ch == " " and head.endswith(" ") else head + ch


def _word_ends(item: Any) -> bool:
    """Whether a zero-width item says that no word character comes next: ``(?!\\w)``,
    ``\\b`` (after a word character), or a negative look-ahead of which one alternative
    is a class holding ``\\w`` (``(?![\\w@/]|\\.\\w)``)."""
    op, av = item
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    if op is not _c.ASSERT_NOT or av[0] != 1:
        return False
    data = list(av[1])
    alternatives = data[0][1][1] if len(data) == 1 and data[0][0] is _c.BRANCH else [data]
    return any(
        len(alt) == 1 and alt[0][0] is _c.IN and alt[0][1][:1] != [(_c.NEGATE, None)]
        and (_c.CATEGORY, _c.CATEGORY_WORD) in alt[0][1]
        for alt in alternatives
    )


def _ended(head: str) -> str:
    """``head`` marked as ending at a word's end, when its last character is one of a
    word's (a mark after punctuation would say nothing)."""
    return head + WORD_END if head[-1:] in _WORD_CHARS else head


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
        done = {h for h in heads if len(h) >= MAX_START}
        if done:
            closed |= done
            heads = heads - done
            if not heads:
                break
        grown: set[str] | None
        if (op is _c.ASSERT_NOT and av[0] == -1 and av[1].data == _NOT_AFTER_WORD) or (op is _c.AT and av is _c.AT_BOUNDARY):
            # (?<!\w) before the first character: the match starts a word. So does \b
            # before a word character; before any other, the start is read anywhere
            # (the word trie only reads starts that begin with a word at a word start).
            # After a word character, \b ends the word.
            heads = {(_ended(h) if op is _c.AT else h) if h else WORD_START for h in heads}
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            if _word_ends((op, av)):
                heads = {_ended(h) for h in heads}
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
                for _ in range(min(low, MAX_START)):
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
        started = all(h.lstrip(WORD_START) for h in heads)
        if grown is None or (started and len(grown) + len(closed) > _MAX_PREFIXES):
            closed |= heads
            heads = set()
        else:
            heads = grown
    return heads, closed


def prefixes(pattern: str) -> frozenset[str] | None:
    """The starts one of which every match of ``pattern`` begins with, or None when the
    pattern has none that are safe to rely on (then it is always scanned in full).

    >>> sorted(prefixes(r"(?<!\\w)(?:as\\s+I\\s+(?:already\\s+)?said)(?!\\w)"))
    ['\\x00as i alread', '\\x00as i said\\x01']
    >>> sorted(prefixes(r"(?<!\\w)(?:ass(?:es)?)(?!\\w)"))  # (whole words: not "assist")
    ['\\x00ass\\x01', '\\x00asses\\x01']
    >>> sorted(prefixes(r"(?:double|over)[- ]?charged\\b"))
    ['double charg', 'double-charg', 'doublecharge', 'over charged', 'over-charged', 'overcharged\\x01']
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
    if not found or any(not f.lstrip(WORD_START) or f.lstrip(WORD_START)[0] == " " for f in found):
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
                run.extend(ch * min(av[0], MAX_START))
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


def _read(pattern: str, read: Callable[[Any], frozenset[str] | None]) -> frozenset[str] | None:
    """What ``read`` finds in the parsed ``pattern``; None when the pattern holds what the
    parser does not know (it would read it wrongly) or cannot be parsed."""
    pattern = _PROPERTY.sub(r"\1\\w", pattern)
    if _parser is None or _FOREIGN.search(pattern):
        return None
    try:
        return read(_parser.parse(pattern))
    except (re.error, OverflowError, RecursionError):
        return None


def factors(pattern: str) -> frozenset[str] | None:
    """Strings one of which stands (lower-cased) in every text that ``pattern`` matches,
    or None when no string of three characters or more (two, if it holds a rare mark such as
    a brace) is certain.

    A branch whose factors are all missing from a reply cannot match there, however often
    its start (a common first word such as "is" or "the") stands in it.

    >>> sorted(factors(r"(?:is|was)\\s+(?:\\w+\\s+)?(?:broken|lost)"))
    ['broken', 'lost']
    >>> factors(r"\\w+ly") is None
    True
    >>> sorted(factors(r"(?:hi|hey)\\s+(?:\\{\\{\\s*name\\s*\\}\\}|%\\{name\\})"))
    ['%{name}', '{{']
    """
    return _read(pattern, _factor_set)


#: In an ending read from a look-behind (:func:`behind`): the start of the text or of a
#: line (``^``, ``\A``), and a line break (``\n``), which a run of whitespace (``' '``)
#: does not stand for: "after a full stop or a line break" is far rarer than "after a
#: space".
LINE_START = "\x02"
LINE_BREAK = "\x03"
_MARKS = frozenset(map(ord, LINE_START + LINE_BREAK))


def behind(pattern: str) -> frozenset[str] | None:
    r"""The endings one of which stands right before every match of ``pattern``, read from
    a look-behind that comes before its first character (or ``^``, ``\A``); None when
    there is none that is safe to rely on (an ending that may be empty, or mere
    whitespace, gives none).

    A pattern with no literal start of its own (its first word may be any word) can then
    be tried only where such an ending stands, instead of at every place in a text.
    Endings are lower-cased, at most :data:`MAX_START` characters long, with ``' '`` for a
    run of whitespace, :data:`LINE_START` and :data:`LINE_BREAK`; each ending that closes
    with ``' '`` may stand before any place inside or after its run.

    >>> sorted(behind(r"(?<!\w)(?<=\b(?:we|I) (?:will|shall) )(?:\w+ )?call you"))
    ['i shall ', 'i will ', 'we shall ', 'we will ']
    >>> sorted(behind(r"(?<=(?:^|[.!?]|\n)\s*)(?:\w+ )?as"))
    ['\x02', '\x02 ', '\x03', '\x03 ', '!', '! ', '.', '. ', '?', '? ']
    >>> sorted(behind(r"(?<!\w)\A\s*(?:and|but)"))  # (the start of a line stands for the start of the text)
    ['\x02']
    >>> behind(r"(?<=\s)\w+") is None
    True
    """
    return _read(pattern, _leading_behind)


def _leading_behind(seq: Any) -> frozenset[str] | None:
    """The endings of the first look-behind of a parsed sequence that has some, before the
    sequence's first character (None: none there)."""
    for op, av in seq:
        if op is _c.ASSERT and av[0] == -1:
            found = _endings(av[1])
            if found is not None:
                return found
        elif op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
            return frozenset([LINE_START])  # (as a look-behind of just that would)
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the match's first character is still ahead
        elif op is _c.SUBPATTERN:
            return _leading_behind(av[-1])
        elif op is _c.BRANCH:
            each = [_leading_behind(alternative) for alternative in av[1]]
            return None if None in each else frozenset().union(*each)  # type: ignore[arg-type]
        else:
            return None
    return None


def _endings(seq: Any) -> frozenset[str] | None:
    """What every match of a look-behind's parsed body ends with (see :func:`behind`): the
    starts of the body read backwards, turned round."""
    backwards = _reversed(seq)
    if backwards is None:
        return None
    heads, closed = _extend(backwards, {""})
    found = heads | closed
    if not found or any(not f.strip(" ") for f in found):
        return None  # an ending that may be empty, or whitespace alone, rules nothing out
    return frozenset(f[::-1] for f in found)


def _reversed(seq: Any) -> list[Any] | None:
    r"""A parsed sequence read from its end: its items in reverse order, each turned round,
    without lookarounds and boundaries (they only narrow what matches), ``^`` and ``\A``
    as :data:`LINE_START` and a line break as :data:`LINE_BREAK`; ``\s*`` is read as
    "nothing, or a run". None when the pattern holds a character used as a mark."""
    out: list[Any] = []
    for op, av in reversed(list(seq)):
        if op is _c.AT:
            if av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING):
                out.append((_c.LITERAL, ord(LINE_START)))
            continue
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.LITERAL:
            if av in _MARKS:
                return None
            out.append((op, ord(LINE_BREAK) if av == 10 else av))
        elif op is _c.IN:
            if any(o is _c.LITERAL and a in _MARKS for o, a in av):
                return None
            out.append((op, [(o, ord(LINE_BREAK)) if o is _c.LITERAL and a == 10 else (o, a) for o, a in av]))
        elif op is _c.SUBPATTERN:
            inner = _reversed(av[-1])
            if inner is None:
                return None
            out.append((op, (*av[:-1], inner)))
        elif op is _c.BRANCH:
            alternatives = [_reversed(alternative) for alternative in av[1]]
            if None in alternatives:
                return None
            out.append((op, (av[0], alternatives)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, item = av
            inner = _reversed(item)
            if inner is None:
                return None
            if low == 0 and high > 1 and len(inner) == 1 and _is_space(inner[0]):
                out.append((op, (0, 1, [(op, (1, high, inner))])))  # \s*: nothing, or a run
            else:
                out.append((op, (low, high, inner)))
        else:
            out.append((op, av))  # (not read further: the ending stops there)
    return out


#: A property class (``\p{Zs}``, ``\P{L}``) read as whitespace by :func:`opens_blank`: it
#: may hold some.
_PROPERTY_BLANK = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP](?:\{[^}]*\}|[A-Za-z])")


def opens_blank(pattern: str) -> bool:
    r"""Whether a match of ``pattern`` may begin with whitespace (or be empty): False only
    when its first character is certain to be none (a letter, a digit, ``\w``, a class of
    such), so that a place where whitespace stands need not be tried.

    >>> opens_blank(r"(?<=\. )(?:\w+\s+)?as"), opens_blank(r"(?<=\.)\s*said"), opens_blank(r"\p{L}+")
    (False, True, True)
    """
    if _parser is None or _FOREIGN.search(pattern):
        return True
    try:
        opens = _opens_blank(_parser.parse(_PROPERTY_BLANK.sub(r"\1\\s", pattern)))
    except (re.error, OverflowError, RecursionError):
        return True
    return opens is not False


#: Classes whose characters are never whitespace.
_SOLID = frozenset({_c.CATEGORY_WORD, _c.CATEGORY_DIGIT}) if _parser is not None else frozenset()
#: Every whitespace character (the last is U+3000).
_BLANKS = tuple(code for code in range(0x3001) if chr(code).isspace())


def _solid(op: Any, av: Any) -> bool:
    """Whether a member of a class is certain to be no whitespace."""
    if op is _c.LITERAL:
        return not chr(av).isspace()
    if op is _c.RANGE:
        return not any(av[0] <= code <= av[1] for code in _BLANKS)
    return op is _c.CATEGORY and av in _SOLID


def _opens_blank(seq: Any) -> bool | None:
    """Whether the first character of a match of a parsed sequence may be whitespace; None
    when the sequence may match nothing (what follows it decides)."""
    for op, av in seq:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width
        if op is _c.LITERAL:
            return chr(av).isspace()
        if op is _c.CATEGORY:
            return av not in _SOLID
        if op is _c.IN:
            return not all(_solid(o, a) for o, a in av)
        if op is _c.SUBPATTERN:
            found = _opens_blank(av[-1])
        elif op is _c.BRANCH:
            each = [_opens_blank(alternative) for alternative in av[1]]
            found = True if True in each else None if None in each else False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            found = _opens_blank(av[2])
            if found is False and av[0] == 0:
                found = None  # (it may be skipped)
        else:
            return True  # any other item: not read further
        if found is not None:
            return found
    return None


def holds_any(text: str, factors: frozenset[str]) -> bool:
    """Whether ``text`` holds one of ``factors``, as :func:`fold` reads it."""
    return any(map(fold(text).__contains__, factors))


def all_factors(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """The factors of some branches together: a text must hold one of them for any of
    those branches to match. None when one of the branches has none."""
    found = list(sets)
    return None if None in found else frozenset().union(*found)  # type: ignore[arg-type]
