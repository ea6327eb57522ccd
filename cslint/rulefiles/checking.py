"""``cslint check-rules``: every error of a rule file at once, and the codes and names it
may not take.

Loading stops at a file's first error, which is right for a lint run; a team fixing its
rule files wants them all. So a file is built again after each error, with the value at
fault set aside (the key's default, or a stand-in that is valid for its kind), until it
builds or an error names no key that can be set aside (an unknown rule type, a problem
between keys). A rule file's code and name must also be free among the rules every run
loads (shipped and plugin rules), or ``--rules`` would refuse it later.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..checks.base import Check
from ..schema import LineMap
from .parse import HEADER, PRINCIPLES, Rule, RuleFileError, build_rule, principle_of
from .vocabulary import Vocabulary

#: A valid value of each kind, for a required key whose value is at fault.
_STAND_INS: dict[str, Any] = {
    "text": "stand-in", "phrases": ["stand-in"], "swap": {"stand-in": "replacement"}, "int": 1, "number": 1,
    "bool": False, "codes": [], "examples": {"flag": ["stand-in"], "pass": ["other"]},
}


def build_all_errors(data: Any, path: str, types: Mapping[str, type[Check]],
                     classes: Vocabulary) -> tuple[Rule | None, list[RuleFileError]]:
    """The rule a file describes (None if it has an error) and all its errors, in the
    order they were found."""
    errors: list[RuleFileError] = []
    set_aside: set[str] = set()
    while True:
        try:
            rule = build_rule(data, path, types, vocabulary=classes)
            return (None if errors else rule), errors
        except RuleFileError as exc:
            errors.append(exc)
            key = exc.key
            if not isinstance(data, LineMap) or key is None or key in set_aside or key not in data or key == "type":
                return None, errors
            set_aside.add(key)
            data = _without(data, key, types)


def _without(data: LineMap, key: str, types: Mapping[str, type[Check]]) -> LineMap:
    """``data`` with ``key``'s value set aside: left out when the key is optional or
    unknown, else replaced by a stand-in of its kind (lines kept for later errors)."""
    cls = types.get(data.get("type"))  # type: ignore[arg-type]
    spec = {**HEADER, **(cls.keys if cls else {})}.get(key)
    out = LineMap(data, line=getattr(data, "line", 1), key_lines=dict(getattr(data, "key_lines", {})),
                  path=getattr(data, "path", None))
    if spec is None or not spec.required:
        del out[key]
    elif key == "code":
        out[key] = f"CS{PRINCIPLES.get(str(data.get('principle')), '1')}99"[:5]
    elif key == "principle":
        code = str(data.get("code", ""))
        out[key] = principle_of(code) or "respect"
    elif spec.kind == "choice":
        out[key] = spec.choices[0]
    else:
        out[key] = _STAND_INS.get(spec.kind, "stand-in")
    return out


def taken(rules: list[Rule]) -> dict[tuple[str, str], str]:
    """The codes and names of the rules every run loads, with the file of each."""
    return {(key, value): r.path for r in rules for key, value in (("code", r.code), ("name", r.name))}


def same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b
