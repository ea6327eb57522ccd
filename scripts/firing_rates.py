"""How often the shipped rules fire on real, unlabelled support replies.

A rule that fires on a large share of ordinary replies will be switched off by the teams
that try it, so this is the false-alarm check on text no one labelled: the share of the
replies in ``../shared/corpus/twcs.jsonl`` (brands' replies on Twitter) that get at least
one diagnostic, per principle and per rule, plus a random sample of what fired to read.

    python scripts/firing_rates.py [--corpus PATH] [--sample N] [--seed S] [--code CS402,CS403] [--extend-select CS011]

The rates count every reply; the sample is drawn only from replies no one labelled (ids in
``../shared/eval/dev.jsonl`` and ``dev2.jsonl`` are left out), since half of the labelled
replies are the check half that must never be read. Each sampled reply is printed whole
with its id, so a reading can be checked.

Skips cleanly (exit 0, a note on stderr) when the shared corpus is not there.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from cslint import lint_text
from cslint.config import Config
from cslint.rulefiles.parse import PRINCIPLES, code_range

import shared_data

DEFAULT_CORPUS = shared_data.CORPUS / "twcs.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sample", type=int, default=5, help="replies to show per principle (or per --code)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--code", help="show the sample for these rule codes only (comma-separated)")
    ap.add_argument("--extend-select", nargs="*", default=[], metavar="PREFIX",
                    help="also run these rules (opt-in ones such as CS011 are off by default)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"firing_rates: {args.corpus} not found; nothing to measure", file=sys.stderr)
        return 0

    records = [(str(row["id"]), row["text"]) for row in shared_data.records(args.corpus)]
    texts = [text for _, text in records]
    labelled = shared_data.labelled_ids()
    config = Config(extend_select=tuple(args.extend_select))
    by_principle: dict[str, set[int]] = defaultdict(set)
    by_rule: Counter[str] = Counter()
    fired: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, text in enumerate(texts):
        seen: set[str] = set()
        for d in lint_text(text, filename="reply.txt", config=config):
            if d.code.startswith("CS9"):
                continue
            by_principle[d.principle].add(i)
            if d.code not in seen:
                seen.add(d.code)
                by_rule[d.code] += 1
                fired[d.code].append((i, d.message))

    total = len(texts)
    print(f"{total} replies in {args.corpus.name}")
    print(f"{'principle':26} {'replies':>8} {'share':>7}")
    for principle in PRINCIPLES:
        n = len(by_principle[principle])
        print(f"{code_range(principle)} {principle:20} {n:8d} {n / total:7.2%}")
    anything = len(set().union(*by_principle.values()))
    print(f"{'any rule':26} {anything:8d} {anything / total:7.2%}")
    print()
    print(f"{'rule':6} {'replies':>8} {'share':>7}")
    for code, n in sorted(by_rule.items()):
        print(f"{code:6} {n:8d} {n / total:7.2%}")

    rng = random.Random(args.seed)
    # one sample per principle: CS1 for respect, CS04 for confidentiality
    groups = args.code.split(",") if args.code else sorted({"CS" + PRINCIPLES[p] for p in by_principle})
    for group in groups:
        pool = [(c, i, m) for c, hits in fired.items() if c.startswith(group) for i, m in hits
                if records[i][0] not in labelled]
        print(f"\n== sample of {group}: {min(args.sample, len(pool))} of {len(pool)} unlabelled")
        for code, i, message in rng.sample(pool, min(args.sample, len(pool))):
            print(f"  {records[i][0]} {code} {message}\n      {texts[i]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
