"""``term-variants``: one term spelled several ways across a library.

"Wi-Fi" in one macro, "WiFi" in the next and "wifi" in a third reads as carelessness, and a
customer searching the help centre for one spelling misses the others. The rule reports
each spelling of a term other than the one the library uses most (or the one a team's
glossary names), at the spelling, suggesting the chosen one.

A term family is one entry of ``terms``: every writing of its letters in the same order,
in any case, with a hyphen or nothing between any two of them, and also a space where a
form of the entry has one (``e-mail``, ``E-Mail`` and ``email`` for ``email``; ``web
site`` for ``website|web site``). An entry lists its forms with ``|``
(``website|web site``, ``OK|okay``). A space is never guessed: "on line" and "in box"
are other words far more often than a spelling of "online" and "inbox". Only a capital after the first letter makes a
different spelling (``WiFi``, ``E-Mail``): a capital first letter starts a sentence as
often as it marks a name, and a writing all in capitals (``EMAIL``) is shouting, not a
spelling, unless a form of its family is written so (``OK``). ``preferred`` (set it in ``rule-settings``) is the glossary: for
a family holding one of its forms, that form is the one suggested, even against the
majority; a preferred form no family holds starts a family of its own.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import re

from ..engine.masking import Prose
from .base import Key
from .library import LibraryCheck, Observation, Observed, Verdict

#: What may stand between two letters of a term: a hyphen (or its Unicode forms) or
#: nothing; and where the form writes a space, also a space.
_JOINER = "[-\u2010\u2011]?"
_SPACED = "[-\u2010\u2011 ]?"


def _letters(form: str) -> str:
    """The letters (and digits) of a form, in lower case: what its spellings share."""
    return "".join(c for c in form.lower() if c.isalnum())


def spelling(written: str) -> str:
    """The spelling a writing counts as: as written when a capital follows its first
    letter (``WiFi``), else in lower case (``Email`` at the start of a sentence is ``email``).

    >>> [spelling(w) for w in ("Wi-Fi", "Wifi", "wifi", "E-mail", "E-Mail")]
    ['Wi-Fi', 'wifi', 'wifi', 'e-mail', 'E-Mail']
    """
    return written if any(c.isupper() for c in written[1:]) else written.lower()


def _form_pattern(form: str) -> str:
    """A form's letters, with what may stand between each two (see :data:`_JOINER`)."""
    out: list[str] = []
    gap = ""
    for c in form:
        if not c.isalnum():
            gap = _SPACED if c == " " else _JOINER
            continue
        if out:
            out.append(gap or _JOINER)
        out.append(re.escape(c))
        gap = ""
    return "".join(out)


class TermVariants(LibraryCheck):
    type_name = "term-variants"
    keys = {
        "terms": Key("texts", required=True,
                     help="term families: a term as a style guide writes it; forms with other letters joined by '|' ('OK|okay')"),
        "preferred": Key("texts", default=(),
                         help="the glossary: the form to suggest for its family, whatever the library uses most"),
    }
    message_fields = frozenset({"match", "suggestion", "spellings"})

    def __init__(self, options: Mapping[str, Any]) -> None:
        super().__init__(options)
        #: Family name (its first form) of each form's letters.
        self._family: dict[str, str] = {}
        #: The form each family lists first or the glossary prefers (ties go to it).
        self._listed: dict[str, str] = {}
        self._preferred: dict[str, str] = {}
        for entry in options["terms"]:
            forms = [f.strip() for f in entry.split("|") if f.strip()]
            for form in forms:
                self._family.setdefault(_letters(form), forms[0])
            self._listed.setdefault(forms[0], spelling(forms[0]))
        for form in options.get("preferred", ()):
            family = self._family.setdefault(_letters(form), form)
            self._preferred[family] = form
            self._listed.setdefault(family, spelling(form))
        #: The letters of forms written in capitals ('OK'): their capitals are a spelling.
        self._capitals = {_letters(f) for entry in (*options["terms"], *options.get("preferred", ()))
                          for f in entry.split("|") if f.strip().isupper()}
        forms = sorted({f.strip() for entry in (*options["terms"], *options.get("preferred", ()))
                        for f in entry.split("|") if f.strip()}, key=len, reverse=True)
        body = "|".join(_form_pattern(form) for form in forms)
        firsts = "".join(sorted({c.lower() for form in forms for c in form[:1] if c.isalnum()}))
        # not inside a word, a path, a file or package name ('/etc/gitlab/', 'gitlab.rb', 'vscode-remote');
        # a term starts a word, and the first letters come next, so the scan tries the terms at
        # word starts only (the standard library's engine finds them there twice as fast as
        # `regex` with the look-behind first, and the word boundary saves a fifth of that again)
        self._pattern = re.compile(rf"\b(?=[{re.escape(firsts)}])(?<![\w\-/.@])(?:{body})(?![\w\-/@]|\.\w)", re.IGNORECASE)

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        for entry in (*options["terms"], *options.get("preferred", ())):
            if not any(c.isalnum() for c in entry):
                return f"the term {entry!r} has no letters"
        return None

    def observe(self, prose: Prose) -> Iterable[Observation]:
        for m in self._pattern.finditer(prose.text):
            written = m.group()
            letters = _letters(written)
            if written.isupper() and letters not in self._capitals:
                continue  # 'EMAIL' is shouting (the capitals rules' concern), not a spelling
            yield Observation(m.start(), m.end(), (self._family[letters], written))

    def judge(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        counts: dict[str, dict[str, int]] = {}
        for o in observed:
            family, written = o.value
            spellings = counts.setdefault(family, {})
            spellings[spelling(written)] = spellings.get(spelling(written), 0) + 1
        chosen = {family: self._chosen(family, spellings) for family, spellings in counts.items()}
        for i, o in enumerate(observed):
            family, written = o.value
            suggestion = chosen[family]
            if spelling(written) != spelling(suggestion):
                shown = ", ".join(f"'{s}' {n}x" for s, n in sorted(counts[family].items(), key=lambda kv: -kv[1]))
                yield Verdict(i, {"match": written, "suggestion": suggestion, "spellings": shown})

    def _chosen(self, family: str, spellings: dict[str, int]) -> str:
        """The glossary's form, or the spelling used most (a tie goes to the form the
        terms list, then to the spelling met first)."""
        if family in self._preferred:
            return self._preferred[family]
        most = max(spellings.values())
        tied = [s for s, n in spellings.items() if n == most]
        listed = self._listed.get(family)
        return listed if listed in tied else tied[0]
