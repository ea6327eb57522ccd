"""Run a rule's own examples: every ``flag`` text must be reported, every ``pass`` text not.

The test suite runs them for every shipped rule, and ``cslint check-rules`` runs them for
a team's own rules, so a rule's examples are its executable specification.
"""
from __future__ import annotations

from ..config import Config
from ..engine.linter import Linter
from ..sources.document import Segment, SourceFile
from .parse import Rule


def problems(rule: Rule) -> list[str]:
    """What is wrong with the rule's examples (empty when they all behave)."""
    linter = Linter([rule], Config(select=(rule.code,)))
    out: list[str] = []
    for expected, texts in (("flag", rule.examples_flag), ("pass", rule.examples_pass)):
        for i, text in enumerate(texts, 1):
            found = [d for d in linter.lint_segments(SourceFile("<example>", text), [Segment(text)]) if d.code == rule.code]
            if expected == "flag" and not found:
                out.append(f"{rule.path}: {rule.code} does not flag its 'flag' example {i}: {text!r}")
            elif expected == "pass" and found:
                out.append(f"{rule.path}: {rule.code} flags its 'pass' example {i} at column {found[0].column}: {text!r}")
    return out
