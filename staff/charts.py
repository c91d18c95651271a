"""Small accessible SVG charts drawn on the server (no script, no CDN).

Each chart has a <title> and <desc> for screen readers; the page also shows the same figures in a table.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from markupsafe import Markup, escape

# Colour-blind-safe palette (Okabe-Ito); each series also has its name in the legend.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")


def _svg(width: int, height: int, title: str, desc: str, body: List[str], chart_id: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def stacked_days(per_day: Dict[str, Dict[str, int]], series: Sequence[str], title: str, chart_id: str) -> Markup:
    """Vertical bars, one per day, stacked by series (channel)."""
    days = list(per_day)
    width, height, left, bottom, top = 720, 260, 36, 28, 34  # the legend sits above the bars
    peak = max([sum(v.values()) for v in per_day.values()] + [1])
    slot = (width - left - 10) / max(len(days), 1)
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" stroke="#555"/>',
            f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" font-size="11">{peak}</text>',
            f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>']
    for i, day in enumerate(days):
        y = height - bottom
        for s, name in enumerate(series):
            count = per_day[day].get(name, 0)
            if not count:
                continue
            h = (height - bottom - top) * count / peak
            y -= h
            body.append(f'<rect x="{left + i * slot + 1:.1f}" y="{y:.1f}" width="{max(slot - 2, 1):.1f}" '
                        f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}">'
                        f'<title>{escape(day)}: {escape(name)} {count}</title></rect>')
        if i % max(len(days) // 6, 1) == 0:
            body.append(f'<text x="{left + i * slot:.1f}" y="{height - 8}" font-size="11">{escape(day[5:])}</text>')
    for s, name in enumerate(series):
        body.append(f'<rect x="{left + 10 + s * 110}" y="6" width="12" height="12" '
                    f'fill="{PALETTE[s % len(PALETTE)]}"/>'
                    f'<text x="{left + 26 + s * 110}" y="16" font-size="12">{escape(name)}</text>')
    total = sum(sum(v.values()) for v in per_day.values())
    desc = f"{total} conversations over {len(days)} days, by channel: " + ", ".join(
        f"{name} {sum(v.get(name, 0) for v in per_day.values())}" for name in series)
    return _svg(width, height, title, desc, body, chart_id)


def horizontal_bars(values: List[Tuple[str, float]], title: str, chart_id: str, unit: str = "") -> Markup:
    """One labelled bar per value, largest first as given."""
    row, left, width = 26, 190, 720
    height = max(len(values), 1) * row + 10
    peak = max([v for _, v in values] + [1])
    body = []
    for i, (label, value) in enumerate(values):
        y = 5 + i * row
        w = (width - left - 70) * value / peak
        body.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(label)}</text>'
                    f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                    f'<text x="{left + w + 6:.1f}" y="{y + 16}" font-size="13">{escape(_fmt(value))}{escape(unit)}'
                    f'</text>')
    if not values:
        body.append(f'<text x="10" y="22" font-size="13">{escape("No data yet")}</text>')
    desc = ", ".join(f"{label}: {_fmt(value)}{unit}" for label, value in values) or "No data yet"
    return _svg(width, height, title, desc, body, chart_id)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
