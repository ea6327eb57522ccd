"""The key tables of docs/configuration.md and docs/writing-rules.md, generated from the
declarations the files are validated against.

Each table stands between ``<!-- begin: NAME -->`` and ``<!-- end: NAME -->`` in its page;
the prose around it is written by hand. A test fails while a page is out of date.
Regenerate both pages in a source checkout with::

    python -m cslint.schema.docs
"""
from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..checks import BUILTIN
from ..config import KINDS as CONFIG_KINDS
from ..config import SETTINGS
from ..rulefiles.parse import HEADER
from ..rulefiles.parse import KINDS as RULE_KINDS
from . import Kind, Spec

REGENERATE = "python -m cslint.schema.docs"
DOCS = Path(__file__).resolve().parents[2] / "docs"
_REGION = re.compile(r"(<!-- begin: (?P<name>[\w -]+) -->\n)(?P<table>.*?)(<!-- end: (?P=name) -->)", re.DOTALL)


def _value(value: Any) -> str:
    """A default as it is written in a TOML or YAML file."""
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, (tuple, list)):
        return "`[" + ", ".join(f'"{v}"' for v in value) + "]`"
    if isinstance(value, dict):
        return "`{}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _default(spec: Spec) -> str:
    if spec.required:
        return "required"
    shown = getattr(spec, "shown", None)
    if shown:
        return shown
    return "none" if spec.default is None else _value(spec.default)


def table(specs: Mapping[str, Spec], kinds: Mapping[str, Kind]) -> str:
    """A Markdown table of declared keys: name, kind, default, help."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for key, spec in specs.items():
        rows.append(f"| `{key}` | {_cell(kinds[spec.kind].describe(spec))} | {_cell(_default(spec))} | {_cell(spec.help)} |")
    return "\n".join(rows) + "\n"


def tables() -> dict[str, dict[str, str]]:
    """Each page's generated tables, by region name."""
    return {
        "configuration.md": {"configuration keys": table(SETTINGS, CONFIG_KINDS)},
        "writing-rules.md": {
            "rule-file keys": table(HEADER, RULE_KINDS),
            **{f"{name} keys": table(cls.keys, RULE_KINDS) for name, cls in BUILTIN.items()},
        },
    }


def render(page: str, text: str) -> str:
    """``text`` of ``page`` with its generated tables brought up to date.

    Raises ``ValueError`` when a table is missing from the page or the page names one
    that is not generated, so a renamed or new table cannot go unnoticed."""
    wanted = tables()[page]
    found = [m.group("name") for m in _REGION.finditer(text)]
    if sorted(found) != sorted(wanted):
        raise ValueError(f"{page}: generated tables {sorted(found)}, expected {sorted(wanted)}")
    return _REGION.sub(lambda m: m.group(1) + wanted[m.group("name")] + m.group(4), text)


def main() -> int:
    for page in tables():
        path = DOCS / page
        path.write_text(render(page, path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
