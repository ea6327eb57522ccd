"""The benchmark runs end to end on a small slice (no timing is asserted, only that it
measures every input and prints the table), and skips cleanly without the corpus."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "benchmarks" / "run.py"


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True, timeout=600)


def test_skips_cleanly_without_the_corpus(tmp_path: Path) -> None:
    result = _bench("--corpus", str(tmp_path / "absent"))
    assert result.returncode == 0
    assert result.stdout.startswith("benchmark skipped: no reply corpus at")


@pytest.mark.slow
def test_quick_run_measures_every_input(shared: Path) -> None:
    result = _bench("--quick", "--no-proselint", "--corpus", str(shared / "corpus"))
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows[1:]]
    assert names == [
        "cold start, 1 small file",
        "folder of 100 files",
        "folder of 100 files, -j 1",
        "one text file, 2,000 replies",
        "JSON Lines, 2,000 replies",
        "JSON Lines, 2,000 replies, -j 1",
        "bitext JSON Lines, 200 long replies",
    ]
    header = [cell.strip() for cell in rows[0].split("|")[1:-1]]
    assert header == ["input", "replies", "MB", "cslint s", "replies/s", "MB/s", "peak MB", "findings"]
    # Serial and parallel runs print the same findings.
    findings = {name: row.split("|")[8].strip() for name, row in zip(names, rows[1:])}
    assert findings["folder of 100 files"] == findings["folder of 100 files, -j 1"]
    assert findings["JSON Lines, 2,000 replies"] == findings["JSON Lines, 2,000 replies, -j 1"]
    scaling = [line[2:].split(":")[0] for line in result.stdout.splitlines() if line.startswith("- ")]
    # (the line of findings is built from every rule's flag examples: its size follows them)
    assert scaling[:2] == ["JSON Lines, 200 replies", "one-line reply, 21 kB"]
    assert len(scaling) == 3 and re.fullmatch(r"one line of findings, \d+ kB", scaling[2])
    assert "x the time for 10.0x the input" in result.stdout


def test_serve_latency_runs_on_a_2000_character_reply() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "serve.py"), "--requests", "3"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # (how many findings follows the rules; that there are some shows the rules ran)
    assert re.fullmatch(r"a 2,000-character reply with a customer's message \(([1-9]\d*) findings before the "
                        r"keystrokes\), 3 requests, each one keystroke from the last", lines[0])
    assert [line.split("|")[1].strip() for line in lines[3:]] == [
        "request over loopback HTTP (client's clock)", "App.lint alone (no HTTP)"]


@pytest.mark.slow
def test_the_library_benchmark_audits_a_synthetic_library(shared: Path) -> None:
    """benchmarks/library.py on 300 macros made from ../shared/macro_repos: it measures
    the audit and finds the planted copy (no timing is asserted)."""
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "library.py"), "--macros", "300", "--runs", "1",
                             "--repos", str(shared / "macro_repos"), "--", "--select", "CS8"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("cslint audit: 300 macros in 1 file(s), ")
    assert re.fullmatch(r"wall [\d.]+ s \(median\), CPU [\d.]+ s, peak \d+ MB \(the largest process\), exit status 0", lines[1])
    # (how many findings follows the CS8 rules; the planted copy is found whatever they are)
    assert re.match(r"[1-9]\d* findings; 1 near-duplicates in 1 clusters \(1 copies planted", lines[2]), lines[2]


def test_the_library_benchmark_skips_cleanly_without_the_libraries(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "library.py"), "--repos", str(tmp_path / "absent")],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"benchmark skipped: no macro libraries at {tmp_path / 'absent'}\n")
