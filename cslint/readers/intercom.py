"""Intercom macros / saved replies: ``body`` is HTML with placeholders as
``<attribute key=".." default=".."/>``, ``body_text`` the plain version with the original
``{{user.name|fallback:"there"}}`` (Intercom macros API,
https://developers.intercom.com/docs/references/preview/rest-api/api.intercom.io/macros/macro)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, html_or_text, reader
from .base import ReadOptions

_SNIFF = re.compile(r'"type"\s*:\s*"macro"')


def bodies(macro: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    return html_or_text(macro, "body", "body_text")


READER = reader(
    "intercom", (".json",), Layout(bodies, title_keys=("name",)),
    lambda text: _SNIFF.search(text) is not None,
)
