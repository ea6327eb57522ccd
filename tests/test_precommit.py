"""The pre-commit hooks as a support team meets them: a macro repository, ``pre-commit``
installing cslint from this project, passing on clean files and failing on bad ones."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cslint import readers

ROOT = Path(__file__).resolve().parents[1]
RULES = Path(__file__).parent / "data" / "fix-rules"


def _hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    return found


def test_the_manifest_is_valid_for_pre_commit() -> None:
    r = subprocess.run([_pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    hooks = _hooks()
    assert sorted(hooks) == ["cslint", "cslint-fix", "cslint-library"]
    assert hooks["cslint"]["entry"] == "cslint --force-exclude"
    assert hooks["cslint-fix"]["entry"] == "cslint --fix --force-exclude"
    assert hooks["cslint-library"]["entry"] == "cslint --force-exclude --library ."
    assert hooks["cslint-library"]["require_serial"] is True  # one call reads the library once
    assert all(h["language"] == "python" for h in hooks.values())


@pytest.mark.parametrize("hook", ["cslint", "cslint-fix", "cslint-library"])
def test_the_hooks_see_every_format_cslint_reads_and_nothing_else(hook: str) -> None:
    files = re.compile(_hooks()[hook]["files"])
    extensions = {ext for reader in readers.registry().values() for ext in reader.extensions if ext}
    assert extensions, "no reader registered"
    assert [ext for ext in sorted(extensions) if not files.search(f"macros/reply{ext}")] == []
    assert [name for name in ("tool.py", "logo.png", "Makefile", "notes.txt.bak") if files.search(name)] == []


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=cslint tests", "-c", "user.email=tests@example.invalid", *args],
                   cwd=cwd, check=True, capture_output=True)


def _try_repo(consumer: Path, home: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` with this project's hooks: every hook on every file, or
    the ``hook`` named on the files staged (what a commit passes it)."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the hook must run the cslint pre-commit installed
    return subprocess.run([_pre_commit(), "try-repo", str(ROOT), *(hook or ["--all-files"])], cwd=consumer, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_try_repo_passes_clean_macros_and_fails_bad_ones(tmp_path: Path) -> None:
    consumer = tmp_path / "macros"
    consumer.mkdir()
    _git(consumer, "init", "-q")
    # The team's own rules, so the test does not move with the shipped ones.
    shutil.copytree(RULES, consumer / "style")
    (consumer / "cslint.toml").write_text('no-default-rules = true\nrules = ["style"]\n', encoding="utf-8")
    (consumer / "refund.txt").write_text("Hi Sam,\n\nYour refund is on its way.\n", encoding="utf-8")
    (consumer / "tool.py").write_text("# utilize prior to: not a reply, not linted\n", encoding="utf-8")
    _git(consumer, "add", ".")
    _git(consumer, "commit", "-q", "-m", "clean macros")

    clean = _try_repo(consumer, tmp_path / "home")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^cslint \(customer-service writing\)\.+Passed$", clean.stdout, re.M)
    assert re.search(r"^cslint --fix \(customer-service writing\)\.+Passed$", clean.stdout, re.M)

    (consumer / "delay.md").write_text("We will utilize the courier prior to Friday, ASAP.\n", encoding="utf-8")
    _git(consumer, "add", "delay.md")
    bad = _try_repo(consumer, tmp_path / "home")
    assert bad.returncode == 1
    # cslint runs first and reports; cslint-fix then applies the safe fixes and leaves the unsafe one.
    report = bad.stdout[bad.stdout.index("- hook id: cslint\n"):bad.stdout.index("- hook id: cslint-fix\n")]
    assert "delay.md:1:9: CS291 [*] 'utilize' is wordy; use 'use'" in report
    assert "delay.md:1:46: CS492 'ASAP' promises no time; say when, e.g. 'today'" in report
    assert "tool.py" not in bad.stdout
    assert "- files were modified by this hook" in bad.stdout
    assert (consumer / "delay.md").read_text(encoding="utf-8") == "We will use the courier before Friday, ASAP.\n"


REFUND = ("Thanks for your patience. Your refund has been issued today and should reach your card within "
          "five to seven business days. If it has not arrived by then, reply to this email and we will look into it.")


@pytest.mark.slow
def test_the_library_hook_judges_the_whole_library_and_reports_the_changed_files(tmp_path: Path) -> None:
    consumer = tmp_path / "macros"
    consumer.mkdir()
    _git(consumer, "init", "-q")
    shutil.copytree(RULES, consumer / "style")
    (consumer / "cslint.toml").write_text('rules = ["style"]\nselect = ["CS29", "CS8"]\n', encoding="utf-8")
    (consumer / "refund.txt").write_text(REFUND + "\n", encoding="utf-8")
    (consumer / "wifi.txt").write_text("Turn Wi-Fi off, wait, then turn Wi-Fi on again.\n", encoding="utf-8")
    (consumer / "old.txt").write_text("We utilize a courier for returns.\n", encoding="utf-8")
    _git(consumer, "add", ".")
    _git(consumer, "commit", "-q", "-m", "the library")
    # the commit adds a copy of refund.txt (sorted before it) and a third spelling of Wi-Fi
    (consumer / "a-copy.txt").write_text("Hello,\n\n" + REFUND.replace("look into it.", "look into it for you.") + "\n",
                                         encoding="utf-8")
    (consumer / "router.txt").write_text("Restart the router, then reconnect to WiFi.\n", encoding="utf-8")
    _git(consumer, "add", "a-copy.txt", "router.txt")

    r = _try_repo(consumer, tmp_path / "home", "cslint-library")
    assert r.returncode == 0, r.stdout + r.stderr  # info findings never fail a commit; the hook shows them
    assert re.search(r"^cslint library rules \(customer-service writing\)\.+Passed$", r.stdout, re.M)
    report = r.stdout[r.stdout.index("- hook id: cslint-library\n"):]
    found = [line for line in report.splitlines() if ": CS" in line]
    assert found == [
        # reported at the unchanged macro, because it names the one this commit adds
        "refund.txt:1:1: CS801 nearly the same macro as a-copy.txt:1 (92% of its wording): merge the two, "
        "or make the difference plain",
        "router.txt:1:39: CS802 'WiFi': write 'Wi-Fi', one spelling for the library (it has 'Wi-Fi' 2x, 'WiFi' 1x)",
    ]  # and nothing of old.txt ('utilize'): it is not in this commit

    # a duplicate fails the commit where the team raises its severity
    (consumer / "cslint.toml").write_text('rules = ["style"]\nselect = ["CS29", "CS8"]\n'
                                          '[rule-settings.CS801]\nseverity = "warning"\n', encoding="utf-8")
    _git(consumer, "add", "cslint.toml")
    assert _try_repo(consumer, tmp_path / "home", "cslint-library").returncode == 1
