"""scripts/apology_objects.py: what it takes from an apology, and what it prints."""
from __future__ import annotations

import json
from pathlib import Path

from evalscripts import run_script

from apology_objects import apology_objects  # (from scripts/, which evalscripts puts on the path)


def test_what_an_apology_is_for_becomes_a_sentence_of_its_own() -> None:
    text = "@123 So sorry to hear your flight has been delayed, Anna. We apologise for the late reply! ^JK"
    assert list(apology_objects(text)) == ["Your flight has been delayed.", "The late reply."]


def test_apologies_for_nothing_in_particular_are_left_out() -> None:
    text = (
        "Sorry to hear that. Sorry for the inconvenience caused. Sorry you feel that way. "
        "Sorry, but we can't. Sorry if this was confusing. Apologies for any trouble."
    )
    assert list(apology_objects(text)) == []


def test_it_counts_what_the_empathy_rules_notice_and_lists_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "replies.jsonl"
    rows = [
        {"id": "r1", "text": "Sorry your parcel arrived damaged. A new one is on its way."},
        {"id": "r2", "text": "Sorry about the sweaty seats on the coach. DM us."},
        {"id": "r3", "text": "Thanks for reaching out!"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = run_script("apology_objects.py", "--corpus", str(corpus))
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "2 things apologised for, restated without the apology; the empathy rules notice 1 (50.0%)",
        "  missed: r2 'The sweaty seats on the coach.'",
    ]
