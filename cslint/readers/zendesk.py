"""Zendesk macros: the API export ``{"macros": [...]}``, ``{"macro": {...}}``, a bare macro
object, or the same keys in YAML (as kept in GitLab-style sync repositories).

The reply is in ``actions[]``: ``comment_value`` (a string, or a ``["channel:all", text]``
pair) or ``comment_value_html`` (HTML, which Zendesk sends when both are set).
``comment_mode_is_public: false`` makes the comment an internal note, which customers never
read: it is read with ``public=False`` and not linted (docs/formats.md). Field names from
the Zendesk macros API reference,
https://developer.zendesk.com/api-reference/ticketing/business-rules/macros/.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, html_or_text, reader
from .base import ReadOptions

#: An action that sets the comment, in JSON (``"field": "comment_value"``) or YAML.
#: (The quote that may open the key is left out: a search that starts at "field" skips ahead
#: to it, where an optional first character has the engine try every position.)
_SNIFF = re.compile(r"""field["']?[ \t]*:[ \t]*["']?comment_value""")


def bodies(macro: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    actions = macro.get("actions")
    if not isinstance(actions, list):
        return []
    comment: dict[str, Any] = {}
    public = True
    for action in actions:
        if not isinstance(action, dict):
            continue
        field, value = action.get("field"), action.get("value")
        if field == "comment_value" and isinstance(value, list) and value:
            value = value[-1]  # ["channel:all", "text"]
        if field in ("comment_value", "comment_value_html"):
            comment[field] = value
        elif field == "comment_mode_is_public":
            public = value not in (False, "false", "False", 0, "0")
    return html_or_text(comment, "comment_value_html", "comment_value", public)


READER = reader(
    "zendesk",
    (".json", ".yml", ".yaml"),
    Layout(bodies, title_keys=("title", "raw_title")),
    lambda text: _SNIFF.search(text) is not None,
)
