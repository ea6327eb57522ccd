"""``sarif``: one SARIF 2.1.0 log, the format GitHub code scanning and many IDEs import.

GitHub turns each result into an alert on the pull request and looks the rule up in
``tool.driver.rules`` for its help, so every code that occurs gets a descriptor with a
short and full description and help text (GitHub refuses empty ones). Columns count code
points, as cslint's do, which the run states in ``columnKind``.
"""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..checks.sentences import sentences
from ..diagnostic import Diagnostic
from ..rulefiles.parse import Rule
from .base import DocumentReporter, printable_diagnostic
from .default import described

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub's ``problem.severity`` vocabulary.
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
#: GitHub truncates longer descriptions.
MAX_DESCRIPTION = 1024


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def first_sentence(text: str) -> str:
    """
    >>> first_sentence("Dates, e.g. 'soon', promise\\nnothing. Give a time.")
    "Dates, e.g. 'soon', promise nothing"
    """
    text = " ".join(text.split())
    start, end = next(sentences(text), (0, len(text)))
    return text[start:end].rstrip(".")


def uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (GitHub resolves them
    against the repository root), absolute ones become ``file://`` URIs. A name that is
    not UTF-8 keeps its own bytes, percent-encoded.

    >>> uri("macros/refund reply.txt"), uri("caf\\udce9.txt")
    ('macros/refund%20reply.txt', 'caf%E9.txt')
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), errors="surrogateescape")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_lines = [rule.description.strip(), "", "Flagged:", *(f"- {t}" for t in rule.examples_flag),
                  "", "Fine:", *(f"- {t}" for t in rule.examples_pass)]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _short(first_sentence(rule.description))},
        "fullDescription": {"text": _short(rule.description)},
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.principle], "problem.severity": PROBLEM_SEVERITY[rule.severity]},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    return descriptor


def notice_descriptor(d: Diagnostic) -> dict[str, Any]:
    """A descriptor for a code without a rule file: cslint's own CS9xx notices."""
    title = d.rule.replace("-", " ").capitalize()
    return {
        "id": d.code,
        "name": d.rule,
        "shortDescription": {"text": title},
        "fullDescription": {"text": f"{title}: a notice from cslint itself, not a writing rule."},
        "help": {"text": _short(d.message)},
        "defaultConfiguration": {"level": LEVELS[d.severity]},
        "properties": {"tags": [d.principle], "problem.severity": PROBLEM_SEVERITY[d.severity]},
    }


def region(d: Diagnostic) -> dict[str, int]:
    return {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}


def result(d: Diagnostic, index: int) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": uri(d.path)}, "region": region(d)}
    d = printable_diagnostic(d)  # (the URI is of the file's own name)
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": described(d)},
        "locations": [{"physicalLocation": location}],
        "properties": {"principle": d.principle},
    }
    if d.item is not None:
        out["properties"]["item"] = {"id": d.item.id, "title": d.item.title}
    if d.fix is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace with '{d.fix.replacement}'"},
            "artifactChanges": [{
                "artifactLocation": location["artifactLocation"],
                "replacements": [{"deletedRegion": region(d), "insertedContent": {"text": d.fix.encoded}}],
            }],
            "properties": {"applicability": d.fix.applicability},
        }]
    return out


class SarifReporter(DocumentReporter):
    name = "sarif"

    def finish(self) -> None:
        rules = {r.code: r for r in self.options.rules}
        descriptors: dict[str, dict[str, Any]] = {}
        for d in sorted(self.diagnostics, key=lambda d: d.code):
            if d.code not in descriptors:
                rule = rules.get(d.code)
                descriptors[d.code] = rule_descriptor(rule) if rule else notice_descriptor(printable_diagnostic(d))
        index = {code: i for i, code in enumerate(descriptors)}
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "cslint", "version": __version__, "rules": list(descriptors.values())}},
                "columnKind": "unicodeCodePoints",
                "results": [result(d, index[d.code]) for d in self.diagnostics],
            }],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


REPORTER = SarifReporter
