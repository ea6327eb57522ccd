"""Gorgias macros: ``actions[]`` entries named ``setResponseText`` carry the reply in
``arguments.body_html`` (preferred) or ``arguments.body_text`` (Gorgias API reference,
research notes section 1.2). ``language`` other than English is skipped."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._located import Located
from ._macros import Body, Layout, contains, reader
from .base import ReadOptions


def bodies(macro: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    out: list[Body] = []
    for action in macro.get("actions") or ():
        if not isinstance(action, dict) or action.get("name") != "setResponseText":
            continue
        args = action.get("arguments")
        if not isinstance(args, dict):
            continue
        markup, text = args.get("body_html"), args.get("body_text")
        if isinstance(markup, Located) and markup.strip():
            out.append(Body(markup, True))
        elif isinstance(text, Located) and text.strip():
            out.append(Body(text, False))
    return out


READER = reader(
    "gorgias", (".json", ".yml", ".yaml"), Layout(bodies, title_keys=("name",)),
    contains("setResponseText"), "Gorgias macros (setResponseText actions)",
)
