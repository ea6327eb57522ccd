"""A Unicode pattern read by the standard library's engine where that means the same.

The ``re`` module reads a text several times faster than ``regex``, but knows no Unicode
properties. A rule that reads every character of every reply (shouting, word counts)
writes its pattern once, with the properties ``\\p{Lu}``, ``\\p{Ll}``, ``\\p{L}`` and
``\\p{N}``; :class:`AsciiTwin` derives the same pattern over ASCII ranges for ``re``, and
a text whose letters and digits are all ASCII (emoji and typographic quotes are neither)
is read with that twin, which matches exactly what the Unicode pattern matches there.
"""
from __future__ import annotations

import re

import regex

#: The properties a twin may hold, as ASCII ranges.
_RANGES = {"Lu": "A-Z", "Ll": "a-z", "L": "A-Za-z", "N": "0-9"}
_PROPERTY = re.compile(r"\\p\{(\w+)\}")
#: Escapes whose meaning differs between the two engines beyond ASCII letters and digits
#: (``\w`` counts marks in ``regex``, ``\s`` the separators \x1c-\x1f in ``re``), and
#: inline flags: a pattern holding one has no twin.
_UNLIKE = re.compile(r"\\[wWdDsSbBpPXNR]|\(\?[a-zA-Z]")
#: A letter or digit outside ASCII: a text holding one is read with the Unicode pattern.
_WIDE = regex.compile(r"[^\x00-\x7f\P{L}]|[^\x00-\x7f\P{N}]")


def narrow(text: str) -> bool:
    """Whether every letter and digit of ``text`` is ASCII (then twins read it)."""
    return text.isascii() or _WIDE.search(text) is None


def _ascii_source(source: str) -> str:
    """``source`` with each property written as its ASCII range (a class of its own
    outside a class); ValueError when the pattern holds anything else whose meaning
    differs beyond ASCII."""
    out: list[str] = []
    depth = 0  # inside a character class
    i = 0
    while i < len(source):
        prop = _PROPERTY.match(source, i)
        if prop is not None:
            ranges = _RANGES.get(prop.group(1))
            if ranges is None:
                raise ValueError(f"no ASCII twin for {prop.group()}")
            out.append(ranges if depth else f"[{ranges}]")
            i = prop.end()
            continue
        if _UNLIKE.match(source, i):
            raise ValueError(f"no ASCII twin for {source[i:i + 3]!r}")
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if ch == "[" and not depth:
            depth = 1
        elif ch == "]" and depth:
            depth = 0
        out.append(ch)
        i += 1
    return "".join(out)


class AsciiTwin:
    """A Unicode pattern (``wide``, for ``regex``) and its ASCII twin (``narrow``, for ``re``).

    >>> word = AsciiTwin(r"\\p{Lu}[\\p{L}\\p{N}]*")
    >>> word.narrow.pattern
    '[A-Z][A-Za-z0-9]*'
    >>> [p.findall("DM us, Zoë") for p in (word.wide, word.for_text("DM us, Zoë"))]
    [['DM', 'Zoë'], ['DM', 'Zoë']]
    """

    def __init__(self, source: str) -> None:
        self.wide = regex.compile(source)
        self.narrow = re.compile(_ascii_source(source))

    def for_text(self, text: str) -> re.Pattern[str] | regex.Pattern[str]:
        """The pattern to read ``text`` with: the twin when it means the same there."""
        return self.narrow if narrow(text) else self.wide
