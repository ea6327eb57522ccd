"""What the evaluation scripts read from ``../shared`` and what none of them may read.

Every script that prints replies from the corpora leaves out the labelled ones: half of
them are the check half, which is scored and never read (docs/eval.md).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
LABELS = (SHARED / "eval" / "dev.jsonl", SHARED / "eval" / "dev2.jsonl")
#: The corpora of real replies (the bitext answers are synthetic, kechtel a twcs subset).
REAL_REPLIES = [CORPUS / name for name in ("twcs.jsonl", "ibm_twitter_customer_care.jsonl", "macros_all.jsonl")]


def records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file, in order."""
    with path.open(encoding="utf-8") as f:
        yield from (json.loads(line) for line in f if line.strip())


def labelled_ids(paths: Iterable[Path] = LABELS) -> set[str]:
    """Every labelled id (a label file that is not there holds none)."""
    return {str(row["id"]) for path in paths if path.is_file() for row in records(path)}
