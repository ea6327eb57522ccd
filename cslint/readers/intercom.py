"""Intercom macros / saved replies: ``body`` is HTML with placeholders as
``<attribute key=".." default=".."/>``, ``body_text`` the plain version with the original
``{{user.name|fallback:"there"}}`` (Intercom macros API, research notes section 1.2)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._located import Located
from ._macros import Body, Layout, reader
from .base import ReadOptions

_SNIFF = re.compile(r'"type"\s*:\s*"macro"|<attribute\b')


def bodies(macro: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    markup, text = macro.get("body"), macro.get("body_text")
    if isinstance(markup, Located) and markup.strip():
        return [Body(markup, True)]
    if isinstance(text, Located) and text.strip():
        return [Body(text, False)]
    return []


READER = reader(
    "intercom", (".json",), Layout(bodies, title_keys=("name",)),
    lambda text: _SNIFF.search(text) is not None, "Intercom macros (body HTML, body_text)",
)
