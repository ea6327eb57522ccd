"""The rule cache never runs code it did not write: a planted pickle, a symlink and a FIFO
in the cache folder are not unpickled (a payload that would make a marker file does not
make it), the rules are built again and the run reports what it would without a cache.
See docs/robustness.md ("threat model")."""
from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cslint.rulefiles import cache

ROOT = Path(__file__).resolve().parents[1]
RULES = Path(__file__).parent / "data" / "fix-rules"
REPLY = "Please utilize the app prior to Monday.\n"


class Payload:
    """Unpickled, it creates ``marker`` (``open(marker, "w")``)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., object], tuple[str, str]]:
        return open, (str(self.marker), "w")


def _env(tmp_path: Path, cache_dir: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CSLINT_CACHE_DIR": str(cache_dir),
           "XDG_CACHE_HOME": str(tmp_path / "home-cache")}
    env.pop("CSLINT_NO_CACHE", None)
    return env


def _lint(tmp_path: Path, env: dict[str, str], stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cslint", "--isolated", "--no-default-rules", "--rules", str(RULES),
                           "reply.txt"], cwd=tmp_path, env=env, input=stdin.decode("latin-1"), capture_output=True,
                          text=True, encoding="latin-1", timeout=120, check=False)


def _entries(folder: Path) -> list[Path]:
    found = sorted(folder.glob("*-*.pickle"))
    assert {p.name.split("-")[0] for p in found} == {"index", "plugins", "rules"}
    return found


def _plant_payload(entry: Path, marker: Path) -> None:
    entry.write_bytes(pickle.dumps(Payload(marker)))


def _plant_symlink(entry: Path, marker: Path) -> None:
    target = entry.with_name("elsewhere.bin")
    target.write_bytes(pickle.dumps(Payload(marker)))
    entry.unlink()
    entry.symlink_to(target)


def _plant_fifo(entry: Path, marker: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)


@pytest.mark.parametrize("plant", [_plant_payload, _plant_symlink, _plant_fifo], ids=["payload", "symlink", "fifo"])
def test_a_planted_cache_entry_is_never_unpickled(tmp_path: Path, plant: Callable[[Path, Path], None]) -> None:
    (tmp_path / "reply.txt").write_text(REPLY, encoding="utf-8")
    folder, marker = tmp_path / "cache", tmp_path / "marker"
    env = _env(tmp_path, folder)
    first = _lint(tmp_path, env)
    assert first.returncode == 1 and "CS" in first.stdout
    for entry in _entries(folder):
        plant(entry, marker)
    again = _lint(tmp_path, env)
    assert not marker.exists()
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    (rules,) = folder.glob("rules-*.pickle")  # built again, and the planted entry replaced
    assert stat.S_ISREG(rules.lstat().st_mode) and rules.read_bytes() != pickle.dumps(Payload(marker))


def test_an_entry_is_read_back_only_with_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    cache.store("d", ["value"])
    assert cache.load("d") == ["value"]
    key = tmp_path / "home" / "cslint" / cache.KEY_NAME
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.unlink()  # another key (another user's, another machine's): the entry is not read
    assert cache.load("d") is None


def test_a_folder_others_may_write_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.DIR_VARIABLE, str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    cache.store("d", ["value"])
    folder.chmod(0o777)
    assert cache.load("d") is None
    folder.chmod(0o700)
    (folder / "rules-d.pickle").chmod(0o666)
    assert cache.load("d") is None


def _second_user() -> int:
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("needs root to act as a second user")
    try:
        import pwd

        return pwd.getpwnam("nobody").pw_uid
    except (ImportError, KeyError):
        pytest.skip("no 'nobody' user")


def test_another_user_cannot_make_the_cache_run_code() -> None:
    """The attack of issue 24: ``CSLINT_CACHE_DIR`` in a folder another user may write;
    they replace an entry with a symlink to ``/proc/self/fd/0`` and the victim's next run,
    fed a payload on standard input, would unpickle it."""
    nobody = _second_user()
    with tempfile.TemporaryDirectory(prefix="cslint-shared-") as shared:
        base = Path(shared)
        base.chmod(0o755)
        folder, marker = base / "cache", base / "marker"
        folder.mkdir(mode=0o700)
        (base / "reply.txt").write_text(REPLY, encoding="utf-8")
        env = _env(base, folder)
        first = _lint(base, env)
        folder.chmod(0o777)  # shared from now on
        entry = next(folder.glob("plugins-*.pickle"))
        done = subprocess.run(["sh", "-c", f'rm -f "{entry}" && ln -s /proc/self/fd/0 "{entry}"'], user=nobody,
                              check=False, capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot act as the second user: {done.stderr!r}")
        assert entry.lstat().st_uid == nobody
        again = _lint(base, env, stdin=pickle.dumps(Payload(marker)))
        assert not marker.exists()
        assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
