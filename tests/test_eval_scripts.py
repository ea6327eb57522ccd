"""What every evaluation script does without the shared corpus: a note, not an error."""
from __future__ import annotations

from pathlib import Path

import pytest

from evalscripts import run_script


@pytest.mark.parametrize("script", ["wording_gaps.py", "apology_objects.py", "fit_only_entries.py"])
def test_a_missing_corpus_is_a_note_not_an_error(script: str, tmp_path: Path) -> None:
    done = run_script(script, "--corpus", str(tmp_path / "absent.jsonl"))
    assert done.returncode == 0
    assert done.stdout == ""
    assert "absent.jsonl is not there" in done.stderr
