"""Files linted in slices (cslint.runtime.parallel.Slicing): among many files, the first
is cut into a short warm-up slice linted before the workers start and the rest, and the
last ones into slices shared by the workers. A lint run and an audit print with ``-j 2``
what they print with ``-j 1``; a slice whose linting fails costs its file as in one process.

The tests lower the sizes from which a run is parallel and a file is sliced, so that a
small library is cut into many slices; the forked workers inherit the lowered sizes."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_shared_export import _audit, _csv_with_a_broken_row, _export, _lint, _texts

from cslint import api
from cslint.runtime import parallel

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@pytest.fixture
def slices(monkeypatch: pytest.MonkeyPatch, forks: list[int]) -> list[parallel.Slice]:
    """Runs of 60 kB or more use the workers; a first file of 2 kB or more is cut for the
    warm-up, and a last one of 400 characters or more into up to 4 slices. Gives the
    slices linted (in this process or a worker: each worker reports its own here only in
    its own memory, so the list holds those of this process)."""
    monkeypatch.setattr(parallel, "PARALLEL_BYTES", 60_000)
    monkeypatch.setattr(parallel, "WARM_UP_BYTES", 1000)
    monkeypatch.setattr(parallel, "TAIL_SLICE_CHARS", 400)
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 2000)
    seen: list[parallel.Slice] = []
    real = parallel.sliced

    def counted(sizes: list[int], part: parallel.Slice) -> slice:
        seen.append(part)
        return real(sizes, part)

    monkeypatch.setattr(api, "sliced", counted)
    return seen


def _library(folder: Path, texts: list[str], files: int = 6) -> list[str]:
    """``files`` exports of the examples (HTML bodies in JSON, in folders of their own),
    and a CSV export whose last row never closes its quote: the first file linted (files
    go in path order), its CS902 in the last of its slices, which a worker lints."""
    paths = []
    for n in range(files):
        (folder / f"part{n}").mkdir()
        paths.append(str(_export(folder / f"part{n}", texts[n::files])))
    paths.append(str(_csv_with_a_broken_row(folder, texts)))
    return paths


def test_the_slices_of_a_file_hold_each_reply_once() -> None:
    sizes = [3, 40, 1, 1, 7, 0, 12, 5]
    for shares in range(1, 12):
        held = [i for k in range(shares) for i in range(len(sizes))[parallel.sliced(sizes, parallel.Slice(k, k + 1, shares))]]
        assert held == list(range(len(sizes)))
    warm, rest = parallel.sliced(sizes, parallel.Slice(0, 1, 4)), parallel.sliced(sizes, parallel.Slice(1, 4, 4))
    assert (warm.start, warm.stop, rest.start, rest.stop) == (0, 2, 2, len(sizes))  # (the warm-up, and the rest)


@needs_fork
def test_a_library_linted_in_slices_gets_the_findings_of_one_process(tmp_path: Path,
                                                                      slices: list[parallel.Slice]) -> None:
    paths = _library(tmp_path, _texts())
    serial = _lint("-j", "1", "--format", "json", *paths)
    assert not slices
    sliced = _lint("-j", "2", "--format", "json", *paths)
    assert slices and slices[0].start == 0 and slices[0].shares > 1  # (the warm-up, in this process)
    assert sliced == serial
    found = json.loads(serial)
    assert [d["code"] for d in found if d["path"] == paths[-1]][-1] == "CS902"  # (the broken row is the last line)
    assert len({d["path"] for d in found}) == len(paths)
    assert _lint("-j", "2", *paths) == _lint("-j", "1", *paths)


@needs_fork
def test_an_audit_in_slices_is_the_audit_of_one_process(tmp_path: Path, slices: list[parallel.Slice]) -> None:
    texts = _texts()[::2]
    paths = _library(tmp_path, texts)
    for report in ("text", "json", "html"):
        serial = _audit("-j", "1", "--format", report, *paths)
        slices.clear()
        assert _audit("-j", "2", "--format", report, *paths) == serial
        assert slices
    found = json.loads(_audit("-j", "1", "--format", "json", *paths))
    assert found["macros"] == 3 * len(texts)
    assert found["near_duplicates"] and found["term_variants"]


@needs_fork
def test_a_slice_that_fails_costs_its_file_as_in_one_process(tmp_path: Path, slices: list[parallel.Slice],
                                                              raises_on_doom: str) -> None:
    """A rule that raises on one macro of the last file (linted in slices by the
    workers): that file gets the one CS904 of one process, the others their findings."""
    texts = _texts()
    paths = _library(tmp_path, texts)
    (tmp_path / "zz").mkdir()  # (files are linted in path order: this one last)
    last = _export(tmp_path / "zz", [*texts[: len(texts) // 2], "DOOM is near.", *texts[len(texts) // 2 :]])
    serial = _lint("-j", "1", "--format", "json", *paths, str(last))
    assert _lint("-j", "2", "--format", "json", *paths, str(last)) == serial
    found = json.loads(serial)
    assert [(d["code"], d["message"]) for d in found if d["path"] == str(last)] == [
        ("CS904", "internal error (ValueError: boom); please report it with this file"),
    ]
    assert {d["path"] for d in found} == {*paths, str(last)}
