"""The audit as one JSON object (``cslint audit --format json``): the summary's counts and
lists, for a dashboard or a script; the shape is documented in docs/audit.md."""
from __future__ import annotations

import json
from typing import TextIO

from ..reporters.base import printable
from .macros import GRADE_MIN_WORDS, Macro
from .model import Audit, Finding, counted


def _macro(macro: Macro) -> dict[str, object]:
    item = macro.item
    return {"path": macro.path, "line": macro.line, "id": item.id if item else None, "title": item.title if item else None}


def _finding(audit: Audit, f: Finding) -> dict[str, object]:
    d = f.diagnostic
    out: dict[str, object] = {"path": d.path, "line": d.line, "column": d.column, "code": d.code, "severity": d.severity,
                              "message": d.message}
    if f.macro is not None:
        out["text"] = audit.macros[f.macro].text[f.start:f.end]
    return out


def summary(audit: Audit, top: int = 10) -> dict[str, object]:
    """The audit as JSON-ready data."""
    grades = sorted(audit.grades())
    findings = audit.findings
    return {
        "root": audit.root,
        "files": audit.files,
        "macros": len(audit.macros),
        "findings": len(findings),
        "by_severity": dict(counted(audit.per_severity())),
        "by_principle": dict(counted(audit.per_principle())),
        "by_code": dict(counted(audit.per_code())),
        "by_folder": {g: {"macros": m, "findings": n} for g, (m, n) in audit.per_group().items()},
        "reading_grade": {
            "min_words": GRADE_MIN_WORDS, "macros": len(grades), "median": audit.median_grade(),
            "quartiles": audit.quartiles(),
            "highest": grades[-1] if grades else None,
        },
        "worst": [{**_macro(audit.macros[i]), "score": audit.score(found),
                   "findings": [_finding(audit, findings[k]) for k in found]} for i, found in audit.worst(top)],
        "near_duplicates": [
            {"macros": [_macro(audit.macros[i]) for i in c.macros],
             "links": [{"macro": c.macros.index(late), "repeats": c.macros.index(early), "similarity": percent}
                       for late, early, percent in c.links]}
            for c in audit.clusters],
        "term_variants": [{"code": v.code, "write": v.suggestion, "spellings": v.spellings,
                           "at": [{**_finding(audit, findings[i]), **({"macro": _macro(audit.macros[m])} if (m := findings[i].macro) is not None else {})}
                                  for i in v.findings]}
                          for v in audit.variants],
        "errors": [d.to_dict() for d in audit.errors],
    }


def _printable(value: object) -> object:
    """``value`` with every string :func:`printable`: a lone surrogate from a JSON escape in
    a macro becomes the six characters ``\\udXXX``, as in every other format."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    return value


def render(audit: Audit, out: TextIO, top: int = 10) -> None:
    out.write(json.dumps(_printable(summary(audit, top)), indent=2, ensure_ascii=False) + "\n")
