"""Freshdesk (and Freshservice) canned responses: ``content_html``, else ``content``;
found inside folder listings too (Freshdesk API via the Airbyte schema, research notes
section 1.2)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._located import Located
from ._macros import Body, Layout, contains, reader
from .base import ReadOptions


def bodies(response: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    markup, text = response.get("content_html"), response.get("content")
    if isinstance(markup, Located) and markup.strip():
        return [Body(markup, True)]
    if isinstance(text, Located) and text.strip():
        return [Body(text, False)]
    return []


READER = reader(
    "freshdesk", (".json",), Layout(bodies),
    contains('"content_html"', '"folder_id"'), "Freshdesk canned responses (content_html, content)",
)
