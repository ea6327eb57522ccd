"""The audit as a plain-text summary: what a support lead reads in a terminal or an e-mail.

Every count comes first, then the lists to act on: the worst macros, the near-duplicate
clusters to merge, the term spellings to settle, and the files that could not be read.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TextIO

from ..diagnostic import SEVERITIES
from .macros import GRADE_MIN_WORDS
from .model import Audit, counted

#: Width of the longest bar of a chart, in characters.
BAR = 30
#: Places listed per term spelled several ways (the JSON and HTML reports list them all).
PLACES = 10


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 macro``, ``2 macros``; ``many`` where the plural is not ``word + 's'``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def severities(counts: Mapping[str, int]) -> str:
    """``2 warnings, 5 info`` (most serious first; info is a mass noun)."""
    return ", ".join(plural(counts[s], s, s if s == "info" else None) for s in SEVERITIES if counts.get(s))


def _bars(rows: list[tuple[str, int]], out: TextIO, suffix: str = "") -> None:
    if not rows:
        out.write("  (none)\n")
        return
    width = max(len(name) for name, _ in rows)
    most = max(n for _, n in rows) or 1
    for name, n in rows:
        bar = "#" * max(1 if n else 0, round(BAR * n / most))
        out.write(f"  {name:<{width}}  {n:>6,}  {bar}{suffix}\n")


def render(audit: Audit, out: TextIO, top: int = 10) -> None:
    findings = audit.findings
    out.write(f"cslint audit of {audit.name()}: {plural(len(audit.macros), 'macro')} in {plural(audit.files, 'file')}, "
              f"{plural(len(findings), 'finding')}")
    by_severity = audit.per_severity()
    out.write(f" ({severities(by_severity)})\n" if findings else "\n")
    clean = sum(1 for found in audit.by_macro() if not found)
    out.write(f"  {plural(clean, 'macro')} without a finding; {plural(audit.duplicated(), 'macro')} in "
              f"{plural(len(audit.clusters), 'near-duplicate cluster')}; {plural(len(audit.variants), 'term')} spelled several ways"
              f"{'; ' + plural(len(audit.errors), 'problem') + ' reading the library' if audit.errors else ''}\n")

    out.write("\nFindings per principle\n")
    _bars(counted(audit.per_principle()), out)

    groups = audit.per_group()
    if len(groups) > 1:
        out.write("\nFindings per folder (or file)\n")
        width = max(len(g) for g in groups)
        most = max((n for _, n in groups.values()), default=0) or 1
        for group, (macros, n) in groups.items():
            out.write(f"  {group:<{width}}  {n:>6,}  {'#' * round(BAR * n / most):<{BAR}}  in {plural(macros, 'macro')}\n")

    grades = audit.grades()
    out.write("\nReading grade (Flesch-Kincaid)\n")
    if grades:
        low, high = audit.quartiles() or (0.0, 0.0)
        out.write(f"  median {audit.median_grade()}, middle half {low:.1f} to {high:.1f}, highest {max(grades):.1f} "
                  f"({plural(len(grades), 'macro')} of {GRADE_MIN_WORDS} words or more)\n")
    else:
        out.write(f"  no macro of {GRADE_MIN_WORDS} words or more\n")

    worst = audit.worst(top)
    out.write(f"\nThe {plural(len(worst), 'worst macro')}\n" if len(worst) != 1 else "\nThe worst macro\n")
    if not worst:
        out.write("  (none: no macro has a finding)\n")
    for rank, (index, found) in enumerate(worst, 1):
        codes = Counter(findings[i].diagnostic.code for i in found)
        listed = ", ".join(f"{c} x{n}" if n > 1 else c for c, n in sorted(codes.items()))
        out.write(f"  {rank:>2}. {audit.named(index)}: "
                  f"{severities(Counter(findings[i].diagnostic.severity for i in found))} ({listed})\n")

    out.write(f"\nNear-duplicates: {plural(len(audit.clusters), 'cluster')} of {plural(audit.duplicated(), 'macro')}"
              f"{' (merge each into one macro, or make the difference plain)' if audit.clusters else ''}\n")
    for number, cluster in enumerate(audit.clusters, 1):
        out.write(f"  {number}. {audit.named(cluster.macros[0])}\n")
        for late, early, percent in cluster.links:
            out.write(f"     {audit.named(late)}: {percent}% of the wording of {audit.where(early)}\n")

    out.write(f"\nTerm variants: {plural(len(audit.variants), 'term')} spelled several ways\n")
    for variant in audit.variants:
        out.write(f"  write '{variant.suggestion}' ({variant.spellings}):\n")
        for i in variant.findings[:PLACES]:
            f = findings[i]
            d = f.diagnostic
            macro = audit.macros[f.macro] if f.macro is not None else None
            label = macro.item.label() if macro is not None and macro.item is not None else ""
            written = f": '{macro.text[f.start:f.end]}'" if macro is not None else ""
            out.write(f"     {audit.shown(d.path)}:{d.line}:{d.column}{' ' + repr(label) if label else ''}{written}\n")
        if len(variant.findings) > PLACES:
            out.write(f"     and {len(variant.findings) - PLACES:,} more (--format json or html lists them all)\n")

    if audit.errors:
        out.write(f"\nProblems reading the library ({len(audit.errors)}); the rest of the report stands without them\n")
        for d in audit.errors:
            out.write(f"  {audit.shown(d.path)}:{d.line}:{d.column}: {d.code} {d.message}\n")
