"""The pipeline for one file's replies: mask, run rules, suppress, map back to the file.

:func:`lint` is pure: the replies a reader read and the file's plan in, diagnostics out.
The API and the CLI add discovery, reading and output around it, and resolve the plan of
each file once (:meth:`Linter.plan_for`), so linting asks the configuration nothing.
What belongs to the process is handed in: the watchdog that stops a slow rule, and how a
reply's rules are run (:data:`RuleRunner`; the command line may spread a long reply's
rules over processes, :class:`cslint.runtime.parallel.Spread`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..checks.library import LibraryCheck, Observation, Observed
from ..config import Config, ConfigError
from ..diagnostic import SEVERITY_RANK, Diagnostic, Fix, Item
from ..prefilter.plan import Keep, Plan
from ..readers import NotReplies, ReadError
from ..rulefiles.parse import Rule
from ..runtime import timelimit
from ..sources.document import Segment, SourceFile
from . import library, suppression, yielding
from .masking import Prose, mask
from .selection import is_selected, unknown

#: The linter's own notices (CS9xx); they go through the same selection as rules.
UNUSED_SUPPRESSION = ("CS901", "unused-suppression", "warning")
UNREADABLE_INPUT = ("CS902", "unreadable-input", "error")
RULE_TIMEOUT = ("CS903", "rule-timeout", "warning")
INTERNAL_ERROR = ("CS904", "internal-error", "error")
INVALID_SUPPRESSION = ("CS905", "invalid-suppression", "warning")
NOT_REPLIES = ("CS906", "not-a-reply-library", "info")
NOTICES = (UNUSED_SUPPRESSION, UNREADABLE_INPUT, RULE_TIMEOUT, INTERNAL_ERROR, INVALID_SUPPRESSION, NOT_REPLIES)
#: ``--fix`` left a file alone because it resolves outside the paths given. Not among the
#: NOTICES a file's plan selects: a refused write is reported whatever is ignored.
FIX_OUTSIDE = ("CS907", "fix-outside-paths", "error")
#: What the CS903 of a rule the watchdog stopped says: the rule is not run again.
STOPPED = "is not run again in this run"


@dataclass(frozen=True)
class Raw:
    """A finding in reply offsets, before it is placed in the file."""

    start: int
    end: int
    code: str
    rule: str
    principle: str
    severity: str
    message: str
    replacement: str | None = None
    applicability: str = "safe"


#: Runs the rules of one reply: the rules on for its file, the masked reply and the
#: watchdog (None: each match call carries its own time limit) in, findings in rule order
#: out. :func:`run_rules` runs them one after the other.
RuleRunner = Callable[[Plan, Prose, "timelimit.Watchdog | None"], Iterable[Raw]]


def notice(path: str, kind: tuple[str, str, str], message: str, line: int = 1, column: int = 1, item: Item | None = None) -> Diagnostic:
    """A CS9xx diagnostic at a file position."""
    code, name, severity = kind
    return Diagnostic(path, line, column, line, column, code, name, "linter", severity, message, item)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FilePlan:
    """What one file is checked for, resolved from the configuration once per file."""

    #: The rules on for this file.
    rules: Plan
    #: The codes of the linter's own notices (CS9xx) on for this file.
    notices: frozenset[str]
    #: Rules that stay silent where a related rule reports (see :mod:`.yielding`), and
    #: the order in which they yield.
    yields: yielding.Yields = field(default_factory=dict)
    yield_order: tuple[str, ...] = ()
    #: Every code of the run, on or off here: a suppression comment may name any of them.
    codes: tuple[str, ...] = ()
    #: The library rules on for this file: they observe its replies, and judge the
    #: library once every file is read (:mod:`cslint.engine.library`).
    library: tuple[Rule, ...] = ()


class Linter:
    """The rules of a configuration, and the plan of each file (``per-file-ignores`` may
    turn rules and notices off for some files)."""

    def __init__(self, rules: Iterable[Rule], config: Config, keep: Keep | None = None) -> None:
        self.rules = list(rules)
        self.config = config
        self._keep = keep
        check_prefixes(config, self.rules)
        self._codes = tuple(known_codes(self.rules))
        self._select, self._ignore = config.selected
        self._plans: dict[tuple[str, ...], FilePlan] = {}
        self._yields = {r.code: (r.yields_to, r.yields_within) for r in self.rules if r.yields_to}
        self._yield_order = tuple(yielding.order(self._yields))

    def plan_for(self, path: str) -> FilePlan:
        """The plan of the file at ``path`` (one per set of extra ignored prefixes)."""
        extra = self.config.ignores_for(path)
        plan = self._plans.get(extra)
        if plan is None:
            ignore = (*self._ignore, *extra)
            least = SEVERITY_RANK[self.config.min_severity]
            on = [r for r in self.rules if is_selected(r.code, self._select, ignore, opt_in=r.opt_in)
                  and SEVERITY_RANK[r.severity] >= least]
            rules = Plan([r for r in on if not isinstance(r.check, LibraryCheck)], self._keep)
            library = tuple(r for r in on if isinstance(r.check, LibraryCheck))
            notices = frozenset(code for code, _, severity in NOTICES
                                if is_selected(code, self._select, ignore) and SEVERITY_RANK[severity] >= least)
            plan = self._plans[extra] = FilePlan(rules, notices, self._yields, self._yield_order, self._codes, library)
        return plan

    @cached_property
    def no_rules(self) -> Plan:
        """A plan that runs no rule: for a file read only for what the library rules
        observe in it (:func:`cslint.api.linted` with ``library_only``)."""
        return Plan([], self._keep)

    def lint_segments(self, source: SourceFile, segments: Sequence[Segment]) -> list[Diagnostic]:
        """:func:`lint` with the plan of ``source`` and the watchdog of this process, if
        one runs, and the library rules judging ``segments`` as a library of their own (a
        rule's examples are linted so)."""
        result = lint_file(source, segments, self.plan_for(source.path), watchdog=timelimit.current())
        if not result.observed:
            return result.diagnostics
        return sorted([*result.diagnostics, *library.judge(self.rules, result.observed)], key=Diagnostic.sort_key)


def known_codes(rules: Iterable[Rule]) -> list[str]:
    """The codes a prefix may name: the rules' (shipped, plugin and configured) and the
    linter's own notices."""
    return [*(r.code for r in rules), *(code for code, _, _ in NOTICES)]


def check_prefixes(config: Config, rules: Iterable[Rule]) -> None:
    """Refuse a code prefix of the configuration that no rule has (``CS999``): the
    :class:`ConfigError` names the file, the line and the key; for a Config built in
    Python, the field."""
    known = known_codes(rules)
    for name in ("select", "ignore", "extend_select", "extend_ignore", "per_file_ignores"):
        value = getattr(config, name)
        problem = unknown([c for codes in value.values() for c in codes] if isinstance(value, Mapping) else value, known)
        if problem:
            key = name.replace("_", "-")
            if config.source is None:
                raise ConfigError("Config", None, name, problem)
            raise ConfigError(config.source, config.key_lines.get(key), key, problem)


def lint(source: SourceFile, segments: Iterable[Segment], plan: FilePlan, problems: Iterable[ReadError] = (), *,
         watchdog: timelimit.Watchdog | None = None, run: RuleRunner | None = None) -> list[Diagnostic]:
    """Diagnostics for the replies of one file and the parts its reader could not read
    (``problems``, CS902; CS906 for a file that holds no replies), sorted by position. Every segment given is linted: the caller
    leaves out internal notes and excluded macros. With a ``watchdog`` (the command line
    runs one), each rule is marked on it while it runs, so that it can be stopped."""
    return lint_file(source, segments, plan, problems, watchdog=watchdog, run=run).diagnostics


@dataclass(frozen=True)
class FileResult:
    """What linting one file gives: its diagnostics, and what its library rules observed
    in it (judged once the whole library is read, :func:`cslint.engine.library.judge`)."""

    diagnostics: list[Diagnostic]
    observed: list[Observed] = field(default_factory=list)


#: Told of each reply of a file once its rules have run, in order: the reply, its masked
#: text and what the library rules observed in it (in reply offsets, in the order of
#: :attr:`FileResult.observed`). What a caller learns of the replies beyond their findings
#: (the audit's macros) is learnt there, from the masked text the rules read.
EachReply = Callable[[Segment, Prose, Sequence[Observation]], None]


def lint_file(source: SourceFile, segments: Iterable[Segment], plan: FilePlan, problems: Iterable[ReadError] = (), *,
              watchdog: timelimit.Watchdog | None = None, run: RuleRunner | None = None,
              each: EachReply | None = None) -> FileResult:
    """:func:`lint`, and the observations of the file's library rules (``each`` is told
    of every reply, see :data:`EachReply`)."""
    run = run or run_rules
    out: list[Diagnostic] = []
    observed: list[Observed] = []
    for segment in segments:
        prose = mask(segment.text, segment.context)
        raws = list(run(plan.rules, prose, watchdog))
        directives = suppression.parse(segment.text)
        index = suppression.Index(directives) if directives else None
        seen: list[tuple[Rule, Observation]] = [(rule, o) for rule in plan.library for o in _observe(rule, prose)]
        if seen:
            observed.extend(_observed(source, segment, seen, index))
        if each is not None:
            each(segment, prose, [o for _, o in seen])
        if plan.yields and len(raws) > 1:
            raws = yielding.resolve(raws, plan.yields, plan.yield_order, prose.text)
        if raws and RULE_TIMEOUT[0] not in plan.notices and any(r.code == RULE_TIMEOUT[0] for r in raws):
            raws = [r for r in raws if r.code != RULE_TIMEOUT[0]]
        if index is not None:
            raws = [r for r in raws if not index.suppressed(r.code, r.start)]
            if UNUSED_SUPPRESSION[0] in plan.notices:
                raws.extend(_unused(directives, plan.rules.rules))
        if INVALID_SUPPRESSION[0] in plan.notices and "cslint" in segment.text:
            raws.extend(Raw(start, end, *INVALID_SUPPRESSION[:2], "linter", INVALID_SUPPRESSION[2], f"suppression comment: {problem}")
                        for start, end, problem in suppression.mistakes(segment.text, plan.codes))
        if raws:  # (most replies have no finding)
            out.extend(_place(source, segment, r) for r in raws)
    for p in problems:
        kind = NOT_REPLIES if isinstance(p, NotReplies) else UNREADABLE_INPUT
        if kind[0] in plan.notices:
            out.append(notice(source.path, kind, str(p), p.line or 1, p.column or 1))
    out.sort(key=Diagnostic.sort_key)
    return FileResult(out, observed)


def _observe(rule: Rule, prose: Prose) -> Iterable[Observation]:
    assert isinstance(rule.check, LibraryCheck)
    return rule.check.observe(prose)


def _observed(source: SourceFile, segment: Segment, seen: Iterable[tuple[Rule, Observation]],
              index: suppression.Index | None) -> Iterator[Observed]:
    """The observations of the library rules in one reply, placed in the file. A
    suppression comment that covers one marks it (and counts as used): it still counts
    for the library, but is not reported."""
    for rule, o in seen:
        start = segment.to_source(o.start)
        end = segment.end_to_source(o.end, source.text) if o.end > o.start else start
        line, column = source.position(start)
        end_line, end_column = source.position(end)
        hidden = index is not None and index.suppressed(rule.code, o.start)
        yield Observed(rule.code, source.path, line, column, end_line, end_column, segment.item, o.value, hidden)


def run_rules(plan: Plan, prose: Prose, watchdog: timelimit.Watchdog | None) -> Iterator[Raw]:
    """The :data:`RuleRunner` of library calls: the rules that may find something in the
    reply, one after the other, in this process."""
    return findings(plan.to_run(prose), prose, watchdog)


def findings(rules: Iterable[Rule], prose: Prose, watchdog: timelimit.Watchdog | None) -> Iterator[Raw]:
    """The rules' findings in a reply, in reply offsets (suppression not applied); CS903
    for a rule that runs past its time (stopped by the watchdog, or by the time limit
    each match call carries without one). A rule the watchdog stopped once is not run
    again in this process, and says so."""
    seconds = timelimit.budget(len(prose.text))
    for rule in rules:
        check = rule.check
        try:
            if watchdog is not None:
                if rule.code in watchdog.stopped:
                    continue
                watchdog.running = (seconds,)  # a new token per rule: see cslint.runtime.timelimit
            for f in check.find(prose):
                yield Raw(
                    f.start, f.end, rule.code, rule.name, rule.principle, rule.severity,
                    rule.format_message(f.fields), f.replacement, check.applicability,
                )
        except TimeoutError:
            if watchdog is None:
                yield _timeout(rule, "was skipped on it")
            else:
                watchdog.stopped.add(rule.code)
                yield _timeout(rule, STOPPED)
        finally:
            if watchdog is not None:
                watchdog.running = None


def _timeout(rule: Rule, what: str) -> Raw:
    """The CS903 of a rule stopped on a reply (see :func:`findings`)."""
    return Raw(0, 0, RULE_TIMEOUT[0], RULE_TIMEOUT[1], "linter", RULE_TIMEOUT[2],
               f"{rule.code} ({rule.path}) took too long on this reply and {what}; "
               "its pattern may backtrack catastrophically")


def _unused(directives: list[suppression.Directive], rules: list[Rule]) -> Iterator[Raw]:
    enabled = [r.code for r in rules]
    for d in directives:
        if d.used:
            continue
        if d.codes and not any(code.startswith(c) for c in d.codes for code in enabled):
            continue  # it names rules that are off here: not stale, just idle
        what = ", ".join(d.codes) if d.codes else "all rules"
        yield Raw(d.start, d.end, *UNUSED_SUPPRESSION[:2], "linter", UNUSED_SUPPRESSION[2],
                  f"unused suppression: '{d.kind}' for {what} suppresses nothing")


def _place(source: SourceFile, segment: Segment, raw: Raw) -> Diagnostic:
    start = segment.to_source(raw.start)
    end = segment.end_to_source(raw.end, source.text) if raw.end > raw.start else start
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    fix = None
    if raw.replacement is not None and raw.applicability != "none" and segment.is_verbatim(raw.start, raw.end):
        fix = Fix(start, end, raw.replacement, segment.encode(raw.replacement), raw.applicability)  # type: ignore[arg-type]
    return Diagnostic(
        source.path, line, column, end_line, end_column, raw.code, raw.rule, raw.principle,
        raw.severity, raw.message, segment.item, fix,  # type: ignore[arg-type]
    )
