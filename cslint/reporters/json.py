"""``json``: one array of diagnostic objects (schema in docs/output.md).

Scripts and dashboards read it; keys never disappear, and ``item`` is null for a reply
that is a whole file.
"""
from __future__ import annotations

import json

from ..diagnostic import Diagnostic
from .base import Reporter


class JsonReporter(Reporter):
    name = "json"
    description = "a JSON array of diagnostic objects"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._items: list[dict[str, object]] = []

    def handle(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic.to_dict())

    def finish(self) -> None:
        json.dump(self._items, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTER = JsonReporter
