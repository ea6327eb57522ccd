"""The audit as one self-contained HTML file (``cslint audit --format html``).

Everything it needs is inside it: the style sheet and script (``assets/``), the charts
as inline SVG (:mod:`.charts`) and the macros as JSON in a ``<script type=
"application/json">`` block, so it opens offline, from a mail attachment or a CI artifact.
A Content-Security-Policy in the page forbids loading anything at all.

Macros are untrusted text (anyone who can edit the library writes them): every piece of
it written into the page is escaped, and the script only sets text (``textContent``).
The JSON block escapes ``<``, ``>`` and ``&``, so no macro can close it.
"""
from __future__ import annotations

import json
from collections import Counter
from html import escape
from importlib import resources
from typing import TextIO

from .. import __version__
from ..diagnostic import SEVERITIES
from ..reporters.base import printable
from . import charts
from .macros import GRADE_MIN_WORDS
from .model import Audit, counted
from .text import plural, severities

#: Folders (or files) charted at most; the rest are summed in one bar.
MOST_GROUPS = 20
#: Rows of the macro table shown until the reader asks for all (the rest are hidden, and
#: cost the browser no layout: 10,000 rows take seconds to lay out at each sort).
SHOWN_ROWS = 500

#: Nothing is loaded from anywhere: styles and scripts are the page's own.
_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _text(value: object) -> str:
    """User text for HTML content or an attribute value, escaped."""
    return escape(printable(str(value)), quote=True)


def data_json(audit: Audit) -> str:
    """The macros and findings the script shows, as JSON safe inside ``<script>``."""
    by_macro = audit.by_macro()
    macros = [{"t": audit.label(i), "p": audit.shown(m.path), "l": m.line, "x": m.text, "w": m.words, "g": m.grade, "f": by_macro[i]}
              for i, m in enumerate(audit.macros)]
    findings = []
    for f in audit.findings:
        d = f.diagnostic
        findings.append({"c": d.code, "n": d.rule, "s": d.severity, "p": d.principle, "m": d.message, "l": d.line,
                         "o": d.column, "a": f.start, "b": f.end, "k": f.macro,
                         "x": d.fix.replacement if d.fix is not None else None})
    text = json.dumps({"macros": macros, "findings": findings}, ensure_ascii=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _opener(audit: Audit, index: int) -> str:
    return f'<button class="open" type="button" data-open="{index}">{_text(audit.named(index))}</button>'


def _cards(audit: Audit) -> str:
    clean = sum(1 for found in audit.by_macro() if not found)
    cards = [(f"{len(audit.macros):,}", f"macros in {plural(audit.files, 'file')}"),
             (f"{len(audit.findings):,}", "findings"),
             (f"{clean:,}", "macros without a finding"),
             (f"{len(audit.clusters):,}", f"near-duplicate clusters ({plural(audit.duplicated(), 'macro')})"),
             (f"{len(audit.variants):,}", "terms spelled several ways"),
             (str(audit.median_grade() if audit.median_grade() is not None else "n/a"), "median reading grade")]
    if audit.errors:
        cards.append((f"{len(audit.errors):,}", "problems reading the library"))
    return "".join(f'<div class="card"><b>{_text(value)}</b><span>{_text(label)}</span></div>' for value, label in cards)


def _charts(audit: Audit) -> str:
    groups = sorted(audit.per_group().items(), key=lambda kv: (-kv[1][1], kv[0]))
    rows = [(g, n) for g, (_, n) in groups[:MOST_GROUPS]]
    if len(groups) > MOST_GROUPS:
        rest = groups[MOST_GROUPS:]
        rows.append((f"{len(rest)} more", sum(n for _, (_, n) in rest)))
    median = audit.median_grade()
    return (
        '<div class="charts">'
        f'<figure id="chart-principle"><figcaption>Findings per principle</figcaption>'
        f'{charts.bars(counted(audit.per_principle()), "Findings per principle")}</figure>'
        f'<figure id="chart-folder"><figcaption>Findings per folder (or file)</figcaption>'
        f'{charts.bars(rows, "Findings per folder or file")}</figure>'
        f'<figure id="chart-grade"><figcaption>Reading grade across the library '
        f'({plural(len(audit.grades()), "macro")} of {GRADE_MIN_WORDS} words or more)</figcaption>'
        f'{charts.histogram(audit.grades(), "Macros per reading grade", marker=median, marker_label=f"median {median}")}'
        '</figure></div>')


def _worst(audit: Audit, top: int) -> str:
    worst = audit.worst(top)
    if not worst:
        return '<p class="empty">No macro has a finding.</p>'
    items = []
    for index, found in worst:
        kinds: Counter[str] = Counter(audit.findings[i].diagnostic.severity for i in found)
        codes = Counter(audit.findings[i].diagnostic.code for i in found)
        listed = ", ".join(f"{c} \u00d7{n}" if n > 1 else c for c, n in sorted(codes.items()))
        items.append(f"<li>{_opener(audit, index)}: {_text(severities(kinds))} <code>{_text(listed)}</code></li>")
    return f'<ol class="worst">{"".join(items)}</ol>'


def _clusters(audit: Audit) -> str:
    if not audit.clusters:
        return '<p class="empty">No near-duplicates.</p>'
    items = []
    for cluster in audit.clusters:
        links = "".join(f"<li>{_opener(audit, late)}: {percent}% of the wording of {_text(audit.where(early))}</li>"
                        for late, early, percent in cluster.links)
        items.append(f'<li>{_opener(audit, cluster.macros[0])}<ul class="links">{links}</ul></li>')
    return ('<p>Merge each cluster into one macro, or make the difference plain in the wording and the title.</p>'
            f'<ol class="clusters">{"".join(items)}</ol>')


def _variants(audit: Audit) -> str:
    if not audit.variants:
        return '<p class="empty">Every term is spelled one way.</p>'
    rows = []
    for v in audit.variants:
        places = []
        for i in v.findings:
            f = audit.findings[i]
            written = audit.macros[f.macro].text[f.start:f.end] if f.macro is not None else ""
            places.append(f"{_opener(audit, f.macro)} <q>{_text(written)}</q>" if f.macro is not None
                          else _text(f"{audit.shown(f.diagnostic.path)}:{f.diagnostic.line}"))
        rows.append(f"<tr><td><b>{_text(v.suggestion)}</b></td><td>{_text(v.spellings)}</td>"
                    f"<td>{'<br>'.join(places)}</td></tr>")
    return ("<table><thead><tr><th>write</th><th>spellings in the library</th><th>where another is used</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _errors(audit: Audit) -> str:
    items = "".join(f"<li><code>{_text(f'{audit.shown(d.path)}:{d.line}:{d.column}')}</code> {_text(d.code)} {_text(d.message)}</li>"
                    for d in audit.errors)
    return (f'<section id="errors"><h2>Problems reading the library ({len(audit.errors)})</h2>'
            f"<p>The rest of the report stands without them.</p><ul>{items}</ul></section>")


def _table(audit: Audit) -> str:
    groups = audit.group_of()
    rows = []
    for i, (macro, found) in enumerate(zip(audit.macros, audit.by_macro())):
        diagnostics = [audit.findings[k].diagnostic for k in found]
        codes = Counter(d.code for d in diagnostics)
        listed = ", ".join(f"{c} \u00d7{n}" if n > 1 else c for c, n in sorted(codes.items()))
        principles = " ".join(sorted({d.principle for d in diagnostics}))
        kinds = " ".join(sorted({d.severity for d in diagnostics}))
        search = " ".join([audit.label(i), macro.path, groups[i], *codes, *(d.rule for d in diagnostics)]).lower()
        grade = "" if macro.grade is None else f"{macro.grade:.1f}"
        rows.append(
            f'<tr data-search="{_text(search)}" data-principles="{_text(principles)}" data-severities="{_text(kinds)}" '
            f'{"hidden " if i >= SHOWN_ROWS else ""}'
            f'data-findings="{len(found)}">'
            f'<td class="num">{i + 1}</td>'
            f'<td><button class="open" type="button" data-open="{i}">{_text(audit.label(i))}</button></td>'
            f'<td data-sort="{_text(audit.shown(macro.path))}:{macro.line:09d}">{_text(audit.where(i))}</td>'
            f"<td>{_text(groups[i])}</td>"
            f'<td class="num">{macro.words}</td>'
            f'<td class="num" data-sort="{grade or "NaN"}">{grade}</td>'
            f'<td class="num">{len(found)}</td>'
            f'<td class="num">{audit.score(found)}</td>'
            f"<td><code>{_text(listed)}</code></td></tr>")
    principles = "".join(f'<option value="{_text(p)}">{_text(p)}</option>' for p, _ in counted(audit.per_principle()))
    kinds = "".join(f'<option value="{s}">{s}</option>' for s in SEVERITIES)
    headers = [("#", "num"), ("macro", ""), ("where", ""), ("folder", ""), ("words", "num"), ("grade", "num"),
               ("findings", "num"), ("score", "num"), ("codes", "")]
    head = "".join(f'<th class="{cls}" scope="col"><button type="button">{name}</button></th>' for name, cls in headers)
    return (
        '<div class="filters">'
        '<input id="filter-text" type="search" placeholder="Filter: title, file, folder, code or rule" '
        'aria-label="Filter the macros">'
        f'<select id="filter-principle" aria-label="Principle"><option value="">every principle</option>{principles}</select>'
        f'<select id="filter-severity" aria-label="Severity"><option value="">every severity</option>{kinds}</select>'
        '<label><input id="filter-found" type="checkbox"> only macros with findings</label>'
        '<span id="shown-count" class="count"></span><button id="show-all" type="button" hidden></button></div>'
        f'<div class="scroll"><table id="macro-table" data-limit="{SHOWN_ROWS}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def render(audit: Audit, out: TextIO, top: int = 10) -> None:
    title = f"cslint audit: {audit.name()}"
    found = audit.per_severity()
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<header><h1>Macro library audit</h1><p class=\"lead\">{_text(audit.name())}: "
        f"{_text(plural(len(audit.macros), 'macro'))} in {_text(plural(audit.files, 'file'))}, "
        f"{_text(plural(len(audit.findings), 'finding'))}{_text(' (' + severities(found) + ')' if audit.findings else '')}"
        "</p></header>"
        f'<section class="cards" id="summary">{_cards(audit)}</section>'
        f'<section id="charts"><h2>Where the findings are</h2>{_charts(audit)}</section>'
        f'<section id="worst"><h2>The worst macros</h2><p>Ranked by their findings, weighted by severity '
        f"(an error 3, a warning 2, an info finding 1).</p>{_worst(audit, top)}</section>"
        f'<section id="duplicates"><h2>Near-duplicates</h2>{_clusters(audit)}</section>'
        f'<section id="variants"><h2>Terms spelled several ways</h2>{_variants(audit)}</section>'
        f"{_errors(audit) if audit.errors else ''}"
        f'<section id="macros"><h2>Every macro</h2><p>Click a column to sort, type to filter, click a macro to read it '
        f"with its findings highlighted.</p>{_table(audit)}</section>"
        f"<footer>Made by cslint {_text(__version__)}; this page loads nothing from the network.</footer>"
        '<dialog id="macro-view" aria-labelledby="macro-title"><header><div><h2 id="macro-title"></h2><p class="where"></p></div>'
        '<button class="close" type="button" aria-label="Close">\u00d7</button></header>'
        '<div class="body"><div class="macro-text"></div><h3>Findings</h3><ol class="findings"></ol></div>'
        '<div class="tip" role="tooltip" hidden></div></dialog>'
        f'<script type="application/json" id="audit-data">{data_json(audit)}</script>'
        f"<script>{_asset('report.js')}</script></body></html>\n")
