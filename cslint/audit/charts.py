"""Charts as inline SVG: the HTML report draws them with no library and loads nothing.

Every label is escaped (a folder name is the user's text). The charts are plain shapes
with a ``<title>`` on each bar, so a reader hovering a bar sees its exact count, and each
chart has a text alternative (``role="img"`` and ``aria-label``).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

#: Width of a chart, in SVG units (it scales to its box).
WIDTH = 560
#: Height of one bar of a bar chart, and the space between two.
ROW = 22
GAP = 6
#: Characters of a label shown before it is cut with '…'.
LABEL_CHARS = 26


def _label(text: str) -> str:
    """A label cut to :data:`LABEL_CHARS`, keeping its end (the end of a folder's path
    is what tells it from its neighbours)."""
    return escape(text if len(text) <= LABEL_CHARS else "…" + text[1 - LABEL_CHARS:])


def _svg(height: int, title: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
            f'aria-label="{escape(title)}">')


def bars(rows: Sequence[tuple[str, int]], title: str, *, css: str = "bar") -> str:
    """A horizontal bar chart of ``rows`` (label, count), in the order given."""
    if not rows:
        return f'<p class="empty">{escape(title)}: none</p>'
    left, right = 190, 60
    span = WIDTH - left - right
    most = max(n for _, n in rows) or 1
    height = len(rows) * (ROW + GAP) + GAP
    parts = [_svg(height, title)]
    for i, (label, n) in enumerate(rows):
        y = GAP + i * (ROW + GAP)
        w = max(1.0, span * n / most) if n else 0.0
        parts.append(
            f'<g><title>{escape(label)}: {n:,}</title>'
            f'<text x="{left - 8}" y="{y + ROW * 0.7:.1f}" text-anchor="end">{_label(label)}</text>'
            f'<rect class="{css}" x="{left}" y="{y}" width="{w:.1f}" height="{ROW}" rx="3"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + ROW * 0.7:.1f}">{n:,}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(values: Sequence[float], title: str, *, low: int = 0, high: int = 20, marker: float | None = None,
              marker_label: str = "") -> str:
    """Counts of ``values`` in bins of one from ``low`` to ``high`` (values beyond fall in
    the end bins, labelled ``<low+1`` and ``high+``), with a vertical ``marker`` line."""
    if not values:
        return f'<p class="empty">{escape(title)}: none</p>'
    bins = list(range(low, high + 1))
    counts = [0] * len(bins)
    for v in values:
        counts[min(max(math.floor(v), low), high) - low] += 1
    top, bottom, left = 16, 34, 40
    plot_h = 180
    step = (WIDTH - left - 10) / len(bins)
    most = max(counts) or 1
    height = top + plot_h + bottom
    parts = [_svg(height, title),
             f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{WIDTH - 10}" y2="{top + plot_h}"/>',
             f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{most:,}</text>',
             f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (b, n) in enumerate(zip(bins, counts)):
        x = left + i * step
        h = plot_h * n / most
        name = f"<{low + 1}" if b == low else f"{high}+" if b == high else f"{b}"
        shown = f"grade {name}" if b in (low, high) else f"grade {b} to {b + 1}"
        parts.append(f'<g><title>{escape(shown)}: {n:,} macro{"s" * (n != 1)}</title>'
                     f'<rect class="bar" x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{step - 2:.1f}" height="{h:.1f}"/></g>')
        if b % 2 == 0 or b == high:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{escape(name)}</text>')
    parts.append(f'<text x="{(WIDTH + left) / 2:.0f}" y="{height - 4}" text-anchor="middle">reading grade</text>')
    if marker is not None:
        x = left + (min(max(marker, low), high + 1) - low) * step
        parts.append(f'<line class="marker" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + plot_h}"/>'
                     f'<text class="marker" x="{x + 4:.1f}" y="{top + 6}">{escape(marker_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
