"""``--fix`` on files it must not damage or write through (issue 24): a symlink out of the
paths given is reported (CS907) and left alone, an edit saved while the fix is written
wins, owner, group, mode and hard links are kept, and a run stopped by SIGTERM leaves no
temporary file."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cslint import api
from cslint.config import Config
from cslint.diagnostic import Diagnostic
from cslint.fix import apply as fix
from cslint.sources.document import SourceFile

ROOT = Path(__file__).resolve().parents[1]
RULES = Path(__file__).parent / "data" / "fix-rules"
ISOLATED = ("--isolated", "--no-default-rules", "--rules", str(RULES))


def _lint(source: SourceFile) -> list[Diagnostic]:
    return api.lint_source(source, Config(no_default_rules=True, rules=(str(RULES),)))


def test_fix_does_not_write_through_a_symlink_out_of_the_paths_given(cli, tmp_path: Path) -> None:
    """The attack of issue 24: a repository's ``macro.txt`` links to a file outside it."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    (outside / "profile.txt").write_text("We will utilize it.\n", encoding="utf-8")
    (repo / "macro.txt").symlink_to("../outside/profile.txt")
    (repo / "reply.txt").write_text("Please utilize it.\n", encoding="utf-8")
    r = cli(*ISOLATED, "--fix", ".", cwd=repo)
    assert (outside / "profile.txt").read_text(encoding="utf-8") == "We will utilize it.\n"
    assert (repo / "reply.txt").read_text(encoding="utf-8") == "Please use it.\n"  # inside: fixed
    target = os.path.realpath(outside / "profile.txt")
    assert r.lines == [
        f"macro.txt:1:1: CS907 not fixed: it resolves to {target}, outside the paths given on the command line",
        "macro.txt:1:9: CS291 'utilize' is wordy; use 'use'",
    ]
    assert r.returncode == 1
    assert sorted(p.name for p in outside.iterdir()) == ["profile.txt"]
    # named on the command line, the link's target is a path given: it is fixed
    r = cli(*ISOLATED, "--fix", "macro.txt", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (outside / "profile.txt").read_text(encoding="utf-8") == "We will use it.\n"
    assert (repo / "macro.txt").is_symlink()


def test_an_edit_saved_while_the_fix_is_written_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temporary file is written, then someone saves the file, then cslint would
    rename: it checks again (size, time, content) and leaves the edit alone."""
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    source = SourceFile(str(path), path.read_text(encoding="utf-8"))
    real_fsync = os.fsync

    def fsync_then_someone_saves(fd: int) -> None:
        real_fsync(fd)
        path.write_text("We will utilize it!\n", encoding="utf-8")  # same size, same second
        os.utime(path, ns=(source_stat.st_atime_ns, source_stat.st_mtime_ns))

    source_stat = os.stat(path)
    monkeypatch.setattr(os, "fsync", fsync_then_someone_saves)
    outcome = fix.fix_file(source, _lint)
    assert outcome.error == "it changed while cslint was writing it"
    assert path.read_text(encoding="utf-8") == "We will utilize it!\n"
    assert [p.name for p in tmp_path.iterdir()] == ["reply.txt"]


def _fix_with_fsync(folder: Path, body: str) -> subprocess.CompletedProcess[str]:
    """``cslint --fix reply.txt`` in a subprocess whose ``os.fsync`` (called once the
    temporary file is written, before the rename) runs ``body`` (``real`` is the real one)."""
    script = ("import os, signal, sys\n"
              "real = os.fsync\n"
              f"def fsync(fd):\n{body}"
              "os.fsync = fsync\n"
              "from cslint.cli.main import main\n"
              f"sys.exit(main([*{list(ISOLATED)!r}, '--fix', 'reply.txt']))\n")
    return subprocess.run([sys.executable, "-c", script], cwd=folder, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_an_edit_saved_while_the_fix_is_written_is_reported_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "reply.txt").write_text("We will utilize it.\n", encoding="utf-8")
    r = _fix_with_fsync(tmp_path, "    real(fd)\n"
                                  "    with open('reply.txt', 'a', encoding='utf-8') as f: f.write('Saved meanwhile.\\n')\n")
    assert r.stderr.splitlines()[0] == "cslint: reply.txt: not fixed: it changed while cslint was writing it"
    assert r.stdout == "reply.txt:1:9: CS291 'utilize' is wordy; use 'use'\n"
    assert (tmp_path / "reply.txt").read_text(encoding="utf-8") == "We will utilize it.\nSaved meanwhile.\n"


def test_fix_keeps_owner_group_and_mode(cli, tmp_path: Path) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    os.chown(path, 65534, 65534)
    path.chmod(0o664)
    r = cli(*ISOLATED, "--fix", "reply.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    st = path.stat()
    assert path.read_text(encoding="utf-8") == "We will use it.\n"
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o664)


def test_fix_writes_in_place_when_the_file_has_other_hard_links(cli, tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("We will utilize it.\n", encoding="utf-8")
    other = tmp_path / "other-name.txt"
    os.link(path, other)
    inode = path.stat().st_ino
    r = cli(*ISOLATED, "--fix", "reply.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == "We will use it.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.txt", "reply.txt"]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
def test_sigterm_while_the_fix_is_written_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM arrives while the temporary file is written: the run still ends by the
    signal, with the file whole (here: fixed) and nothing left beside it."""
    (tmp_path / "reply.txt").write_text("We will utilize it.\n", encoding="utf-8")
    r = _fix_with_fsync(tmp_path, "    os.kill(os.getpid(), signal.SIGTERM)\n"
                                  "    real(fd)\n")
    assert r.returncode == -signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reply.txt"]
    assert (tmp_path / "reply.txt").read_text(encoding="utf-8") == "We will use it.\n"
