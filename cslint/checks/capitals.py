"""``capitals``: several words in a row in capital letters read as shouting.

One capitalised word is emphasis and acronyms are normal ("DM", "FAQ"), so only a run of
``min-words`` capitalised words that are not on the allow list is reported. Acronyms and
codes are too many to list ("TOS", "JFK", "KUL-PEN"); with ``acronym-letters`` a short
capitalised word is taken for one unless it is an everyday word of ``short-words``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import regex

from ..engine.masking import Prose
from ..prefilter.ascii_twin import AsciiTwin, narrow
from ..prefilter.memo import Memo
from .base import MATCHING_KEYS, Check, Finding, Key

# A word of capitals (and digits/apostrophes), delimited by non-letters; hyphenated codes
# such as "SBW-KUL" or "1-800-MY–APPLE" are one word. (The look-behind that says no
# letter or digit comes first is written after the capital, so that the engines skip to
# capitals instead of trying it at every character.)
_CAPS_WORD = AsciiTwin(r"\p{Lu}(?<![\p{L}\p{N}]\p{Lu})[\p{Lu}\p{N}'’]*(?:[-–][\p{Lu}\p{N}]+)*(?![\p{L}\p{N}])")
_JOINERS = str.maketrans("", "", "'’-–")
_APOSTROPHES = str.maketrans("", "", "'’")
_HYPHENS = regex.compile("[-–]")
_Word: TypeAlias = "re.Match[str] | regex.Match[str]"
# What may stand between the words of one shouted run. Commas and slashes are left out:
# "OS, CPU, RAM" and "OS/CPU" are lists of acronyms, not a raised voice; so are line
# breaks: a heading in capitals and the capitals that start the next line are two things,
# and one finding must not run over several lines.
_GAP = regex.compile(r"(?:[^\S\n\r\v\f\x85\u2028\u2029]|[.!?;:&+\-–—])*")
# A shouted word of two letters or more has two capitals in a row (apostrophes, or one
# hyphen, may stand between them; a digit would make it a code). A reply whose letters
# and digits are all ASCII and that holds no such pair cannot shout: one C-level search
# instead of reading every word. For a run of two shouted words or more, two such words
# must stand side by side with only gap characters between them ("DM us ... ^JK" holds
# two, apart): the first starts a word (no letter or digit before its capital: written
# after the capital, so that the search skips to capitals at C speed), and each second
# capital follows the first with no letter between, so the search stays linear.
_MAY_SHOUT = re.compile(r"[A-Z]['’]*[\-–]?[A-Z]")
_MAY_SHOUT_RUN = re.compile(
    r"[A-Z](?<![A-Za-z0-9][A-Z])[0-9'’\-–]*[A-Z][A-Z0-9'’]*(?:[-–][A-Z0-9]+)*[\s.!?;:&+\-–—]+[A-Z][0-9'’\-–]*[A-Z]"
)
#: Capitalised words judged per rule (they repeat: "DM", "US", a signature's initials).
_MEMO = 50_000
#: Replies shorter than this are first counted for shouted words, which rules out most
#: at once; a longer one nearly always has enough, so it is read for runs straight away.
_COUNTED_CHARS = 10_000


class Capitals(Check):
    type_name = "capitals"
    keys = {
        "min-words": Key("int", default=2, help="consecutive capitalised words that count as shouting"),
        "min-letters": Key("int", default=2, help="capitalised words shorter than this are ignored"),
        "allow": Key("phrases", default=(), help="acronyms and names that may be written in capitals"),
        "exceptions": Key(
            "phrases", default=(),
            help="a run inside one of these phrases is not reported (quoted UI labels, 'click SIGN OUT')",
        ),
        "acronym-letters": Key(
            "int", default=0,
            help="a capitalised word this short (each part of a hyphenated one) is an acronym or code, "
            "unless it is one of short-words (0: off)",
        ),
        "short-words": Key(
            "phrases", default=(), help="everyday short words that shout in capitals ('DO', 'NOT', 'YOU')"
        ),
        # false lets an exception tell capitals from lower case (a label after "click")
        "ignorecase": MATCHING_KEYS["ignorecase"],
    }
    message_fields = frozenset({"match", "count"})

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        self._allow = {a.upper() for a in options.get("allow", ())}
        self._short = {w.translate(_APOSTROPHES).upper() for w in options.get("short-words", ())}
        self._verdicts: Memo[str, bool] = Memo(self._shouted, _MEMO)

    def _shouted(self, word: str) -> bool:
        letters = sum(1 for c in word if c.isalpha())
        if letters < len(word.translate(_JOINERS)):
            return False  # digits make it a code ("11JAN17", "20KG"), not a word
        if letters < self.options.get("min-letters", 2) or word.upper() in self._allow:
            return False
        most = self.options.get("acronym-letters", 0)
        if not most:
            return True
        # "DON'T" is a word of four letters; "KUL-PEN" is a code when neither part is a word
        parts = _HYPHENS.split(word.translate(_APOSTROPHES).upper())
        return any(len(part) > most or part in self._short for part in parts)

    def find(self, prose: Prose) -> Iterable[Finding]:
        text = prose.text
        need = self.options.get("min-words", 2)
        ascii_only = narrow(text)
        quick = _MAY_SHOUT_RUN if need >= 2 else _MAY_SHOUT
        if ascii_only and self.options.get("min-letters", 2) >= 2 and not quick.search(text):
            return ()
        words = _CAPS_WORD.narrow if ascii_only else _CAPS_WORD.wide
        if len(text) < _COUNTED_CHARS and sum(map(self._verdicts.__getitem__, words.findall(text))) < need:
            return ()  # too few shouted words for a run (most replies: an allowed "DM" or "ID")
        return self._runs(text, words, need)

    def _runs(self, text: str, words: regex.Pattern[str] | re.Pattern[str], need: int) -> Iterator[Finding]:
        verdicts = self._verdicts
        run: list[_Word] = []
        for m in words.finditer(text):
            shouted = verdicts[m.group()]
            if run and (not shouted or not _GAP.fullmatch(text, run[-1].end(), m.start())):
                yield from self._report(run, need, text)
                run = []
            if shouted:
                run.append(m)
        yield from self._report(run, need, text)

    def _report(
        self, run: list[_Word], need: int, text: str
    ) -> Iterator[Finding]:
        if len(run) >= need:
            start, end = run[0].start(), run[-1].end()
            if not self.excepted(text, start, end):
                yield Finding(start, end, {"match": text[start:end], "count": len(run)})
