"""Charts as server-rendered inline SVG (no script, no third-party library, no network)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a label, a colour and a value per day (None: no data)."""

    label: str
    colour: str
    values: Sequence[float | None]


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 x 10^n); 1 for nothing."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _frame(days: Sequence[date], top: float, title: str) -> list[str]:
    """The SVG opening, the title, the horizontal grid with its labels and the day labels."""
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#555">{_number(value)}</text>'
        )
    step = _x_step(len(days))
    for i, day in enumerate(days):
        if i % 5 == 0 or i == len(days) - 1:
            x = LEFT + step * (i + 0.5)
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - 8}" font-size="11" text-anchor="middle" '
                f'fill="#555">{day.day:02d}/{day.month:02d}</text>'
            )
    return parts


def _x_step(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / max(1, count)


def _y(value: float, top: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - plot_h * (value / top)


def bar_chart(days: Sequence[date], values: Sequence[int], title: str) -> Markup:
    """One bar per day, its value as the bar's tooltip."""
    top = nice_ceiling(max(values, default=0))
    parts = _frame(days, top, title)
    step = _x_step(len(days))
    for i, (day, value) in enumerate(zip(days, values, strict=True)):
        y = _y(value, top)
        parts.append(
            f'<rect class="bar" x="{LEFT + step * i + step * 0.15:.1f}" y="{y:.1f}" '
            f'width="{step * 0.7:.1f}" height="{_y(0, top) - y:.1f}" fill="#2f6f9f" '
            f'data-day="{day.isoformat()}" data-value="{value}">'
            f"<title>{day.day:02d}/{day.month:02d}/{day.year}: {value}</title></rect>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def line_chart(days: Sequence[date], series: Sequence[Series], title: str) -> Markup:
    """One polyline per series (gaps where a day has no value), dots with tooltips, a legend."""
    present = [v for s in series for v in s.values if v is not None]
    top = nice_ceiling(max(present, default=0))
    parts = _frame(days, top, title)
    step = _x_step(len(days))
    for number, line in enumerate(series):
        points: list[str] = []
        runs: list[list[str]] = [points]
        for i, value in enumerate(line.values):
            if value is None:
                points = []
                runs.append(points)
                continue
            x, y = LEFT + step * (i + 0.5), _y(value, top)
            points.append(f"{x:.1f},{y:.1f}")
            day = days[i]
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{line.colour}" '
                f'data-series="{escape(line.label)}" data-day="{day.isoformat()}" '
                f'data-value="{_number(value)}"><title>{escape(line.label)} '
                f"{day.day:02d}/{day.month:02d}: {_number(value)}</title></circle>"
            )
        for run in runs:
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" '
                    f'stroke="{line.colour}" stroke-width="2"/>'
                )
        legend_x = LEFT + 8 + number * 110
        parts.append(
            f'<rect x="{legend_x}" y="{TOP}" width="10" height="10" fill="{line.colour}"/>'
            f'<text x="{legend_x + 14}" y="{TOP + 9}" font-size="11" fill="#333">'
            f"{escape(line.label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()
