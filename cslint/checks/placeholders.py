"""``placeholder-names``: placeholders the library's helpdesk does not fill in.

A placeholder the helpdesk does not know reaches the customer as written or as nothing:
"Hi {{ticket.requester.frist_name}}," or "Hi ,". Libraries collect them when a name is
misspelt, or when a macro is copied from another helpdesk's library ("{{ticket.requester.firstname}}"
is Freshdesk's; Zendesk writes "first_name"; "{%customer.firstName%}" is Help Scout's).

Each macro's placeholders are found in its text as written (:func:`scan`), by the
syntaxes masking blanks (:mod:`cslint.engine.masking`): each syntax's name is the dotted
path it starts with (``ticket.requester.first_name`` in ``{{ ticket.requester.first_name | default: 'there' }}``).
The library's helpdesk is the one whose names (:mod:`cslint.rulefiles.helpdesks`) cover
the most of the library's placeholders, at least ``min-known`` of all of them; of two
that cover as many, the one that lists more of them by name (a custom field's pattern
says less than a name written out); or the one ``helpdesk`` names.
Then, by ``report``:

- ``unknown``: a placeholder in the helpdesk's syntax whose name it does not have (only
  for a helpdesk whose list is complete), with the closest name it has;
- ``foreign``: a placeholder another helpdesk has and the library's does not, or one in a
  syntax the library's helpdesk does not write. Where no helpdesk is recognised, a
  placeholder in another syntax than the one ``min-known`` of the library uses.

Names are compared exactly: helpdesks fill in case-sensitive names.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import regex

from ..engine.masking import Prose
from .base import Key
from .library import LibraryCheck, Observation, Observed, Verdict

_PATH = r"[A-Za-z_][\w-]*(?:\.[\w-]+|\[-?\d+\])*"
#: Each placeholder syntax: how it is written (for messages) and how it is found, the name
#: in group ``name``. HML's triple braces come before Liquid's double ones.
SYNTAXES: dict[str, tuple[str, regex.Pattern[str]]] = {
    "hml": ("{{{…}}}", regex.compile(r"\{\{\{\s*(?P<name>" + _PATH + r")\s*\}\}\}")),
    "liquid": ("{{…}}", regex.compile(r"(?<!\{)\{\{-?\s*(?P<name>" + _PATH + r")(?:\s*(?:\||\|\||-)[^{}]*|\s*)\}\}(?!\})")),
    "helpscout": ("{%…%}", regex.compile(r"\{%(?P<name>" + _PATH + r")(?:,\s*fallback=[^%\n]*)?%\}")),
    "osticket": ("%{…}", regex.compile(r"%\{(?P<name>" + _PATH + r")\}")),
    "salesforce": ("{!…}", regex.compile(r"\{!\s*(?P<name>" + _PATH + r")\s*(?:,[^}\n]*)?\}")),
    "attribute": ('<attribute key="…"/>', regex.compile(r"<attribute\s+key=\"(?P<name>[^\"]+)\"[^>]*>")),
}
#: Where any syntax can start: one scan of a reply finds all of them.
_START = regex.compile(r"\{\{|\{%|%\{|\{!|<attribute\b")
_LIQUID_TAGS = frozenset({"if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase", "for",
                          "endfor", "assign", "capture", "endcapture", "comment", "endcomment", "raw", "endraw"})


class Placeholder(NamedTuple):
    start: int
    end: int
    syntax: str
    name: str


def scan(text: str) -> Iterator[Placeholder]:
    """The placeholders of a text, in order.

    >>> [p[2:] for p in scan("Hi {{ticket.requester.first_name | default: 'there'}}, {%customer.firstName%} {% if x %}")]
    [('liquid', 'ticket.requester.first_name'), ('helpscout', 'customer.firstName')]
    """
    done = 0
    for hit in _START.finditer(text):
        if hit.start() < done:
            continue
        for syntax, (_, pattern) in SYNTAXES.items():
            m = pattern.match(text, hit.start())
            if m is not None and not (syntax == "helpscout" and m.group("name") in _LIQUID_TAGS):
                yield Placeholder(m.start(), m.end(), syntax, m.group("name"))
                done = m.end()
                break


class PlaceholderNames(LibraryCheck):
    type_name = "placeholder-names"
    keys = {
        "report": Key("choice", required=True, choices=("unknown", "foreign"),
                      help="what is reported: names the library's helpdesk does not have (unknown), "
                           "or placeholders of another helpdesk or syntax (foreign)"),
        "helpdesk": Key("text", default="auto",
                        help="the library's helpdesk (as its helpdesks/ file names it, e.g. 'Zendesk'), or 'auto' to recognise it"),
        "min-known": Key("number", default=0.5,
                         help="the share of the library's placeholders (0 to 1) a helpdesk must know to be recognised"),
        "names": Key("texts", default=(), help="more names the library's helpdesk fills in (the team's custom fields)"),
    }
    message_fields = frozenset({"match", "name", "helpdesk", "found", "usual", "count", "total", "hint"})

    @classmethod
    def problem(cls, options: Mapping[str, Any]) -> str | None:
        if not 0 < options["min-known"] <= 1:
            return "'min-known' must be above 0 and at most 1"
        wanted = str(options["helpdesk"]).strip().lower()
        if wanted != "auto":
            from ..rulefiles import helpdesks

            names = [d.name for d in helpdesks.load()]
            if wanted not in (n.lower() for n in names):
                return f"'helpdesk': no helpdesk named {options['helpdesk']!r}; known: auto, {', '.join(names)}"
        return None

    def observe(self, prose: Prose) -> Iterable[Observation]:
        text = prose.raw or prose.text
        return (Observation(p.start, p.end, (p.syntax, p.name, text[p.start:p.end])) for p in scan(text))

    def judge(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        from ..rulefiles import helpdesks

        found: list[tuple[str, str]] = [o.value[:2] for o in observed]
        desks = helpdesks.load()
        ours = self._ours(found, desks)
        extra = frozenset(self.options["names"])
        if not ours:
            if self.options["report"] == "foreign":
                yield from self._other_syntax(observed)
            return
        label = " or ".join(d.name for d in ours)
        syntaxes = {s for d in ours for s in d.syntaxes}
        ours_count = sum(1 for s, n in found if s in syntaxes and (n in extra or any(d.knows(n) for d in ours)))
        mine = sorted({n for d in ours for n in d.explicit})
        for i, (syntax, name) in enumerate(found):
            if syntax in syntaxes and (name in extra or any(d.knows(name) for d in ours)):
                continue
            other = [d for d in desks if d not in ours and syntax in d.syntaxes and name in d.explicit]
            shown = observed[i].value[2]
            hint = _hint(name, mine, syntax if syntax in syntaxes else ours[0].syntaxes[0])
            if other or syntax not in syntaxes:
                if self.options["report"] == "foreign":
                    whose = (" or ".join(f"{d.name}'s" for d in other) + " placeholder") if other \
                        else f"the {SYNTAXES[syntax][0]} syntax"
                    yield Verdict(i, {"match": shown, "name": name, "helpdesk": label, "found": whose,
                                      "usual": label, "count": ours_count, "total": len(found), "hint": hint})
            elif self.options["report"] == "unknown" and all(d.complete for d in ours):
                yield Verdict(i, {"match": shown, "name": name, "helpdesk": label, "found": "", "usual": label,
                                  "count": ours_count, "total": len(found), "hint": hint})

    def _ours(self, found: Sequence[tuple[str, str]], desks: Sequence[Any]) -> list[Any]:
        """The library's helpdesk (several when they tie), or none."""
        wanted = str(self.options["helpdesk"]).strip()
        if wanted.lower() != "auto":  # (a name no helpdesk has is refused when the rule loads)
            return [d for d in desks if d.name.lower() == wanted.lower()]
        scores: dict[int, tuple[int, int]] = {}
        for k, desk in enumerate(desks):
            mine = [n for s, n in found if s in desk.syntaxes and desk.knows(n)]
            if mine and len(mine) >= self.options["min-known"] * len(found):
                scores[k] = (len(mine), sum(1 for n in mine if n in desk.explicit))
        best = max(scores.values(), default=None)
        return [desks[k] for k, score in scores.items() if score == best]

    def _other_syntax(self, observed: Sequence[Observed]) -> Iterator[Verdict]:
        """With no helpdesk recognised: the placeholders not in the syntax most of the
        library uses."""
        found = [o.value[:2] for o in observed]
        if not found:
            return
        usual, count = Counter(s for s, _ in found).most_common(1)[0]
        if count < self.options["min-known"] * len(found):
            return
        for i, (syntax, name) in enumerate(found):
            if syntax != usual:
                yield Verdict(i, {"match": observed[i].value[2], "name": name, "helpdesk": "",
                                  "found": f"the {SYNTAXES[syntax][0]} syntax", "usual": SYNTAXES[usual][0],
                                  "count": count, "total": len(found), "hint": ""})


def _written(syntax: str, name: str) -> str:
    """A placeholder as its syntax writes it (without fallback or filters)."""
    form = SYNTAXES[syntax][0]
    return form.replace("…", name)


def _hint(name: str, known: Sequence[str], syntax: str) -> str:
    """' (did you mean ...?)' with the known name the unknown one is a misspelling of, or
    nothing: one written with other capitals or underscores (``firstName``, ``firstname``
    for ``first_name``), else the one nearest by edit distance, at most 2 edits and no tie."""
    def folded(n: str) -> str:
        return n.replace("_", "").lower()

    same = [k for k in known if folded(k) == folded(name)]
    if not same:
        near = sorted((d, k) for k in known if abs(len(k) - len(name)) <= 2 and (d := _distance(name, k)) <= 2)
        same = [near[0][1]] if near and (len(near) == 1 or near[1][0] > near[0][0]) else []
    return f" (did you mean '{_written(syntax, same[0])}'?)" if same else ""


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``
    (Damerau-Levenshtein, optimal string alignment).

    >>> _distance("frist_name", "first_name"), _distance("requestor", "requester")
    (1, 1)
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]
