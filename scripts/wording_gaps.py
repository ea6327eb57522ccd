"""Where the rules read two wordings of the same reply differently.

"It isn't available" and "it is not available" say the same; so do "your order's been
cancelled" and "your order has been cancelled", and an agent's "I'll pass this on to my
team" and the brand's "we'll pass this on to our team". A rule that knows only one form
misses the other, and the labelled replies are too few to show it. This lints every
reply of ``../shared/corpus/twcs.jsonl`` that a swap changes twice, as written and
swapped, and prints per code how many replies are flagged in one form only, and some
of them with their ids (a labelled reply is counted, never printed: half of them are the
check half, which is not read):

    python scripts/wording_gaps.py [--swap contractions|person|apostrophes|british] [--corpus PATH] [--show N] [--sample N]

The swaps:

* ``contractions`` writes out the contractions with one reading ("n't", "'re", "'ve",
  "'ll", "I'm", "let's", "it's" and the like, and "'s been"); a noun's "'s" may be a
  possessive and is left alone;
* ``person`` puts the agent's voice for the brand's: "we/our/us" become "I/my/me" (a
  reply with "DM me" after the swap is left out: a brand says "DM us");
* ``apostrophes`` puts the typographic apostrophe (’) for the straight one, as word
  processors and many helpdesk editors write it;
* ``british`` puts British spellings for American ones ("apologize", "canceled",
  "behavior", "center" become "apologise", "cancelled", "behaviour", "centre").

A long-sentence rule (CS701) counts words, so it differs by design.

Skips cleanly (exit 0, a note on stderr) when the shared corpus is not there.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import regex

from cslint import lint_text

import shared_data

DEFAULT_CORPUS = shared_data.CORPUS / "twcs.jsonl"

_A = "['’]"
#: (pattern, replacement) in the order they apply: the irregular negatives first.
_WRITTEN_OUT = [
    (rf"\b([Cc])an{_A}t\b", r"\1annot"),
    (rf"\b([Ww])on{_A}t\b", r"\1ill not"),
    (rf"\b([Ss])han{_A}t\b", r"\1hall not"),
    (rf"\b(\w+)n{_A}t\b", r"\1 not"),
    (rf"\b(\w+){_A}re\b", r"\1 are"),
    (rf"\b(\w+){_A}ve\b", r"\1 have"),
    (rf"\b(\w+){_A}ll\b", r"\1 will"),
    (rf"\b([Ii]){_A}m\b", r"\1 am"),
    (rf"\b([Ll]et){_A}s\b", r"\1 us"),
    (rf"\b([Ii]t|[Tt]hat|[Tt]here|[Ww]hat|[Hh]ere|[Hh]e|[Ss]he|[Ww]ho|[Ww]here){_A}s\b", r"\1 is"),
    (rf"\b(\w+){_A}s been\b", r"\1 has been"),
]
#: The brand's voice to the agent's, contractions first.
_FIRST_PERSON = [
    (rf"\b[Ww]e{_A}re\b", "I'm"),
    (rf"\b[Ww]e{_A}ve\b", "I've"),
    (rf"\b[Ww]e{_A}ll\b", "I'll"),
    (rf"\b[Ww]e{_A}d\b", "I'd"),
    (r"\b[Ww]e are\b", "I am"),
    (r"\b[Ww]e were\b", "I was"),
    (r"\b[Ww]e\b", "I"),
    (r"\bOur\b", "My"),
    (r"\bour\b", "my"),
    (r"\bus\b", "me"),
    (r"\bourselves\b", "myself"),
]
#: American spellings to British ones, as either side of the Atlantic writes a reply.
_BRITISH = [
    (r"\b([Aa]pologi|[Rr]eali|[Oo]rgani|[Aa]uthori|[Rr]ecogni|[Pp]rioriti|[Cc]ustomi|[Ff]inali|[Mm]inimi|[Ee]mphasi)z(e|es|ed|ing)\b", r"\1s\2"),
    (r"\b([Cc]ancel|[Tt]ravel|[Ll]abel|[Mm]odel|[Ff]uel)(ed|ing)\b", r"\1l\2"),
    (r"\b([Bb]ehavi|[Cc]ol|[Ff]av|[Hh]on|[Ll]ab|[Nn]eighb)or", r"\1our"),
    (r"\b([Cc]ent)er(s?)\b", r"\1re\2"),
    (r"\b([Cc]heck)(s?)\b(?= (?:for|of|by|in the amount))", r"\1que\2"),
]
SWAPS = {
    "contractions": [(regex.compile(p), r) for p, r in _WRITTEN_OUT],
    "person": [(regex.compile(p), r) for p, r in _FIRST_PERSON],
    "apostrophes": [(regex.compile("'"), "\u2019")],
    "british": [(regex.compile(p), r) for p, r in _BRITISH],
}
#: After the person swap, a reply that asks for a DM to a person is no brand's reply.
_DM_ME = regex.compile(r"\b(?:DM|dm) me\b")


def swapped(text: str, swap: str) -> str:
    """``text`` with one of :data:`SWAPS` applied.

    >>> swapped("We're sorry it isn't here; your order's been sent and we'll call.", "contractions")
    'We are sorry it is not here; your order has been sent and we will call.'
    >>> swapped("We're on it and we'll update our page; bear with us.", "person")
    "I'm on it and I'll update my page; bear with me."
    """
    for pattern, replacement in SWAPS[swap]:
        text = pattern.sub(replacement, text)
    return text


def _codes(text: str) -> set[str]:
    return {d.code for d in lint_text(text)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--swap", choices=sorted(SWAPS), default="contractions", help="the two wordings to compare (default: contractions)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--show", type=int, default=5, help="replies to print per code and form (default 5)")
    parser.add_argument("--sample", type=int, default=0, help="read only N random replies (default: all)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"wording_gaps: {args.corpus} is not there; nothing to read", file=sys.stderr)
        return 0
    rows = list(shared_data.records(args.corpus))
    labelled = shared_data.labelled_ids()
    if args.sample:
        rows = random.Random(7).sample(rows, min(args.sample, len(rows)))
    only: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: {"as written": [], "swapped": []})
    pairs = 0
    for row in rows:
        text = row["text"]
        other = swapped(text, args.swap)
        if other == text or (args.swap == "person" and _DM_ME.search(other)):
            continue
        pairs += 1
        a, b = _codes(text), _codes(other)
        for code in a - b:
            only[code]["as written"].append((str(row["id"]), text))
        for code in b - a:
            only[code]["swapped"].append((str(row["id"]), other))
    print(f"{pairs:,} replies the swap '{args.swap}' changes")
    for code in sorted(only):
        forms = only[code]
        print(f"{code}: flagged as written only {len(forms['as written'])}, swapped only {len(forms['swapped'])}")
        for form, found in forms.items():
            unlabelled = [(reply_id, text) for reply_id, text in found if reply_id not in labelled]
            for reply_id, text in unlabelled[: args.show]:
                print(f"  {form}: {reply_id} {' '.join(text.split())[:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
