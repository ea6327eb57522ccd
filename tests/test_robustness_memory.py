"""Memory stays proportional to the largest reply, whatever the file's syntax.

Peak memory is measured in a fresh process (``resource.getrusage``), so what the test
process already holds does not count; the bounds are generous multiples of what the code
needs, and far below what it needed before (issue 24).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cslint import Config, api
from cslint.sources import streaming

from conftest import ROOT

resource = pytest.importorskip("resource")

#: Megabytes of input in the measured files.
INPUT_MB = 8
#: Megabytes of the JSON Lines export streamed.
STREAM_MB = 16


def _peak_mb(code: str) -> float:
    """Peak resident memory of a fresh Python running ``code``, less its start (imports
    included), in megabytes. Linux keeps ``ru_maxrss`` across the exec that starts the
    child, so it would still hold the test process's own peak: the child reads its
    high-water mark (``VmHWM``) where /proc has one."""
    script = (
        "import os, resource, sys\n"
        "import cslint.readers.csv, cslint.readers._csv, cslint.sources.document, cslint.readers.base\n"
        "def peak():\n"
        "    if os.path.exists('/proc/self/status'):\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1]) / 1024\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == 'darwin' else 1024)\n"
        "before = peak()\n"
        f"{code}\n"
        "print(peak() - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": ""}, check=True)
    return float(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("closed", [True, False], ids=["one field", "unclosed quote"])
def test_a_huge_quoted_csv_field_costs_a_few_times_its_size(tmp_path: Path, closed: bool) -> None:
    """A quoted field cost about 130 bytes a character while it was matched (an 8 MB field
    took about 1 GB; a 32 MB CSV ended in MemoryError). A quote that never closes is
    matched to the end of the file before it is reported, so it costs the same."""
    body = 'Hello, "quoted" part; thanks.\n' * (INPUT_MB * 1024 * 1024 // 31)
    path = tmp_path / "big.csv"
    path.write_text('id,body\n1,"' + body.replace('"', '""') + ('"\n' if closed else "\n"), encoding="utf-8")
    peak = _peak_mb(
        "from cslint.readers import csv, ReadOptions, ReadError\n"
        "from cslint.sources.document import SourceFile\n"
        f"text = open({str(path)!r}, encoding='utf-8').read()\n"
        "try:\n"
        "    replies = [len(s.text) for s in csv.READER.read(SourceFile('big.csv', text), ReadOptions())]\n"
        "except ReadError:\n"
        "    pass\n"
    )
    assert peak < 10 * INPUT_MB, f"{peak:.0f} MB to read {INPUT_MB} MB"


def test_json_lines_with_cr_line_endings_are_streamed_in_windows(tmp_path: Path) -> None:
    """Windows were finished by reading on to the next LF: a file whose lines end in CR
    alone came as one window of the whole file (60 MB took 2.8 GB)."""
    line = json.dumps({"id": 1, "text": "As I said, thanks for writing in."})
    path = tmp_path / "cr.jsonl"
    path.write_bytes((line + "\r").encode() * 20_000)
    sizes = [len(w.text) for w in streaming.windows(str(path), "jsonl", window_bytes=64 * 1024, first_bytes=64 * 1024)]
    assert len(sizes) > 10 and max(sizes) < 64 * 1024 + len(line) + 1
    assert sum(sizes) == path.stat().st_size  # every byte, once


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_streamed_line_numbers_hold_for_every_line_ending(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          ending: str) -> None:
    """Windows cut at every line ending, never inside a CRLF: each finding keeps its line."""
    rules = str(ROOT / "tests" / "fixtures" / "formats" / "rules")
    config = Config(no_default_rules=True, rules=(rules,))
    lines = [json.dumps({"id": n, "text": "As I said, done." if n % 7 == 0 else "Thanks!"}) for n in range(1, 60)]
    path = tmp_path / "export.jsonl"
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    whole = [(d.line, d.column, d.code) for d in api.lint_paths([path], config)]
    assert [line for line, _, _ in whole] == [n for n in range(1, 60) if n % 7 == 0]
    monkeypatch.setattr(streaming, "STREAM_BYTES", 1)
    for window in (50, 61, 100):  # (lines are 29 to 44 bytes long)
        monkeypatch.setattr(streaming, "WINDOW_BYTES", window)
        monkeypatch.setattr(streaming, "FIRST_WINDOW_BYTES", window)
        assert len(list(streaming.windows(str(path), "jsonl"))) > 10
        assert [(d.line, d.column, d.code) for d in api.lint_paths([path], config)] == whole


def test_a_cr_only_json_lines_export_keeps_memory_flat(tmp_path: Path) -> None:
    """Read window by window, an export whose lines end in CR holds one window at a time
    (one window of the whole file took about three times its size)."""
    line = json.dumps({"id": 1, "text": "Thanks for writing in, we will look into it today."}) + "\r"
    path = tmp_path / "cr.jsonl"
    path.write_bytes(line.encode() * (STREAM_MB * 1024 * 1024 // len(line)))
    peak = _peak_mb(
        "from cslint.sources import streaming\n"
        f"for window in streaming.windows({str(path)!r}, 'jsonl'):\n"
        "    pass\n"
    )
    assert peak < STREAM_MB / 4, f"{peak:.1f} MB to stream {STREAM_MB} MB"
