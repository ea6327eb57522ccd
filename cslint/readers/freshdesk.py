"""Freshdesk (and Freshservice) canned responses: ``content_html``, else ``content``;
found inside folder listings too (Freshdesk API, https://developers.freshdesk.com/api/#canned-responses,
and the canned_responses schema of Airbyte's Freshdesk connector)."""
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
