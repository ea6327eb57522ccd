"""``.github/replies.yml``: the refined-saved-replies layout, ``replies:`` as a list of
``{name, body}`` with Markdown bodies (README of
https://github.com/JoshuaKGoldberg/refined-saved-replies)."""
from __future__ import annotations

import re

from ._macros import Layout, reader, text_bodies

_SNIFF = re.compile(r"^replies[ \t]*:", re.MULTILINE)

READER = reader(
    "replies-yml", (".yml", ".yaml"), Layout(text_bodies, title_keys=("name", "title")),
    lambda text: _SNIFF.search(text) is not None,
)
