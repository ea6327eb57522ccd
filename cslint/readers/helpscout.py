"""Help Scout saved replies: ``text`` is the e-mail reply in HTML, ``chatText`` the
plain-text version for chat; both reach customers, so both are linted (Help Scout Mailbox
API, research notes section 1.2)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._located import Located
from ._macros import Body, Layout, contains, reader
from .base import ReadOptions


def bodies(reply: Mapping[str, Any], options: ReadOptions) -> list[Body]:
    out: list[Body] = []
    markup, chat = reply.get("text"), reply.get("chatText")
    if isinstance(markup, Located) and markup.strip():
        out.append(Body(markup, True))
    if isinstance(chat, Located) and chat.strip():
        out.append(Body(chat, False))
    return out


READER = reader(
    "helpscout", (".json",), Layout(bodies, title_keys=("name",)),
    contains('"chatText"', '"chatPreview"'), "Help Scout saved replies (text HTML, chatText)",
)
