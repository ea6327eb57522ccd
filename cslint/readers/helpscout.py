"""Help Scout saved replies: ``text`` is the e-mail reply in HTML, ``chatText`` the
plain-text version for chat; both reach customers, so both are linted (Help Scout Mailbox
API, https://developer.helpscout.com/mailbox-api/endpoints/inboxes/saved_Replies/saved-replies-get/)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._macros import Body, Layout, contains, html_or_text, reader
from .base import ReadOptions


def bodies(reply: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    return [*html_or_text(reply, "text", None), *html_or_text(reply, None, "chatText")]


READER = reader(
    "helpscout", (".json",), Layout(bodies, title_keys=("name",)),
    contains('"chatText"', '"chatPreview"'),
)
