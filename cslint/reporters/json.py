"""``json``: one array of diagnostic objects (schema in docs/output.md).

Scripts and dashboards read it; keys never disappear, and ``item`` is null for a reply
that is a whole file.
"""
from __future__ import annotations

import json

from .base import DocumentReporter, printable_diagnostic


class JsonReporter(DocumentReporter):
    name = "json"

    def finish(self) -> None:
        json.dump([printable_diagnostic(d).to_dict() for d in self.diagnostics], self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTER = JsonReporter
