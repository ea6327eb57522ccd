"""Any other JSON export: every object with a reply-like field (``body``, ``content``,
``text``, ``comment``, ``html``...; see ``TEXT_KEYS``) is a reply, in whatever envelope.
This reads, for example, lists of ``{title, content}``, VS Code triage-bot
``commands.json`` and Django fixtures. ``--text-field`` and friends choose the fields."""
from __future__ import annotations

from ._macros import ID_KEYS, TITLE_KEYS, Layout, reader, text_bodies

LAYOUT = Layout(text_bodies, title_keys=TITLE_KEYS, id_keys=ID_KEYS, active_keys=("active", "enabled", "isenabled"))

READER = reader("json", (".json",), LAYOUT, None)
