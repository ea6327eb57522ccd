"""Hover on a finding: what the rule asks for, and wording that passes it."""
from __future__ import annotations

from lsprotocol import types

from ..diagnostic import Diagnostic
from ..rulefiles.parse import Rule
from .convert import Positions

#: Passing examples shown under a rule's description: enough to show the better wording
#: without filling the screen.
EXAMPLES = 2


def text(d: Diagnostic, rule: Rule | None) -> str:
    """The Markdown shown for one finding: the rule and its description, the fix's
    wording where the finding has one, and the rule's passing examples.

    >>> from cslint.diagnostic import Fix
    >>> d = Diagnostic("r.txt", 1, 1, 1, 9, "CS999", "x", "linter", "info", "stopped", fix=Fix(0, 8, "use", "use"))
    >>> print(text(d, None))
    **CS999** x: stopped
    <BLANKLINE>
    Better: "use"
    """
    if rule is None:  # (cslint's own notices have no rule file)
        parts = [f"**{d.code}** {d.rule}: {d.message}"]
    else:
        parts = [f"**{d.code} {rule.name}** ({rule.principle}, {rule.severity})", rule.description.strip()]
    if d.fix is not None:
        parts.append(f'Better: "{d.fix.replacement}"' + (" (check the meaning)" if d.fix.applicability == "unsafe" else ""))
    examples = rule.examples_pass[:EXAMPLES] if rule is not None else ()
    if examples:
        parts.append("Reads well:\n" + "\n".join(_quoted(e) for e in examples))
    return "\n\n".join(parts)


def _quoted(example: str) -> str:
    """An example as a list item, its further lines kept under it."""
    return "- " + "\n  ".join(example.strip().splitlines() or [""])


def hover(found: list[Diagnostic], rules: dict[str, Rule], positions: Positions,
          at: types.Position) -> types.Hover | None:
    """The hover of the findings under ``at`` (between their start and end)."""
    here = [d for d in found if _within(positions.range(d), at)]
    if not here:
        return None
    value = "\n\n---\n\n".join(text(d, rules.get(d.code)) for d in here)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
                       range=positions.range(here[0]))


def _within(span: types.Range, at: types.Position) -> bool:
    return (span.start.line, span.start.character) <= (at.line, at.character) <= (span.end.line, span.end.character)
