"""Entries that match labelled replies of the fit half and (almost) no unlabelled reply.

A phrase added because one labelled reply contains it raises the fit half's score and
does nothing for the next team's replies: the gap between the halves grows. Such an entry
leaves a trace: it matches a reply of the fit half and hardly any of the tens of thousands
of unlabelled replies. This lists every entry of the shipped word classes and rule files
(trigger, phrases, required, exceptions) that matches at least one fit-half reply and at
most ``--max-unlabelled`` unlabelled ones, with its file and line, for a person to judge:
a rare wording straight from a cited source is fine; the wording of one labelled reply is
not, and should become the general form it stands for (or go).

    python scripts/fit_only_entries.py [--max-unlabelled N] [--corpus PATH ...]

Only the fit half is read (the check half is never read). The unlabelled replies are the
corpora's replies whose ids are in neither label file. Slow (every entry on every reply:
some minutes). Skips cleanly (exit 0, a note on stderr) when ``../shared`` is not there.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from cslint.checks import patterns
from cslint.rulefiles.plugins import default_rules_dir
from cslint.rulefiles import vocabulary
from cslint.rulefiles.yamlsafe import load_with_lines

import shared_data

#: The phrase keys of rule files whose entries are read.
RULE_KEYS = ("trigger", "phrases", "required", "exceptions", "sentence-exceptions")


def in_fit_half(reply_id: str) -> bool:
    """The half ``score.py`` puts a labelled reply in (fit or check, by a hash of its id)."""
    return hashlib.sha256(reply_id.encode("utf-8")).digest()[0] % 2 == 0


def entries(rules: Path, classes: vocabulary.Vocabulary) -> Iterator[tuple[str, str]]:
    """(where, entry) for every class entry and rule phrase entry under ``rules``."""
    for name in sorted(classes):
        wc = classes[name]
        for entry, _source, line in wc.entries:
            yield f"{Path(wc.path).relative_to(rules)}:{line}", vocabulary.word_forms(entry)
    for path in sorted(rules.glob("*/*.yml")):
        if path.parent.name == vocabulary.FOLDER:
            continue
        data = load_with_lines(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for key in RULE_KEYS:
            for entry in data.get(key) or ():
                if isinstance(entry, str):
                    yield f"{path.relative_to(rules)} {key}", entry


def counts(pattern: patterns.Pattern, texts: Iterable[str]) -> int:
    return sum(1 for t in texts if patterns.search(pattern, t) is not None)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--max-unlabelled", type=int, default=0, help="list entries with at most this many unlabelled matches (default: 0)")
    ap.add_argument("--corpus", type=Path, action="append", help="an unlabelled JSON Lines corpus (repeatable; default: twcs, IBM, macros)")
    ap.add_argument("--labels", type=Path, nargs="+", default=list(shared_data.LABELS), help="the label files (default: ../shared/eval/dev*.jsonl)")
    ap.add_argument("--rules", type=Path, default=default_rules_dir(), help="the rule folder (default: the shipped rules, wherever cslint is installed)")
    args = ap.parse_args(argv)
    corpora = args.corpus or shared_data.REAL_REPLIES
    missing = [str(p) for p in [*args.labels, *corpora] if not p.exists()]
    if missing:
        print(f"fit_only_entries: {', '.join(missing)} is not there; nothing to read", file=sys.stderr)
        return 0
    labelled = [row for path in args.labels for row in shared_data.records(path)]
    ids = {str(row["id"]) for row in labelled}
    fit = [f"{row['text']}\n{row.get('context') or ''}" for row in labelled if in_fit_half(str(row["id"]))]
    unlabelled = [str(row["text"]) for path in corpora for row in shared_data.records(path) if str(row["id"]) not in ids]
    classes = vocabulary.load([args.rules])
    listed = 0
    for where, entry in entries(args.rules, classes):
        pattern = patterns.compile_entries(classes.expand(entry))
        in_fit = counts(pattern, fit)
        if not in_fit:
            continue
        elsewhere = counts(pattern, unlabelled)
        if elsewhere <= args.max_unlabelled:
            listed += 1
            print(f"{where}: fit {in_fit}, unlabelled {elsewhere}: {entry[:140]}")
    print(f"{listed} entries match the fit half and at most {args.max_unlabelled} of {len(unlabelled)} unlabelled replies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
