"""Generate the rule reference (docs/rules.md) from the shipped rule files.

The rule files are the single source of truth: their descriptions, messages, sources and
examples are what users read, so the reference is generated, never edited by hand, and a
test fails when the committed page is out of date. Regenerate with::

    python -m cslint.rulefiles.docs > docs/rules.md
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from ..checks import BUILTIN
from .parse import PRINCIPLES, Rule, code_range, load_folders
from .plugins import default_rules_dir

REGENERATE = "python -m cslint.rulefiles.docs > docs/rules.md"

#: cslint's principles, in code order, with the customer-service principles support
#: teams use in their QA scorecards that each one covers.
PRINCIPLE_TITLES: dict[str, tuple[str, str]] = {
    "reliability": ("Reliability", "reliability and trust (promises a team can keep)"),
    "transparency": ("Transparency", "honesty and transparency"),
    "competence": ("Competence", "competence (sure of the facts, owning the request)"),
    "confidentiality": ("Confidentiality", "confidentiality and security"),
    "inclusivity": ("Inclusivity", "inclusive, respectful address"),
    "respect": ("Respect", "respect, professionalism (courtesy)"),
    "clarity": ("Clarity", "clear communication"),
    "empathy": ("Empathy", "empathy"),
    "accountability": ("Accountability", "accountability, reliability (promises with a time)"),
    "professionalism": ("Professionalism", "professionalism"),
    "personalization": ("Personalization", "personalization"),
    "readability": ("Readability", "clear communication"),
    "consistency": ("Consistency", "a macro library's upkeep (library rules, judged across all its macros)"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")


def _example(text: str) -> str:
    shown = text.replace("\n", "⏎")
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


def _rule_section(rule: Rule) -> list[str]:
    fixable = rule.check.fixable and rule.check.applicability != "none"
    fix = f" · fix: {rule.check.applicability}" if fixable else ""
    if rule.opt_in:
        fix += f" · **off by default** (turn on with `--extend-select {rule.code}`)"
    lines = [
        f"### {rule.code} {rule.name}",
        "",
        f"*{rule.severity}* · type `{rule.type}`{fix} · file `{Path(rule.path).parent.name}/{Path(rule.path).name}`",
        "",
        _one_line(rule.description),
        "",
        f"Message: {_one_line(rule.message)}",
        "",
        f"Source: {_one_line(rule.source)}",
        "",
        "Reported:",
        "",
        *(f"- {_example(t)}" for t in rule.examples_flag),
        "",
        "Not reported:",
        "",
        *(f"- {_example(t)}" for t in rule.examples_pass),
        "",
    ]
    return lines


def render(rules: Iterable[Rule]) -> str:
    """The whole reference page as Markdown."""
    by_principle: dict[str, list[Rule]] = {p: [] for p in PRINCIPLES}
    for rule in sorted(rules, key=lambda r: r.code):
        by_principle[rule.principle].append(rule)
    out = [
        "# Rule reference",
        "",
        "<!-- Generated from rules/ by cslint/rulefiles/docs.py; do not edit by hand. -->",
        f"Generated from the rule files in `rules/`. Regenerate after changing a rule: `{REGENERATE}`",
        "(a test fails while this page is out of date).",
        "In the examples, `<<...>>` marks the words a rule reports and `=> ...` the fix it offers",
        "([syntax](writing-rules.md#examples-are-tests)).",
        "",
        "Each principle maps to the service principles support teams score in quality reviews:",
        "",
        "| Codes | cslint principle | Support-team principle | Rules |",
        "|---|---|---|---|",
    ]
    for principle in PRINCIPLES:
        title, known = PRINCIPLE_TITLES[principle]
        count = len(by_principle[principle])
        out.append(f"| {code_range(principle)} | [{title}](#{principle}) | {known} | {count} |")
    out.append("")
    for principle in PRINCIPLES:
        title, known = PRINCIPLE_TITLES[principle]
        rules_here = by_principle[principle]
        out += [f'<a id="{principle}"></a>', "", f"## {code_range(principle)} {title}", "", f"Support-team principle: {known}.", ""]
        if not rules_here:
            out += ["No shipped rules.", ""]
            continue
        out += ["| Code | Name | Severity | What it reports |", "|---|---|---|---|"]
        out += [
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.severity} | {_cell(r.message)} |"
            for r in rules_here
        ]
        out.append("")
        for rule in rules_here:
            out += _rule_section(rule)
    return "\n".join(out).rstrip("\n") + "\n"


def shipped_rules() -> list[Rule]:
    """The rules in the shipped rule folder, without plugins or configuration."""
    return load_folders([default_rules_dir()], BUILTIN)


def main() -> int:
    sys.stdout.write(render(shipped_rules()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
