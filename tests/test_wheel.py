"""The built wheel carries every shipped rule file (and cslint serve's page), and cslint
finds them once installed."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from cslint.serve.server import ASSETS


@pytest.mark.slow
def test_wheel_contains_every_rule_file_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("cslint-*.whl")
    from cslint import __version__

    assert wheel.name.startswith(f"cslint-{__version__}-")  # the version is read from cslint/__init__.py
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yml"))
    assert shipped, "no rule files found in rules/"
    missing = [s for s in shipped if f"cslint/_rules/{s}" not in names]
    assert missing == []
    assert "cslint/py.typed" in names
    page = sorted(f"cslint/serve/static/{p.name}" for p in (ROOT / "cslint" / "serve" / "static").iterdir())
    assert {"cslint/serve/static/index.html", "cslint/serve/static/serve.js"} <= set(page) <= names  # cslint serve's page

    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    probe = ("import cslint.rulefiles.plugins as p, cslint.rulefiles.vocabulary as v, cslint.rulefiles.helpdesks as h, "
             "cslint; print(p.default_rules_dir()); print(len(cslint.load_rules())); print(len(v.shipped())); "
             "print(len(h.load())); import cslint.serve.server as s; print(len(s.load_assets()))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(site)},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == str(site / "cslint" / "_rules")
    classes = [s for s in shipped if s.startswith("vocabulary/")]  # word classes, not rules
    helpdesks = [s for s in shipped if s.startswith("helpdesks/")]  # placeholder names, not rules
    assert classes and helpdesks
    assert [int(n) for n in out[1:4]] == [len(shipped) - len(classes) - len(helpdesks), len(classes), len(helpdesks)]
    assert int(out[4]) == len(ASSETS)  # the page's files are read from the installed package
