"""One export's replies shared over worker processes (cslint.runtime.parallel.Share): a
lint run and an audit print with ``-j 2`` what they print with ``-j 1``, a part whose
linting fails costs its file as in one process, and a small file starts no worker.

The in-process tests lower the size from which a file is shared, so that a small export
is cut into many parts; the forked workers inherit the lowered sizes."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import signal
from pathlib import Path

import pytest
from test_robustness_input import TIMEOUT_RULE
from test_robustness_liveness import DOOM_RULE, _run, doom_site  # noqa: F401 - a fixture

from cslint import lint_paths
from cslint.audit.command import run_audit
from cslint.cli import main as cli
from cslint.config import Config
from cslint.rulefiles.docs import shipped_rules
from cslint.rulefiles.examples import unmark
from cslint.runtime import parallel, timelimit

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture
def share_early(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> list[int]:
    """A file of 3,000 characters of replies or more is shared, in parts of 300."""
    monkeypatch.setattr(parallel, "SHARE_CHARS", 3000)
    monkeypatch.setattr(parallel, "PART_CHARS", 300)
    return forks


def _texts() -> list[str]:
    """What the shipped rules flag, one example a macro (the library rules' examples hold
    several macros: left out)."""
    return [unmark(text).text for rule in shipped_rules() if not rule.code.startswith("CS8")
            for text in rule.examples_flag if "\n---\n" not in text]


def _export(folder: Path, texts: list[str]) -> Path:
    """A helpdesk export as HTML bodies in JSON (escapes and markup: offset maps that are
    not a plain shift), each macro twice over (near-duplicates across the parts), with
    'Wi-Fi' spelled two ways."""
    macros = []
    for i, text in enumerate(texts * 2):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        spelling = "WiFi" if i % 7 == 0 else "Wi-Fi"
        macros.append({"id": i, "title": f"Macro \u201c{i}\u201d", "body_html": f"{body}<p>Restart the {spelling} router.</p>"})
    path = folder / "export.json"
    path.write_text(json.dumps(macros, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _csv_with_a_broken_row(folder: Path, texts: list[str]) -> Path:
    """A CSV export whose last row never closes its quote: one CS902 there, after the
    findings of every row before it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["title", "body"])
    for i, text in enumerate(texts):
        writer.writerow([f"Row {i}", text])
    path = folder / "export.csv"
    path.write_text(out.getvalue() + 'Broken,"As I said, this never ends\n', encoding="utf-8")
    return path


def _jsonl_with_a_broken_line(folder: Path, texts: list[str]) -> Path:
    """A JSON Lines export (small enough to be read whole) with a broken line in the
    middle: its CS902 among the findings of the lines around it."""
    lines = [json.dumps({"id": i, "text": text}) for i, text in enumerate(texts)]
    lines.insert(len(lines) // 2, '{"id": "broken", "text": "As I said')
    path = folder / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _library(folder: Path, texts: list[str]) -> list[str]:
    (folder / "unreadable.json").write_text('[{"title": "x", "body": "Wi-Fi"', encoding="utf-8")
    return [str(_export(folder, texts)), str(_csv_with_a_broken_row(folder, texts)),
            str(_jsonl_with_a_broken_line(folder, texts)), str(folder / "unreadable.json")]


def _lint(*argv: str) -> str:
    out = io.StringIO()
    cli.run_lint(["--isolated", *argv], out)
    return out.getvalue()


def _audit(*argv: str) -> str:
    out = io.StringIO()
    assert run_audit(["--isolated", *argv], out) == 0
    return out.getvalue()


@needs_fork
def test_an_export_linted_in_parts_gets_the_findings_of_one_process(tmp_path: Path, share_early: list[int]) -> None:
    paths = _library(tmp_path, _texts())
    serial = _lint("-j", "1", "--format", "json", *paths)
    assert not share_early
    shared = _lint("-j", "2", "--format", "json", *paths)
    assert share_early  # (workers were started for the exports)
    assert shared == serial
    found = json.loads(serial)
    # (the API neither shares nor defers decoding HTML bodies: the same findings)
    assert [d.to_dict() for d in lint_paths(paths, Config())] == found
    by_path: dict[str, list[dict]] = {}
    for d in found:
        by_path.setdefault(os.path.basename(d["path"]), []).append(d)
    assert len(by_path["export.json"]) > 200 and max(d["line"] for d in by_path["export.json"]) > 1000
    assert by_path["export.csv"][-1]["code"] == "CS902"  # (the broken row is the last line)
    middle = [i for i, d in enumerate(by_path["export.jsonl"]) if d["code"] == "CS902"]
    assert len(middle) == 1 and 50 < middle[0] < len(by_path["export.jsonl"]) - 50
    assert [(d["line"], d["code"]) for d in by_path["unreadable.json"]] == [(1, "CS902")]
    assert _lint("-j", "2", *paths) == _lint("-j", "1", *paths)  # (the default format: lines and columns)


@needs_fork
def test_an_audit_of_an_export_in_parts_is_the_audit_of_one_process(tmp_path: Path, share_early: list[int]) -> None:
    texts = _texts()[::2]  # (six audits: half the examples do)
    paths = _library(tmp_path, texts)
    reports = {}
    for report in ("text", "json", "html"):
        serial = _audit("-j", "1", "--format", report, *paths)
        share_early.clear()
        reports[report] = _audit("-j", "2", "--format", report, *paths)
        assert reports[report] == serial
        assert share_early
    found = json.loads(reports["json"])
    assert found["macros"] == 4 * len(texts)
    assert len(found["near_duplicates"]) > 50  # (each macro and its copy, in other parts)
    assert found["term_variants"]


@needs_fork
def test_a_part_that_fails_costs_its_file_as_in_one_process(tmp_path: Path, share_early: list[int],
                                                             raises_on_doom: str) -> None:
    """A rule that raises on one macro: the file gets the one CS904 it gets when linted
    in one process, whichever process met the macro, and the other files their findings."""
    texts = _texts()
    export = _export(tmp_path, [*texts[: len(texts) // 2], "DOOM is near.", *texts[len(texts) // 2 :]])
    other = _csv_with_a_broken_row(tmp_path, texts)
    serial = _lint("-j", "1", "--format", "json", str(export), str(other))
    assert _lint("-j", "2", "--format", "json", str(export), str(other)) == serial
    found = json.loads(serial)
    assert [(d["code"], d["message"]) for d in found if d["path"] == str(export)] == [
        ("CS904", "internal error (ValueError: boom); please report it with this file"),
    ]
    assert len([d for d in found if d["path"] == str(other)]) > 100


def test_a_small_export_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An export of a few hundred macros is linted in this process (as are the few files
    beside it): starting workers would cost more than it saves."""
    def no_fork() -> int:
        raise AssertionError("forked")

    paths = _library(tmp_path, _texts())
    serial = _lint("-j", "1", "--format", "json", *paths)
    monkeypatch.setattr(os, "fork", no_fork)
    assert _lint("-j", "2", "--format", "json", *paths) == serial
    assert _audit("-j", "2", "--format", "json", *paths) == _audit("-j", "1", "--format", "json", *paths)


@needs_fork
def test_a_worker_that_dies_on_a_part_costs_only_its_file(doom_site: Path, tmp_path: Path) -> None:  # noqa: F811
    """A plugin that kills the worker process linting one macro of a large export: the
    export gets one CS904 saying so, the file beside it its findings, and the run ends."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "doom.yml").write_text(DOOM_RULE.format(how="SIGKILL"), encoding="utf-8")
    filler = "Thanks for writing in, we will look into it. " * 14
    bodies = [f"{filler}{'DOOM ' if i == 1500 else ''}hello {i}" for i in range(2000)]
    (tmp_path / "export.json").write_text(json.dumps([{"id": i, "body": b} for i, b in enumerate(bodies)]),
                                          encoding="utf-8")
    assert sum(map(len, bodies)) > parallel.SHARE_CHARS  # (shared with the sizes every run uses)
    (tmp_path / "reply.txt").write_text("hello\n", encoding="utf-8")
    r = _run("--isolated", "--no-default-rules", "--rules", "rules", "-j", "2", "export.json", "reply.txt",
             cwd=tmp_path, site=doom_site)
    assert r.stdout.splitlines() == [
        ("export.json:1:1: CS904 internal error (the worker process linting it was killed by SIGKILL); "
         "please report it with this file"),
        "reply.txt:1:1: CS592 found 'hello'",
    ]
    assert (r.returncode, "Traceback" in r.stderr) == (1, False)


@needs_fork
@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this platform")
def test_a_slow_rule_stopped_in_several_parts_is_reported_once(tmp_path: Path, share_early: list[int],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker stops the catastrophic rule on its own first slow reply of the export
    (the parent lints only quick ones before they start); the run reports the first of
    them, as one process does."""
    monkeypatch.setattr(timelimit, "SECONDS", 0.3)
    monkeypatch.setattr(timelimit, "TICK", 0.05)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.yml").write_text(TIMEOUT_RULE, encoding="utf-8")
    bodies = ["aab " + "hello " * 200] * 80 + ["a" * 30_000 + "!"] * 6
    export = tmp_path / "export.json"
    export.write_text(json.dumps([{"id": i, "body": b} for i, b in enumerate(bodies)]), encoding="utf-8")
    argv = ("--no-default-rules", "--rules", str(tmp_path / "rules"), "--format", "json", str(export))
    serial = _lint("-j", "1", *argv)
    shared = _lint("-j", "2", *argv)
    assert share_early
    assert shared == serial
    assert [d["code"] for d in json.loads(serial)] == ["CS189"] * 80 + ["CS903"]
