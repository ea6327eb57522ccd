"""Sentences and words of masked prose, for the rules that measure or count per sentence.

Support replies are informal: sentences end at ., ! or ?, at a blank line, or at a line
that starts a list item or a greeting. The splitter is a single regular-expression pass,
so it stays linear in the length of a reply.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, islice
from operator import not_

import regex

from ..prefilter.ascii_twin import AsciiTwin

# A sentence ends after terminal punctuation followed by space, or at a line break (support
# replies put greetings, list items and sign-offs on lines of their own). Abbreviations such
# as "e.g." or "Mr." do not end a sentence. Informal replies also end sentences without a
# space after the stop ("processing it.Apologies", between two words in lower and upper
# case), with an emoticon (":) See you"), with a link after a colon (masked to a run of
# spaces) before a capital, and a menu path ("Settings > General > About") is a series of steps. The gap
# between sentences is the group that matched; each alternative starts with the character
# it needs, so the engine only stops where a sentence may end, and the list of
# abbreviations is only read there.
_END = regex.compile(
    r"""[.!?…](?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|St|approx|incl|no|No)\.)([)"'”’]*(?=\s)\s*)
      | (\n\s*)
      | [.!?](?<=\p{Ll}\p{Ll}[.!?])()(?=\p{Lu}\p{Ll})
      | [:;=](?<=\s[:;=])-?[)(DP]((?=\s)\s*)
      | :(\s{10,})(?=\p{Lu})
      | (?:>|&gt;)(\s*)(?=[\p{L}\p{N}])""",
    regex.VERBOSE,
)
_WORD = AsciiTwin(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
# Every letter and digit of _WORD is alphanumeric to the standard library, whose engine
# reads a text faster.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank sentences of a text, without surrounding whitespace.

    >>> t = "Hi Sam,\\nThanks! Your order ships today. See you"
    >>> [t[s:e] for s, e in sentences(t)]
    ['Hi Sam,', 'Thanks!', 'Your order ships today.', 'See you']
    >>> t = "It is in process.Thanks :) Tap Settings > About"
    >>> [t[s:e] for s, e in sentences(t)]
    ['It is in process.', 'Thanks :)', 'Tap Settings >', 'About']
    """
    start = 0
    for m in _END.finditer(text):
        span = _trimmed(text, start, m.start(m.lastindex))  # type: ignore[arg-type]
        if span is not None:
            yield span
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span is not None:
        yield span


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    piece = text[start:end]
    return (_WORD.narrow if piece.isascii() else _WORD.wide).findall(piece)


def holds_words(text: str, least: int) -> bool:
    """Whether a text may hold ``least`` words or more. It counts runs of letters and
    digits (a word holds one or more, as "don't" does), and stops at ``least``: asking
    whether a megabyte reply is long enough costs a few words, not the whole reply.

    >>> holds_words("Hi Sam. It’s done, thanks!", 6)  # five words, six runs
    True
    >>> holds_words("Hi Sam. It's done, thanks!", 6)  # ASCII: counted exactly, and faster
    False
    """
    if least <= 0:
        return True
    runs = (_WORD.narrow if text.isascii() else _ALNUM_RUN).finditer(text)
    return next(islice(runs, least - 1, None), None) is not None


#: Bytes deleted before counting separators: ASCII letters and digits (never one) and
#: ASCII whitespace (counted as the gaps between tokens instead).
_NOT_SEPARATORS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 \t\n\r\x0b\x0c"


# Every rule that measures reads the same reply: the split, the totals and the bound of
# the last text are remembered, by the text (spans and counts, not word lists, so that a
# megabyte reply costs little memory).
@lru_cache(maxsize=1)
def word_bound(text: str) -> int:
    """A quick upper bound on the number of words, in C-level passes (no word is matched,
    and for most short replies it is enough to skip :func:`holds_words`).

    Each word stands inside one whitespace-separated token, and the words (or runs) of a
    token are separated by at least one character that is neither an ASCII letter or
    digit nor whitespace; each such character is at least one byte of the UTF-8 text
    once those bytes are deleted. (Other whitespace is counted too: a bound may be high.)

    >>> word_bound("Hi Sam, it's done.")  # 5 words: 4 tokens, then ',', "'" and '.'
    7
    """
    try:
        encoded = text.encode()
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape): one more separator
        encoded = text.encode("utf-8", "surrogatepass")
    return len(text.split()) + len(encoded.translate(None, _NOT_SEPARATORS))


@lru_cache(maxsize=1)
def split(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a text, once per text.

    >>> split("Hi Sam. It works")
    ((0, 7), (8, 16))
    """
    return tuple(sentences(text))


#: Lines up to this long are split on their own by :func:`around`.
_LOCAL_LINE = 4096


def around(text: str, offset: int) -> tuple[int, int]:
    """The span of the sentence that holds ``offset`` (its line when none does).

    A sentence never spans a line break, so a short line is split on its own: asking
    about one phrase in a megabyte reply costs a line, not the whole reply.

    >>> around("Hi Sam. It works", 10)
    (8, 16)
    >>> around("Thanks!\\nIs it on? Yes", 12)
    (8, 17)
    """
    low = text.rfind("\n", 0, offset) + 1
    high = text.find("\n", offset)
    high = len(text) if high < 0 else high
    if high - low <= _LOCAL_LINE:
        spans = [(low + s, low + e) for s, e in sentences(text[low:high])]
    else:
        spans = list(split(text))
    i = bisect_right(spans, (offset, len(text) + 1)) - 1
    return spans[i] if i >= 0 and spans[i][1] >= offset else (low, high)


@lru_cache(maxsize=1)
def totals(text: str) -> tuple[int, int]:
    """The words and syllables of a whole text, once per text. (Every word stands in one
    sentence: the gaps between sentences hold none, so these are the sums over
    :func:`split`'s sentences.)

    >>> totals("Hi Sam. It works")
    (4, 4)
    """
    found = _all_words(text)
    return len(found), sum(map(syllables, found))


@lru_cache(maxsize=1)
def measures(text: str) -> tuple[tuple[int, int], ...]:
    """The words and syllables of each sentence of :func:`split`, once per text (the
    tone-outlier rule weighs a reply by them, and the audit's reading grade of the same
    reply sums them: the same totals as :func:`totals`).

    >>> measures("Hi Sam. It works")
    ((2, 2), (2, 2))
    """
    return tuple((len(found), sum(map(syllables, found))) for found in (words(text, s, e) for s, e in split(text)))


#: Characters from which a text's words are found line by line (see :func:`_all_words`).
_BY_LINE = 1 << 14


def _all_words(text: str) -> list[str]:
    """The words of a text, in no particular order. A long text is read line by line
    (no word spans a line break): its ASCII lines, most of a long reply, with the
    standard library's pattern, which reads them faster; the others
    with the Unicode one."""
    if text.isascii() or len(text) < _BY_LINE:
        return words(text)
    lines = text.split("\n")
    plain = list(map(str.isascii, lines))
    found = _WORD.narrow.findall("\n".join(compress(lines, plain)))
    found += _WORD.wide.findall("\n".join(compress(lines, map(not_, plain))))
    return found


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """A vowel-group estimate of English syllables, good enough for a reading grade.

    >>> [syllables(w) for w in ("refund", "apologise", "the", "make")]
    [2, 4, 1, 1]
    """
    w = word.lower().strip("'’-")
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


def grade(words_in: int, syllables_in: int, sentence_count: int = 1) -> float:
    """Flesch-Kincaid grade level of a run of words.

    >>> words = "The cat sat on the mat".split()
    >>> round(grade(len(words), sum(map(syllables, words))), 1)
    -1.4
    """
    if not words_in:
        return 0.0
    return 0.39 * words_in / max(sentence_count, 1) + 11.8 * syllables_in / words_in - 15.59
