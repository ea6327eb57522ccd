"""Front message templates: ``body`` is HTML, ids look like ``rsp_42``, lists come in
``_results`` (Front Core API, https://dev.frontapp.com/reference-link/message-templates)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, contains, html_or_text, reader
from .base import ReadOptions


def bodies(template: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    return html_or_text(template, "body", None)


READER = reader(
    "front", (".json",), Layout(bodies, title_keys=("name",)),
    contains('"rsp_'),
)
