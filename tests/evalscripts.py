"""Running the evaluation scripts of ``scripts/`` as a person does, in a fresh process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
# The tests import the scripts' modules as the scripts import each other: from their folder.
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python scripts/<name> args...``, its output captured."""
    return subprocess.run([sys.executable, str(SCRIPTS / name), *args], capture_output=True, text=True, timeout=300)


def jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write ``rows`` as a JSON Lines corpus and return its path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
