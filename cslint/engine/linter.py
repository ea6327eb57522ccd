"""The pipeline for one file: read, mask, run rules, suppress, map back to the file.

Everything here is pure: text in, diagnostics out. The API and the CLI add file I/O,
discovery and output around it. (When the command line allows it, a long reply's rules
run in forked processes; what comes back is what a serial run finds.)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from ..config import Config
from ..diagnostic import Diagnostic, Fix, Item
from ..prefilter.plan import Plan
from ..rulefiles.parse import Rule
from ..runtime import parallel, timelimit
from ..sources.document import Segment, SourceFile
from . import suppression, yielding
from .masking import Prose, mask
from .selection import is_selected

#: The linter's own notices (CS9xx); they go through the same selection as rules.
UNUSED_SUPPRESSION = ("CS901", "unused-suppression", "warning")
UNREADABLE_INPUT = ("CS902", "unreadable-input", "error")
RULE_TIMEOUT = ("CS903", "rule-timeout", "warning")
INTERNAL_ERROR = ("CS904", "internal-error", "error")
#: Characters of masked text from which a reply's rules may be spread over processes: a
#: reply this long takes a tenth of a second or more, many times what forking costs.
SPREAD_CHARS = 256 * 1024


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


def notice(path: str, kind: tuple[str, str, str], message: str, line: int = 1, column: int = 1, item: Item | None = None) -> Diagnostic:
    """A CS9xx diagnostic at a file position."""
    code, name, severity = kind
    return Diagnostic(path, line, column, line, column, code, name, "linter", severity, message, item)  # type: ignore[arg-type]


class Linter:
    """Rules plus a configuration, applied to files."""

    def __init__(self, rules: Iterable[Rule], config: Config) -> None:
        self.rules = list(rules)
        self.config = config
        self._select, self._ignore = config.selected
        self._enabled_cache: dict[tuple[str, ...], Plan] = {}
        #: Rules that stay silent where a related rule reports (see :mod:`.yielding`).
        self._yields = {r.code: (r.yields_to, r.yields_within) for r in self.rules if r.yields_to}
        self._yield_order = yielding.order(self._yields)
        #: Replies linted so far (the progress line counts them).
        self.replies = 0

    def enabled(self, path: str) -> tuple[Plan, tuple[str, ...]]:
        """The rules on for this file, and the extra prefixes ignored there."""
        extra = self.config.ignores_for(path)
        if extra not in self._enabled_cache:
            ignore = (*self._ignore, *extra)
            self._enabled_cache[extra] = Plan([r for r in self.rules if is_selected(r.code, self._select, ignore, opt_in=r.opt_in)])
        return self._enabled_cache[extra], extra

    def notice_on(self, code: str, extra: tuple[str, ...] = ()) -> bool:
        return is_selected(code, self._select, (*self._ignore, *extra))

    def find(self, segment: Segment, plan: Plan) -> Iterator[Raw]:
        """Findings of the rules in one reply, in reply offsets (suppression not applied).

        A long reply's rules run in several processes at once when the command line
        allows it (:func:`cslint.runtime.parallel.spreading`): each rule reads the whole reply
        in one of them, so the findings are those of a serial run, in the same order."""
        prose = mask(segment.text, segment.context)
        if not self._yields:
            yield from self._found(prose, plan)
            return
        raws = list(self._found(prose, plan))
        yield from yielding.resolve(raws, self._yields, self._yield_order, prose.text) if len(raws) > 1 else raws

    def _found(self, prose: Prose, plan: Plan) -> Iterator[Raw]:
        jobs = parallel.reply_jobs() if len(prose.text) >= SPREAD_CHARS else 1
        if jobs > 1:
            parts = plan.parts(jobs)
            found = parallel.forked(partial(self._run_plan, prose=prose), parts)
            by_rule = {id(part.rules[i]): raws for part, results in zip(parts, found) for i, raws in results}
            for rule in plan.rules:
                yield from by_rule.get(id(rule), ())
            return
        yield from self._findings(plan.to_run(prose), prose)

    def _run_plan(self, plan: Plan, prose: Prose) -> list[tuple[int, list[Raw]]]:
        """The findings of each rule of a plan that may find something in the reply, by
        the rule's place in the plan (what comes back from another process is a copy)."""
        place = {id(rule): i for i, rule in enumerate(plan.rules)}
        return [(place[id(rule)], list(self._findings((rule,), prose))) for rule in plan.to_run(prose)]

    @staticmethod
    def _findings(rules: Iterable[Rule], prose: Prose) -> Iterator[Raw]:
        """The rules' findings in a reply; CS903 for a rule that runs past its time."""
        seconds = timelimit.budget(len(prose.text))
        running = timelimit.RUNNING
        for rule in rules:
            check = rule.check
            try:
                running[0] = (seconds,)  # a new token per rule: see cslint.runtime.timelimit
                for f in check.find(prose):
                    yield Raw(
                        f.start, f.end, rule.code, rule.name, rule.principle, rule.severity,
                        rule.format_message(f.fields), f.replacement, check.applicability,
                    )
            except TimeoutError:
                yield Raw(
                    0, 0, RULE_TIMEOUT[0], RULE_TIMEOUT[1], "linter", RULE_TIMEOUT[2],
                    f"{rule.code} ({rule.path}) took too long on this reply and was skipped; "
                    "its pattern may backtrack catastrophically",
                )
            finally:
                running[0] = None

    def lint_segments(self, source: SourceFile, segments: Iterable[Segment]) -> list[Diagnostic]:
        """Diagnostics for the replies of one file, sorted by position."""
        plan, extra = self.enabled(source.path)
        out: list[Diagnostic] = []
        for segment in segments:
            if not segment.public or self.config.excludes_macro(segment.item):
                continue  # internal notes and excluded macros (docs/formats.md)
            self.replies += 1
            raws = list(self.find(segment, plan))
            if raws and any(r.code == RULE_TIMEOUT[0] for r in raws) and not self.notice_on(RULE_TIMEOUT[0], extra):
                raws = [r for r in raws if r.code != RULE_TIMEOUT[0]]
            directives = suppression.parse(segment.text)
            if directives:
                index = suppression.Index(directives)
                raws = [r for r in raws if not index.suppressed(r.code, r.start)]
                if self.notice_on(UNUSED_SUPPRESSION[0], extra):
                    raws.extend(self._unused(directives, plan.rules))
            if raws:  # (most replies have no finding)
                out.extend(self._place(source, segment, r) for r in raws)
        out.sort(key=Diagnostic.sort_key)
        return out

    @staticmethod
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

    @staticmethod
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
