"""Freshdesk (and Freshservice) canned responses: ``content_html``, else ``content``;
found inside folder listings too (Freshdesk API via the Airbyte schema, research notes
section 1.2)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, contains, html_or_text, reader
from .base import ReadOptions


def bodies(response: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    return html_or_text(response, "content_html", "content")


READER = reader(
    "freshdesk", (".json",), Layout(bodies),
    contains('"content_html"', '"folder_id"'),
)
