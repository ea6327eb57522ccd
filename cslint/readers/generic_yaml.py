"""Any other YAML file: every mapping with a reply-like field is a reply, as for JSON
(lists of ``{title, body}``, espanso ``matches`` of ``{trigger, replace}``...)."""
from __future__ import annotations

from ._macros import reader
from .generic_json import LAYOUT

READER = reader("yaml", (".yml", ".yaml"), LAYOUT, None)
