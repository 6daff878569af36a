"""A horizontal bar chart as inline SVG: no JavaScript, no CDN, readable offline and in print."""

from __future__ import annotations

from html import escape

COLOURS = {"error": "#c0392b", "warning": "#d68910"}
BAR_HEIGHT = 22
LABEL_WIDTH = 130
BAR_WIDTH = 420


def bar_chart(bars: list[tuple[str, int, str]], title: str) -> str:
    """SVG of (label, count, severity) bars, longest scaled to the full width."""
    top = max((count for _, count, _ in bars), default=0) or 1
    height = BAR_HEIGHT * len(bars) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{LABEL_WIDTH + BAR_WIDTH + 70}" '
        f'height="{height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count, severity) in enumerate(bars):
        y = 10 + i * BAR_HEIGHT
        width = round(BAR_WIDTH * count / top)
        parts += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT - 6}" '
            f'fill="{COLOURS.get(severity, "#7f8c8d")}"><title>{escape(label)}: {count}</title></rect>',
            f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 14}">{count}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)
