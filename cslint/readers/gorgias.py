"""Gorgias macros: ``actions[]`` entries named ``setResponseText`` carry the reply in
``arguments.body_html`` (preferred) or ``arguments.body_text`` (Gorgias API reference,
https://developers.gorgias.com/reference/macros). ``language`` other than English is skipped."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, contains, html_or_text, reader
from .base import ReadOptions


def bodies(macro: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    out: list[Body] = []
    for action in macro.get("actions") or ():
        if isinstance(action, dict) and action.get("name") == "setResponseText" and isinstance(action.get("arguments"), dict):
            out.extend(html_or_text(action["arguments"], "body_html", "body_text"))
    return out


READER = reader(
    "gorgias", (".json", ".yml", ".yaml"), Layout(bodies, title_keys=("name",)),
    contains("setResponseText"),
)
