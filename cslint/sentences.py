"""Sentences and words of masked prose, for the rules that measure or count per sentence.

Support replies are informal: sentences end at ., ! or ?, at a blank line, or at a line
that starts a list item or a greeting. The splitter is a single regular-expression pass,
so it stays linear in the length of a reply.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

# A sentence ends after terminal punctuation followed by space, or at a line break (support
# replies put greetings, list items and sign-offs on lines of their own). Abbreviations such
# as "e.g." or "Mr." do not end a sentence. The gap between sentences is group 1 or 2: the
# punctuation is matched first, so the engine only stops where a sentence may end, and the
# list of abbreviations is only read there.
_END = regex.compile(
    r"""[.!?…](?<!\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Ms|Dr|St|approx|incl|no|No)\.)([)"'”’]*(?=\s)\s*)|(\n\s*)""",
    regex.VERBOSE,
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
# The same in an ASCII text, where it means exactly this (read several times faster).
_WORD_ASCII = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_VOWEL_GROUPS = regex.compile(r"[aeiouy]+")
# Every letter and digit of _WORD is alphanumeric to the standard library, which reads a
# text several times faster.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank sentences of a text, without surrounding whitespace.

    >>> t = "Hi Sam,\\nThanks! Your order ships today. See you"
    >>> [t[s:e] for s, e in sentences(t)]
    ['Hi Sam,', 'Thanks!', 'Your order ships today.', 'See you']
    """
    start = 0
    for m in _END.finditer(text):
        yield from _trimmed(text, start, m.start(m.lastindex))  # type: ignore[arg-type]
        start = m.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    piece = text[start:end]
    return (_WORD_ASCII if piece.isascii() else _WORD).findall(piece)


#: The last text split, and the last counted (every rule that counts per sentence
#: reads the same reply): its sentence spans, the words of each, and (once asked for)
#: the syllables of each. Counts, not word lists, so a megabyte reply costs per sentence.
_last: tuple[str, list[tuple[int, int]], list[int], list[int] | None] | None = None
_counted: tuple[str, int] | None = None


def word_count(text: str) -> int:
    """At least the number of words of a text (runs of letters and digits: a word holds
    one or more, as "don't" does): a bound that lets most rules skip the sentence split
    of a short reply, as no sentence of it can be longer than the whole.

    >>> word_count("Hi Sam. It's done, thanks!")  # five words, six runs
    6
    """
    global _counted
    if _last is not None and _last[0] is text:
        return sum(_last[2])
    if _counted is None or _counted[0] is not text:
        _counted = (text, len(_ALNUM_RUN.findall(text)))
    return _counted[1]


def split(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentence spans of a text and the number of words of each, once per text.

    >>> split("Hi Sam. It works")
    ([(0, 7), (8, 16)], [2, 2])
    """
    global _last
    if _last is None or _last[0] is not text:
        spans = list(sentences(text))
        _last = (text, spans, [len(words(text, s, e)) for s, e in spans], None)
    return _last[1], _last[2]


def syllable_counts(text: str) -> list[int]:
    """The syllables of each sentence of :func:`split` (for reading grades).

    >>> syllable_counts("Hi Sam. It works")
    [2, 2]
    """
    global _last
    spans, counts = split(text)
    assert _last is not None
    if _last[3] is None:
        _last = (text, spans, counts, [sum(map(syllables, words(text, s, e))) for s, e in spans])
    return _last[3]  # type: ignore[return-value]


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
