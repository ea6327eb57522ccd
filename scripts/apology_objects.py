"""What replies apologise for, said without the apology: do the empathy rules see a problem?

An agent who writes "Sorry your flight has been delayed" names, after the apology, the
very thing a reply must not pass over in silence. So the words after an apology in real
replies are a supply of problems worded as support teams word them, written by no rule
author. This takes every apology in the unlabelled replies of a corpus ("sorry (to hear)
(that|about|for) ...", "apologies for ...", "we apologise for ..."), keeps what it is for,
makes that a reply of its own ("Your flight has been delayed.") and lints it with the
empathy rules: CS301 (a named fault), CS304 (bad news) or CS305 should fire. The share
that does is recall measured on wordings nobody labelled; the rest are printed with ids,
to read:

    python scripts/apology_objects.py [--corpus PATH ...] [--show N]

Apologies for nothing in particular are left out, as no rule could find a problem in
them: "sorry to hear that", "sorry for the inconvenience / any trouble / the confusion",
"sorry you feel that way", "sorry, but ...", "sorry if ...". Labelled replies (ids in
``../shared/eval/dev.jsonl`` and ``dev2.jsonl``) are left out too: half of them are the
check half, which is never read.

Skips cleanly (exit 0, a note on stderr) when a corpus is not there.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

from cslint import lint_text
from cslint.config import Config

import shared_data

#: The rules that answer "is there a problem here that needs acknowledging?".
EMPATHY = ("CS301", "CS304", "CS305")

#: An apology and what it is for, up to the end of the clause.
_APOLOGY = regex.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)(?: to (?:hear|see|learn|read|know))?(?: (?:that|about|for))?,? "
    r"(?P<object>[^.!?\n;:(]{6,}?)"
    r"(?=[.!?\n;:(]|$| but\b| - | \^|, [A-Z][a-z]+[.!]| https?:)",
    regex.IGNORECASE,
)
#: What says nothing in particular: a general apology, a feeling, a condition, a "but".
_NOTHING_IN_PARTICULAR = regex.compile(
    r"^(?:(?:any|the|all|all the|this|that|your|our|for any|for the|again for(?: the| any)?) )*"
    r"(?:inconvenien(?:ce|t)s?|troubles?|confusion|frustrations?|hassle|disappointment|experience|"
    r"issues?|problems?|situation|that|this|it|delay)\b(?: caused)?(?:[ ,].{0,25})?$"
    r"|^(?:to (?:hear|see|read|learn|know|inform)|you (?:feel|felt)|if|but|that|this|about th(?:at|is)|again|as|on|of)\b",
    regex.IGNORECASE,
)


def apology_objects(text: str) -> Iterator[str]:
    """What each apology in ``text`` is for, as a sentence of its own."""
    for m in _APOLOGY.finditer(text):
        what = m.group("object").strip(" ,")
        if len(what.split()) < 2 or _NOTHING_IN_PARTICULAR.search(what):
            continue
        yield what[0].upper() + what[1:] + "."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, action="append", help="a JSON Lines corpus (repeatable; default: twcs, IBM, macros)")
    ap.add_argument("--show", type=int, default=50, help="print this many misses (default: 50)")
    args = ap.parse_args(argv)
    corpora = args.corpus or shared_data.REAL_REPLIES
    missing = [str(p) for p in corpora if not p.exists()]
    if missing:
        print(f"apology_objects: {', '.join(missing)} is not there; nothing to measure", file=sys.stderr)
        return 0
    skip = shared_data.labelled_ids()
    config = Config(select=list(EMPATHY))
    seen = noticed = 0
    misses: list[tuple[str, str]] = []
    for path in corpora:
        for row in shared_data.records(path):
            if str(row["id"]) in skip:
                continue
            for sentence in apology_objects(row["text"]):
                seen += 1
                if lint_text(sentence, config=config):
                    noticed += 1
                else:
                    misses.append((str(row["id"]), sentence))
    share = f" ({noticed / seen:.1%})" if seen else ""
    print(f"{seen} things apologised for, restated without the apology; the empathy rules notice {noticed}{share}")
    for rid, sentence in misses[: args.show]:
        print(f"  missed: {rid} {sentence[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
