"""Which rules can find anything in a reply, decided once per reply from the anchor scan.

Most rules find nothing in most replies. Each rule names the patterns one of which must
match for it to report (:meth:`cslint.checks.base.Check.gate_patterns`); the shared scan
of :mod:`cslint.prefilter.anchors` says which patterns have a candidate in the reply. A plan maps
pattern ids to rules once per set of enabled rules, so per reply the rules to run come
from one set intersection, not a test per rule. The raw reply and the customer's message
are read by a few rules only: those run where one of their factors is there, and read
that text in full.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..engine.masking import Prose
from ..rulefiles.parse import Rule
from . import anchors

#: The texts a rule's patterns may be read in.
_PROSE, _RAW, _CONTEXT = "prose", "raw", "context"


def _texts(prose: Prose) -> dict[str, str]:
    return {_PROSE: prose.text, _RAW: prose.raw or prose.text, _CONTEXT: prose.context}


class Plan:
    """The enabled rules of a file, indexed by the pattern ids that let them run."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)
        #: Rules the scan cannot rule out (measures, minimums, patterns without anchors).
        self.always: set[int] = set()
        #: Per text, pattern id -> indices of the rules it lets run.
        self.gated: dict[str, dict[int, list[int]]] = {}
        #: Per text, every rule reading it (what runs when the text is not scanned).
        self.readers: dict[str, set[int]] = {}
        for index, rule in enumerate(self.rules):
            check = rule.check
            patterns = check.gate_patterns()
            gate = anchors.gate(*patterns) if patterns is not None else None
            if gate is None:
                self.always.add(index)
                continue
            in_reply, in_context = gate
            for kind, ids in ((_RAW if check.reads_raw else _PROSE, in_reply), (_CONTEXT, in_context)):
                if not ids:
                    continue
                table = self.gated.setdefault(kind, {})
                for pid in ids:
                    table.setdefault(pid, []).append(index)
                self.readers.setdefault(kind, set()).add(index)
        #: Per text read in full (the raw reply, the customer's message): the factors one
        #: of which it must hold for any of its patterns to match (None: no such set).
        self.needs = {kind: anchors.REGISTRY.needs(table) for kind, table in self.gated.items() if kind != _PROSE}
        self._parts: dict[int, list[Plan]] = {}

    def parts(self, jobs: int) -> list[Plan]:
        """The rules split for up to ``jobs`` processes reading one long reply, in rule
        order within each part: the rules gated by the anchor scan of the reply all in
        the first part, since they share that scan, which every part holding one would
        pay for again (it is as much work as their rules together); the others (measures,
        rules that read the raw reply or the customer's message in full) dealt over the
        other parts."""
        if jobs <= 1:
            return [self]
        found = self._parts.get(jobs)
        if found is None:
            scanned = set(self.readers.get(_PROSE, ()))
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
            if kind != _PROSE and text is not texts[_PROSE]:
                # The raw text and the customer's message are read by a few patterns: each
                # reads them in full where its factors are (a scan for every pattern's
                # anchors would cost more, on a megabyte reply many times more).
                needs = self.needs[kind]
                if needs is not None and not anchors.holds_any(text, needs):
                    continue
                anchors.REGISTRY.read_in_full(text)
                found = None
            else:
                found = anchors.REGISTRY.candidates(text)
            if found is None:  # read in full, or it could not be scanned: every rule reading it runs
                run.update(self.readers[kind])
                continue
            for pid in table.keys() & found.keys():
                run.update(table[pid])
        return [self.rules[i] for i in sorted(run)]
