"""Which rules can find anything in a reply, decided once per reply from one scan.

Most rules find nothing in most replies. A rule type may declare what its findings need
to match (:meth:`cslint.checks.base.Check.needs`); a plan makes those patterns join the
index that every reply is scanned with (:data:`cslint.prefilter.index.FIRST`), and maps
their ids to rules once per set of enabled rules, so per reply the rules to run come from
one set intersection, not a test per rule. A rule that needs several matches (a limit of
three exclamation marks) is skipped where the scan found fewer places where one may
start. The raw reply and the customer's message are read by a few rules only: those run
where one of their factors is there, and read that text in full.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from ..engine.masking import Prose
from ..rulefiles.parse import Rule
from .index import CONTEXT, FIRST, LATER, Index, IndexState
from .literals import all_factors, holds_any
from .pattern import PrefilteredPattern, prefiltered

#: Keeps what ``build()`` returns between runs under a key made of ``parts`` (the rule
#: cache), or builds it: ``keep(parts, build)``.
Keep = Callable[[list[object], Callable[[], IndexState]], IndexState]

#: The texts a rule's patterns may be read in.
_PROSE, _RAW, _CONTEXT = "prose", "raw", "context"


def _texts(prose: Prose) -> dict[str, str]:
    return {_PROSE: prose.text, _RAW: prose.raw or prose.text}


def _gate(patterns: Sequence[object]) -> tuple[list[PrefilteredPattern], frozenset[int]] | None:
    """The patterns as the prefilter reads them, and the ids under which the scan reports
    them; None when the scan cannot rule out a match of one of them."""
    read = _views(patterns)
    if read is None:
        return None
    return read, frozenset(view.join(FIRST) for view in read)


def _views(patterns: Sequence[object]) -> list[PrefilteredPattern] | None:
    """The patterns as the prefilter reads them; None when it cannot rule out a match of
    one of them (see :meth:`PrefilteredPattern.gateable`)."""
    read = [prefiltered(pattern) for pattern in patterns]
    return None if any(view is None or not view.gateable for view in read) else read  # type: ignore[return-value]


class Plan:
    """The enabled rules of a file, indexed by the pattern ids that let them run."""

    def __init__(self, rules: Sequence[Rule], keep: Keep | None = None) -> None:
        self.rules = list(rules)
        if keep is not None and not FIRST.ids:
            _join_kept(self.rules, keep)
        if keep is not None:
            _later_kept(self.rules, keep)
        #: Rules the scan cannot rule out (measures, minimums, patterns without starts).
        self.always: set[int] = set()
        #: Per text, pattern id -> indices of the rules it lets run.
        self.gated: dict[str, dict[int, list[int]]] = {}
        #: Per text, every rule reading it (what runs when the text is not scanned).
        self.readers: dict[str, set[int]] = {}
        #: Rules that need more than one match in the reply: how many, of which patterns.
        self.counted: dict[int, tuple[int, list[PrefilteredPattern]]] = {}
        #: The rules that read the customer's message, and the factors one of which it
        #: must hold for them to run (None: no such set).
        self.context: set[int] = set()
        in_context_views: list[PrefilteredPattern] = []
        for index, rule in enumerate(self.rules):
            check = rule.check
            needs = check.needs()
            in_reply = _gate(needs.in_reply) if needs is not None else None
            # The customer's message is read in full, not scanned: its patterns need no
            # place in the scan of every reply, only their factors.
            in_context = _views(needs.in_context) if needs is not None else None
            if needs is None or in_reply is None or in_context is None or not (needs.in_reply or needs.in_context):
                self.always.add(index)
                continue
            if in_reply[1]:
                kind = _RAW if check.reads_raw else _PROSE
                table = self.gated.setdefault(kind, {})
                for pid in in_reply[1]:
                    table.setdefault(pid, []).append(index)
                self.readers.setdefault(kind, set()).add(index)
            if in_context:
                self.context.add(index)
                in_context_views += in_context
            if needs.at_least > 1 and not needs.in_context and not check.reads_raw:
                self.counted[index] = (needs.at_least, in_reply[0])
        #: Per text read in full (the raw reply, the customer's message): the factors one
        #: of which it must hold for any of its patterns to match (None: no such set).
        self.needs = {kind: FIRST.needs(table) for kind, table in self.gated.items() if kind != _PROSE}
        self.needs[_CONTEXT] = all_factors(view.needed for view in in_context_views)
        self._parts: dict[int, list[Plan]] = {}

    def parts(self, jobs: int) -> list[Plan]:
        """The rules split for up to ``jobs`` processes reading one long reply, in rule
        order within each part: the rules gated by the scan of the reply all in the first
        part, since they share that scan, which every part holding one would pay for
        again (it is as much work as their rules together); the others (measures, rules
        that read the raw reply or the customer's message in full) dealt over the other
        parts."""
        if jobs <= 1:
            return [self]
        found = self._parts.get(jobs)
        if found is None:
            scanned = self.readers.get(_PROSE, set())
            first = [r for i, r in enumerate(self.rules) if i in scanned]
            rest = [r for i, r in enumerate(self.rules) if i not in scanned]
            share = max(1, jobs - 1) if first else jobs
            found = self._parts[jobs] = [Plan(part) for part in (first, *(rest[k::share] for k in range(share))) if part]
        return found

    def to_run(self, prose: Prose) -> list[Rule]:
        """The rules that may find something in this reply, in rule order."""
        run = set(self.always)
        texts = _texts(prose)
        for kind, table in self.gated.items():
            text = texts[kind]
            if not text:
                continue  # no pattern matches an empty text (rule files are checked for it)
            if kind != _PROSE and text != texts[_PROSE]:
                # The raw text and the customer's message are read by a few patterns: each
                # reads them in full where its factors are (a scan for every pattern's
                # starts would cost more, on a megabyte reply many times more).
                needs = self.needs[kind]
                if needs is not None and not holds_any(text, needs):
                    continue
                FIRST.read_in_full(text)
                found = None
            else:
                found = FIRST.candidates(text)
            if found is None:  # read in full: every rule reading it runs
                run.update(self.readers[kind])
                continue
            for pid in table.keys() & found.ids():
                owners = table[pid]
                if not run.issuperset(owners) and pid in found:  # (whether it is found costs a check of factors)
                    run.update(owners)
        context = prose.context
        if context and self.context:
            needs = self.needs[_CONTEXT]
            if needs is None or holds_any(context, needs):
                if context != prose.text:
                    # Its patterns are in CONTEXT (see _later_kept) or read it in full:
                    # neither of the other indexes scans it for them.
                    FIRST.read_in_full(context)
                    LATER.read_in_full(context)
                run.update(self.context)
        for index in self.counted.keys() & run:
            count, patterns = self.counted[index]
            most = _most(patterns, prose.text)
            if most is not None and most < count:
                run.discard(index)  # too few places where a match may start
        return [self.rules[i] for i in sorted(run)]


def _join_kept(rules: Sequence[Rule], keep: Keep) -> None:
    """Fill the empty :data:`FIRST` with what these rules' patterns leave in it, kept from
    an earlier run with the same patterns where there was one (see :meth:`Index.restore`)."""
    views: list[PrefilteredPattern] = []
    for rule in rules:
        needs = rule.check.needs()
        if needs is not None:
            views += [v for p in needs.in_reply if (v := prefiltered(p)) is not None and v.gateable]

    def build() -> IndexState:
        for view in views:
            view.join(FIRST)
        return FIRST.state()

    FIRST.restore(keep([(v.pattern, v.flags) for v in views], build))


def _later_kept(rules: Sequence[Rule], keep: Keep) -> None:
    """Have :data:`LATER` hold, when first used, what the patterns these rules consult
    after a first match (their exceptions, a rule's required phrases) leave in it, kept
    from an earlier run with the same patterns where there was one: a pattern written out
    from word classes has thousands of starts, and joining them one by one costs more
    than linting a few hundred replies. The patterns are found among the attributes of
    the rules' types; one found nowhere joins when first used, as without this. The
    patterns read only in the customer's message go to :data:`CONTEXT` the same way."""
    in_reply: set[int] = set()
    in_context: dict[int, PrefilteredPattern] = {}
    for rule in rules:
        needs = rule.check.needs()
        if needs is not None:
            in_reply.update(id(v) for p in needs.in_reply if (v := prefiltered(p)) is not None)
            in_context.update((id(v), v) for p in needs.in_context if (v := prefiltered(p)) is not None and v.has_starts)
    context = [v for i, v in in_context.items() if i not in in_reply]
    for view in context:
        view.read_later_in(CONTEXT)
    skip = in_reply | in_context.keys()
    later = list({id(v): v for rule in rules for v in getattr(rule.check, "__dict__", {}).values()
                  if isinstance(v, PrefilteredPattern) and v.has_starts and id(v) not in skip}.values())
    _keep_when_used(LATER, "later", later, keep)
    _keep_when_used(CONTEXT, "context", context, keep)


def _keep_when_used(index: Index, name: str, views: list[PrefilteredPattern], keep: Keep) -> None:
    """Have ``index`` restore, when first used, the state these patterns leave in it
    (kept in the rule cache under ``name`` and their sources)."""
    if not views:
        return

    def build() -> IndexState:
        for view in views:
            view.join(index)
        return index.state()

    index.restore_when_used(lambda: keep([name, *((v.pattern, v.flags) for v in views)], build))


def _most(patterns: Sequence[PrefilteredPattern], text: str) -> int | None:
    """At most how many matches the patterns have in ``text`` (None: no bound)."""
    total = 0
    for pattern in patterns:
        bound = pattern.most(text)
        if bound is None:
            return None
        total += bound
    return total
