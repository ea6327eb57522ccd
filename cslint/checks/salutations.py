"""``greeting-drift``: a macro that opens or closes unlike the rest of its library.

A library written by many people drifts: most macros open "Hi {{ticket.requester.first_name}},"
and close "Happy coding!", a few open "Hello," or not at all. The rule learns the
library's own greeting (``part: greeting``) or sign-off (``part: sign-off``) and reports
the macros that depart from it. It says nothing where the library has no habit to depart
from: fewer than ``min-macros`` macros, or no pattern shared by ``dominance`` of them.

A *pattern* is the greeting or sign-off with what changes from macro to macro taken out:
letter case, punctuation, and the name: a placeholder (any span masking blanks), a
capitalised name and a handle (``@sam``, ``@{{author}}``) all read ``{name}``, so "Hi {{ticket.requester.first_name}},",
"Hi Sam!" and "Hi {%customer.firstName%}" are one pattern, "Hi there," another.

- The greeting is the greeting word (:data:`GREETING_WORDS`) that opens a macro's first
  line, with its addressee; a macro whose first line holds none has no greeting. When the
  library mostly greets, a macro that does not is reported at its first line; when its
  greetings mostly share one pattern, one of another pattern is reported at its greeting.
- The sign-off is the last sentence of the last line, with the line before it when the
  last line is only a name or a placeholder ("Best,\\n{{current_user.first_name}}"); one
  longer than ``max-words`` words is a sentence of the reply, not a sign-off. When the
  sign-offs mostly share one pattern, a macro with another one, or none, is reported at
  its last line.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import regex

from ..engine.masking import Prose
from .base import Key
from .library import LibraryCheck, Observation, Observed, Verdict
from .sentences import sentences

#: Words that open a greeting in English support replies, as Zendesk QA's greeting
#: category searches for them (https://support.zendesk.com/hc/en-us/articles/7043747123354)
#: and as the Microsoft Writing Style Guide's e-mail salutations write them.
GREETING_WORDS = ("hi", "hello", "hey", "hiya", "howdy", "dear", "greetings",
                  "good morning", "good afternoon", "good evening", "good day")
#: Addressees that are part of the pattern, not a name: "Hi there," is not "Hi Sam,".
_ADDRESS_WORDS = frozenset({"there", "all", "everyone", "everybody", "team", "folks", "friend", "friends",
                            "guys", "y'all", "again", "both"})
_GREETING = regex.compile(
    r"[^\p{L}\p{N}\n]*?\b(?P<word>" + "|".join(w.replace(" ", r"\s+") for w in GREETING_WORDS) + r")\b",
    regex.IGNORECASE,
)
#: Spaces between two masked characters: inside one masked span.
_INSIDE = regex.compile(r"(?<=\x00)[ \t]+(?=\x00)")
#: The marks that end a greeting ("Hi Sam," "Hello!" "Dear team:").
_GREETING_ENDS = frozenset(",!.:;—–-")
#: A token of a line's shape (see :func:`_shape`): a masked span, a word, or a mark.
_TOKEN = regex.compile(r"\x00+|@?[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")


class Spot(NamedTuple):
    """What one macro's greeting or sign-off is: its pattern ('' for none) and its text."""

    pattern: str
    shown: str


def _shape(text: str, raw: str, start: int, end: int) -> str:
    """``text[start:end]`` with each character masking blanked (a placeholder, a link, an
    address) written as NUL, so that a masked span reads as one token."""
    piece = text[start:end]
    if raw is text:
        return piece
    shape = "".join("\x00" if c == " " and not r.isspace() else c for c, r in zip(piece, raw[start:end], strict=True))
    # the spaces inside a masked span ('{{ author }}') are part of it
    return _INSIDE.sub(lambda m: "\x00" * len(m.group()), shape) if "\x00" in shape else shape


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _last_lines(text: str, count: int) -> list[tuple[int, int]]:
    """The spans of the last ``count`` lines with a character other than whitespace,
    trimmed, in order (read from the end: a long macro costs its last lines only)."""
    found: list[tuple[int, int]] = []
    end = len(text)
    while end > 0 and len(found) < count:
        start = text.rfind("\n", 0, end) + 1
        span = _trimmed(text, start, end)
        if span[0] < span[1]:
            found.append(span)
        end = start - 1
    return found[::-1]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _normal(tokens: Iterable[str]) -> str:
    """A greeting's pattern: lower case; after the greeting word, a masked span or a
    capitalised word as '{name}' (once for a run of them); punctuation dropped."""
    out: list[str] = []
    for token in tokens:
        if token.startswith("\x00") or token.startswith("@") and len(token) > 1:
            word = "{name}"  # a placeholder, or a handle ('@sam', '@{{author}}')
        elif not _WORD.match(token):
            continue
        elif out and token[0].isupper() and token.lower() not in _ADDRESS_WORDS:
            word = "{name}"
        else:
            word = token.lower()
        if not (out and out[-1] == word == "{name}"):
            out.append(word)
    return " ".join(out)


def greeting(text: str, raw: str) -> tuple[int, int, Spot] | None:
    """The span and pattern of the greeting that opens ``text`` (its first line with a
    character of prose or a placeholder), ``''`` as the pattern where there is none;
    None for a macro with no line at all.

    >>> t = "Hi {{ticket.requester.first_name}},\\nThanks!"
    >>> from cslint.engine.masking import mask
    >>> p = mask(t)
    >>> greeting(p.text, p.raw)
    (0, 35, Spot(pattern='hi {name}', shown='Hi {{ticket.requester.first_name}},'))
    >>> greeting("Hey there, thanks for writing.", "Hey there, thanks for writing.")[2]
    Spot(pattern='hey there', shown='Hey there,')
    >>> greeting("Thanks for the report.", "Thanks for the report.")[2]
    Spot(pattern='', shown='Thanks for the report.')
    """
    for start, end in _lines(raw):
        start, end = _trimmed(raw, start, end)
        if start == end:
            continue
        shape = _shape(text, raw, start, end)
        m = _GREETING.match(shape)
        if m is None:
            return start, end, Spot("", raw[start:end])
        addressee, stop = _addressee(shape, m.end())
        begin = start + m.start("word")
        return begin, start + stop, Spot(_normal([m.group("word"), *addressee]), raw[begin : start + stop])
    return None


def _addressee(shape: str, pos: int) -> tuple[list[str], int]:
    """The words a greeting addresses, from ``pos`` of its line, and where the greeting
    ends: up to three words before the mark that ends it ("Dear valued customer,"); with
    no such mark, the names and address words that follow it ("Hey there thanks ...")."""
    words: list[str] = []
    for t in _TOKEN.finditer(shape, pos):
        token = t.group()
        if _is_mark(token) and token != "@":
            if token in _GREETING_ENDS and len(words) <= 3:
                return words, t.end()
            break
        words.append(token)
        if len(words) > 3:
            break
    leading: list[str] = []
    stop = pos
    for t in _TOKEN.finditer(shape, pos):
        token = t.group()
        if not (token.startswith(("\x00", "@")) or token[0].isupper() or token.lower() in _ADDRESS_WORDS) \
                or len(leading) == 3:
            break
        leading.append(token)
        stop = t.end()
    return leading, stop


def sign_off(text: str, raw: str, max_words: int) -> tuple[int, int, Spot] | None:
    """The span and pattern of the sign-off that closes ``text``; ``''`` as the pattern
    where the last sentence is longer than ``max_words`` words (a sentence of the reply,
    not a sign-off); None for a macro with no line at all.

    >>> greeting_free = "Thanks for the report.\\n\\nHappy Coding!"
    >>> sign_off(greeting_free, greeting_free, 12)
    (24, 37, Spot(pattern='happy coding', shown='Happy Coding!'))
    >>> t = "Thanks!\\n\\nBest,\\nSam Smith"
    >>> sign_off(t, t, 12)[2]
    Spot(pattern='best {name}', shown='Best,\\nSam Smith')
    """
    lines = _last_lines(raw, 2)
    if not lines:
        return None
    start, end = lines[-1]
    last = _shape(text, raw, start, end)
    if len(lines) > 1 and _is_name(last):
        # a name or a signature placeholder under the sign-off proper ("Best,\nSam")
        above = _shape(text, raw, *lines[-2])
        if above.rstrip().endswith(",") and len(_TOKEN.findall(above)) <= 5:
            start = lines[-2][0]
            return start, end, Spot(" ".join([*_plain(_TOKEN.findall(above)), "{name}"]), raw[start:end])
    spans = list(sentences(last.replace("\x00", "x")))
    if spans:
        start, end = start + spans[-1][0], start + spans[-1][1]
    shape = _shape(text, raw, start, end)
    tokens = _TOKEN.findall(shape)
    if sum(not _is_mark(t) for t in tokens) > max_words:
        return start, end, Spot("", raw[start:end])
    return start, end, Spot(" ".join(_plain(tokens)), raw[start:end])


def _is_name(line: str) -> bool:
    """Whether a line is only a name or a placeholder: up to three capitalised words
    (or masked spans), with no mark that ends a sentence (looked for first: a last line
    that is a sentence has one, and costs no split into words)."""
    if any(c in line for c in "!?:") or line.rstrip().endswith("."):
        return False
    words = [t for t in _TOKEN.findall(line) if not _is_mark(t)]
    return 0 < len(words) <= 3 and all(w.startswith("\x00") or w[0].isupper() for w in words)


def _is_mark(token: str) -> bool:
    return not (token.startswith(("\x00", "@")) or _WORD.match(token))


def _plain(tokens: Iterable[str]) -> Iterator[str]:
    """A sign-off's words: lower case, a masked span as '{name}', punctuation dropped (a
    capital is kept as a word: 'Happy Coding' is 'happy coding', not a name)."""
    for token in tokens:
        if token.startswith("\x00"):
            yield "{name}"
        elif not _is_mark(token):
            yield token.lower()


class GreetingDrift(LibraryCheck):
    type_name = "greeting-drift"
    keys = {
        "part": Key("choice", required=True, choices=("greeting", "sign-off"),
                    help="what is compared across the library: the greeting that opens a macro or the sign-off that closes it"),
        "dominance": Key("number", default=0.7,
                         help="the share of macros (0 to 1) that must share a pattern before the others are reported"),
        "min-macros": Key("int", default=10, help="a library with fewer macros is not judged"),
        "max-words": Key("int", default=12, help="a last sentence longer than this is not a sign-off"),
    }
    message_fields = frozenset({"match", "found", "usual", "count", "total", "among", "share"})

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if not 0.5 < options["dominance"] <= 1:
            return "'dominance' must be above 0.5 and at most 1"
        return None

    def observe(self, prose: Prose) -> Iterable[Observation]:
        raw = prose.raw or prose.text
        if self.options["part"] == "greeting":
            found = greeting(prose.text, raw)
        else:
            found = sign_off(prose.text, raw, self.options["max-words"])
        return () if found is None else (Observation(*found),)

    def judge(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        total = len(observed)
        least, fewest = self.options["dominance"], max(1, self.options["min-macros"])
        if total < fewest:
            return
        spots: list[Spot] = [o.value for o in observed]
        patterns = Counter(s.pattern for s in spots if s.pattern)
        if not patterns:
            return
        usual, count = patterns.most_common(1)[0]
        shown = _example(spots, usual)
        none = f"no {self.options['part']}"
        if self.options["part"] == "greeting":
            present = sum(patterns.values())
            if present < least * total:
                return  # a library that mostly does not greet has no greeting to depart from
            yield from (Verdict(i, {"match": s.shown, "found": none, "usual": f"a greeting, most often '{shown}'",
                                    "count": present, "total": total, "among": "macros",
                                    "share": round(100 * present / total)})
                        for i, s in enumerate(spots) if not s.pattern)
            # the form, among the macros that greet
            among, what, judged = present, "greetings", [i for i, s in enumerate(spots) if s.pattern]
        else:  # a macro with no sign-off departs from the usual one too
            among, what, judged = total, "macros", list(range(total))
        if count < least * among:
            return
        for i in judged:
            s = spots[i]
            if s.pattern != usual:
                yield Verdict(i, {"match": s.shown, "found": f"'{s.shown}'" if s.pattern else none,
                                  "usual": f"'{shown}'", "count": count, "total": among, "among": what,
                                  "share": round(100 * count / among)})


def _example(spots: Sequence[Spot], pattern: str) -> str:
    """The usual pattern as the library writes it most often."""
    written = Counter(s.shown for s in spots if s.pattern == pattern)
    return written.most_common(1)[0][0]
