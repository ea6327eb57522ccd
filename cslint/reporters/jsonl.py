"""``jsonl``: JSON Lines, one diagnostic object per line, with the keys of ``json``.

The ``json`` array is one document, written when the run ends; a run over a data lake's
export can take hours, and a pipeline reading the report wants each finding as it comes.
Each line is written with its file (the command line flushes the report file by file), so
``cslint --format jsonl export/ | consumer`` reads findings while the run goes on.
"""
from __future__ import annotations

import json

from ..diagnostic import Diagnostic
from .base import Reporter, printable_diagnostic


class JsonLinesReporter(Reporter):
    name = "jsonl"

    def handle(self, diagnostic: Diagnostic) -> None:
        self.stream.write(json.dumps(printable_diagnostic(diagnostic).to_dict(), ensure_ascii=False) + "\n")


REPORTER = JsonLinesReporter
