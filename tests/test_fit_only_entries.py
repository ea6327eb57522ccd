"""scripts/fit_only_entries.py: entries that match the fit half and no unlabelled reply."""
from __future__ import annotations

from pathlib import Path

from evalscripts import jsonl, run_script


def test_it_lists_what_only_the_fit_half_says_and_never_reads_the_check_half(tmp_path: Path) -> None:
    # "x1" and "x2" fall in the fit half by score.py's hash, "x0" in the check half
    labels = jsonl(tmp_path / "labels.jsonl", [
        {"id": "x1", "text": "Please give us the versions, as requested in the template!"},
        {"id": "x2", "text": "As I said, the refund takes five days."},
        {"id": "x0", "text": "We have already explained this to you."},
    ])
    corpus = jsonl(tmp_path / "corpus.jsonl", [
        {"id": "u1", "text": "As I said before, it ships Monday."},
        {"id": "x0", "text": "We have already explained this to you."},
    ])
    done = run_script("fit_only_entries.py", "--labels", str(labels), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # pointing back at a document: fit only; "as I said" is in an unlabelled reply too;
    # "already explained" is only in the check half (left out, and its copy in the corpus
    # is labelled, so not unlabelled either)
    assert any(line.startswith("respect/passive-aggressive.yml phrases: fit 1, unlabelled 0: as (?:already") for line in lines)
    assert not any("(?:as|like) I" in line or "already (?:explained" in line for line in lines)
    assert lines[-1].endswith("entries match the fit half and at most 0 of 1 unlabelled replies")
