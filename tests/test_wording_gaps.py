"""scripts/wording_gaps.py: the two wordings it compares, and what it prints."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from evalscripts import jsonl, run_script

import shared_data  # (from scripts/, which evalscripts puts on the path)


def test_it_lists_a_code_only_one_wording_gets(tmp_path: Path) -> None:
    # CS701 counts words: "it's" is one, "it is" two, so 35 words become 36, over the limit
    text = "It's " + " ".join(["fine"] * 34) + "."
    corpus = tmp_path / "replies.jsonl"
    rows = [{"id": "r1", "text": text}, {"id": "r2", "text": "No contraction here."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = run_script("wording_gaps.py", "--corpus", str(corpus))
    assert done.returncode == 0
    assert done.stdout.splitlines()[:3] == [
        "1 replies the swap 'contractions' changes",
        "CS701: flagged as written only 0, swapped only 1",
        f"  swapped: r1 {('It is ' + ' '.join(['fine'] * 34) + '.')[:160]!r}",
    ]


def test_the_person_swap_leaves_out_a_reply_that_would_ask_for_a_dm_to_a_person(tmp_path: Path) -> None:
    corpus = tmp_path / "replies.jsonl"
    rows = [{"id": "r1", "text": "Please DM us your order number."}, {"id": "r2", "text": "We'll look into it."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = run_script("wording_gaps.py", "--swap", "person", "--corpus", str(corpus))
    assert done.stdout.splitlines()[0] == "1 replies the swap 'person' changes"


@pytest.mark.skipif(not all(p.is_file() for p in shared_data.LABELS), reason="../shared is not present")
def test_a_labelled_reply_is_counted_and_never_printed(tmp_path: Path) -> None:
    labelled = sorted(shared_data.labelled_ids())[0]
    text = "It's " + " ".join(["fine"] * 34) + "."
    corpus = jsonl(tmp_path / "replies.jsonl", [{"id": labelled, "text": text}])
    done = run_script("wording_gaps.py", "--corpus", str(corpus))
    assert done.stdout.splitlines() == [
        "1 replies the swap 'contractions' changes",
        "CS701: flagged as written only 0, swapped only 1",
    ]
