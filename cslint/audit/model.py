"""What an audit found, in the terms a support lead reads: macros, findings placed in
their text, near-duplicate clusters, term variants and the files that could not be read.

:class:`Collector` takes the files of a run as they are linted (each with what
:class:`cslint.audit.macros.Description` said of it) and, once the last is read, the findings
of the library rules (:func:`cslint.engine.library.judged`); :class:`Audit` is the result,
and the text, JSON and HTML reports are views of it.
"""
from __future__ import annotations

import os
import statistics
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..checks.library import Observed
from ..diagnostic import SEVERITY_RANK, Diagnostic
from ..engine.library import Judged
from ..rulefiles.parse import Rule
from .macros import FileMacros, Macro, Placed

#: The principle of the linter's own notices (a file that cannot be read, CS9xx): they
#: are problems of the run, listed apart, not findings about the macros.
NOTICE = "linter"


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic, placed in its macro's text (``macro`` indexes :attr:`Audit.macros`)."""

    diagnostic: Diagnostic
    macro: int | None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Cluster:
    """Macros that nearly repeat one another, in file order; ``links`` says which macro
    each later one repeats, and how much of it (percent)."""

    macros: list[int]
    links: list[tuple[int, int, int]]


@dataclass(frozen=True)
class Variant:
    """A term the library spells several ways: the spelling to keep, how often each is
    used (as the rule words it) and the findings at the other spellings."""

    code: str
    suggestion: str
    spellings: str
    findings: list[int]


@dataclass(frozen=True)
class RuleInfo:
    """What the report says of a rule beside its findings."""

    code: str
    name: str
    principle: str
    severity: str
    description: str


@dataclass
class Audit:
    """The audit of a library (see the module docstring)."""

    #: The folder the library's paths are shown relative to.
    root: str
    #: Files read (or found unreadable).
    files: int
    macros: list[Macro] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The linter's notices: files or parts that could not be read, rules stopped.
    errors: list[Diagnostic] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    #: :meth:`shown` of each path asked (a library has a few files and many macros).
    _shown: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def name(self) -> str:
        """The library as the report's heading names it: its folder as given, or the
        current folder's name when that is the folder."""
        if self.root != ".":
            return self.root
        return f"{os.path.basename(os.path.abspath(self.root)) or self.root} (the current folder)"

    def shown(self, path: str) -> str:
        """A path as the report shows it: relative to :attr:`root`."""
        shown = self._shown.get(path)
        if shown is None:
            shown = self._shown[path] = os.path.relpath(path, self.root) if path != self.root else os.path.basename(path)
        return shown

    def where(self, index: int) -> str:
        """Where a macro starts, as the report shows it: ``billing/macros.json:12``."""
        macro = self.macros[index]
        return f"{self.shown(macro.path)}:{macro.line}"

    def label(self, index: int) -> str:
        """A macro's title (or id), else its file as the report shows it."""
        macro = self.macros[index]
        return macro.item.label() if macro.item is not None and macro.item.label() else self.shown(macro.path)

    def named(self, index: int) -> str:
        """A macro as the report names it: ``'Refund' (billing/macros.json:12)``, or its place alone."""
        macro = self.macros[index]
        label = macro.item.label() if macro.item is not None else ""
        return f"{label!r} ({self.where(index)})" if label else self.where(index)

    def by_macro(self) -> list[list[int]]:
        """The findings of each macro (indices into :attr:`findings`)."""
        out: list[list[int]] = [[] for _ in self.macros]
        for i, f in enumerate(self.findings):
            if f.macro is not None:
                out[f.macro].append(i)
        return out

    def score(self, findings: Iterable[int]) -> int:
        """How much work a macro needs: its findings weighted by severity (an error 3, a
        warning 2, an info finding 1)."""
        return sum(SEVERITY_RANK[self.findings[i].diagnostic.severity] for i in findings)

    def worst(self, count: int = 10) -> list[tuple[int, list[int]]]:
        """The ``count`` macros with the highest :meth:`score` (then the most findings,
        then file order), each with its findings; macros without findings are never listed."""
        ranked = [(i, found) for i, found in enumerate(self.by_macro()) if found]
        ranked.sort(key=lambda pair: (-self.score(pair[1]), -len(pair[1]), pair[0]))
        return ranked[:count]

    def per_principle(self) -> Counter[str]:
        return Counter(f.diagnostic.principle for f in self.findings)

    def per_code(self) -> Counter[str]:
        return Counter(f.diagnostic.code for f in self.findings)

    def per_severity(self) -> Counter[str]:
        return Counter(f.diagnostic.severity for f in self.findings)

    def group_of(self) -> list[str]:
        """Each macro's folder relative to :attr:`root`, or its file when the whole
        library is in one folder (the categories of a library kept as files)."""
        folders = [os.path.dirname(self.shown(m.path)) for m in self.macros]
        if len(set(folders)) > 1:
            return [f or "." for f in folders]
        return [self.shown(m.path) for m in self.macros]

    def per_group(self) -> dict[str, tuple[int, int]]:
        """Macros and findings per folder (or file), in path order."""
        groups = self.group_of()
        macros = Counter(groups)
        found = Counter(groups[f.macro] for f in self.findings if f.macro is not None)
        return {g: (macros[g], found[g]) for g in sorted(macros)}

    def grades(self) -> list[float]:
        return [m.grade for m in self.macros if m.grade is not None]

    def median_grade(self) -> float | None:
        grades = self.grades()
        return round(statistics.median(grades), 1) if grades else None

    def quartiles(self) -> tuple[float, float] | None:
        """The grades a quarter and three quarters of the macros are at or below."""
        grades = self.grades()
        if not grades:
            return None
        if len(grades) == 1:
            return grades[0], grades[0]
        low, _, high = statistics.quantiles(grades, n=4, method="inclusive")
        return round(low, 1), round(high, 1)

    def duplicated(self) -> int:
        """Macros in a near-duplicate cluster."""
        return sum(len(c.macros) for c in self.clusters)


class Collector:
    """Builds an :class:`Audit` from the files of a run, in the order they are read."""

    def __init__(self, rules: Sequence[Rule], root: str) -> None:
        self.rules = {r.code: r for r in rules}
        self.audit = Audit(root, 0, rules={r.code: RuleInfo(r.code, r.name, r.principle, r.severity,
                                                            " ".join(r.description.split())) for r in rules})
        #: Observations, in file order, for the library pass.
        self.observed: list[Observed] = []
        #: Where each observation stands: its macro (in the file's own numbering), start
        #: and end; -1 for one of a file that was not described.
        self._at = array("q")
        #: The first observation and the first macro of each file described.
        self._files: list[tuple[int, int]] = []

    def add(self, diagnostics: Sequence[Diagnostic], observed: Sequence[Observed], described: object) -> None:
        """One file read: its diagnostics, its observations and its macros (None for a
        file that could not be read, or whose linting failed)."""
        audit = self.audit
        audit.files += 1
        first = len(audit.macros)
        placed: Sequence[Placed | None] = ()
        if isinstance(described, FileMacros):
            self._files.append((len(self.observed), first))
            audit.macros.extend(described.macros)
            placed = described.placed
            self._at.extend(described.observed)
        else:
            self._at.extend((-1, 0, 0) * len(observed))
        self.observed.extend(observed)
        for i, d in enumerate(diagnostics):
            where = placed[i] if i < len(placed) else None
            if d.principle == NOTICE:
                audit.errors.append(d)
            elif where is None:
                audit.findings.append(Finding(d, None))
            else:
                audit.findings.append(Finding(d, first + where.macro, where.start, where.end))

    def finish(self, judged: Iterable[Judged]) -> Audit:
        """The audit, with the library rules' findings (judged once every file is read)."""
        audit = self.audit
        links: list[tuple[int, int, int]] = []
        variants: dict[tuple[str, str], Variant] = {}
        number = {id(o): k for k, o in enumerate(self.observed)}
        for j in judged:
            d = j.diagnostic
            where = self._place(number.get(id(j.observed), -1))
            audit.findings.append(Finding(d, where.macro, where.start, where.end) if where else Finding(d, None))
            rule = self.rules.get(d.code)
            kind = rule.type if rule is not None else ""
            if where is not None and j.related:
                for o in j.related:
                    other = self._place(number.get(id(o), -1))
                    if other is not None:
                        links.append((where.macro, other.macro, _percent(j.fields.get("similarity"))))
            if kind == "term-variants" and "suggestion" in j.fields:
                key = (d.code, str(j.fields["suggestion"]))
                variant = variants.setdefault(key, Variant(d.code, key[1], str(j.fields.get("spellings", "")), []))
                variant.findings.append(len(audit.findings) - 1)
        audit.clusters = _clusters(links)
        audit.variants = sorted(variants.values(), key=lambda v: (-len(v.findings), v.suggestion.lower()))
        return audit

    def _place(self, k: int) -> Placed | None:
        """Where the ``k``-th observation stands in the audit's macros."""
        if k < 0 or self._at[3 * k] < 0:
            return None
        _, first = self._files[bisect_right(self._files, (k, len(self.audit.macros))) - 1]
        return Placed(first + self._at[3 * k], self._at[3 * k + 1], self._at[3 * k + 2])


def _percent(value: object) -> int:
    return value if isinstance(value, int) else 0


def _clusters(links: Sequence[tuple[int, int, int]]) -> list[Cluster]:
    """The connected groups of macros the links join, each in file order, the groups in
    the order of their first macro."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _ in links:
        parent[root(a)] = root(b)
    members: dict[int, list[int]] = {}
    for i in sorted(parent):
        members.setdefault(root(i), []).append(i)
    of: dict[int, list[tuple[int, int, int]]] = {}
    for link in links:
        of.setdefault(root(link[0]), []).append(link)
    return sorted((Cluster(group, sorted(of.get(r, []))) for r, group in members.items()), key=lambda c: c.macros[0])


def counted(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Counts from the largest, ties in name order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
