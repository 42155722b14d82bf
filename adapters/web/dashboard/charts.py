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


MAX_INTERVALS = 5
"""At most this many grid intervals on the value axis."""


@dataclass(frozen=True)
class Axis:
    """The value axis: from 0 to ``top`` by ``step`` (a 1, 2 or 5 x 10^n), each tick labelled
    with as many decimals as the step needs (none for whole steps)."""

    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        """0, step, 2 x step ... top."""
        return [self.step * i for i in range(round(self.top / self.step) + 1)]

    @property
    def decimals(self) -> int:
        """Decimals that tell every tick apart (0 when the step is whole)."""
        if float(self.step).is_integer():
            return 0
        return max(0, -math.floor(math.log10(self.step) + 1e-9))

    def label(self, value: float) -> str:
        """A tick's label, pt-BR style (decimal comma)."""
        return decimal_text(value, self.decimals)


def axis(largest: float, *, whole: bool = False) -> Axis:
    """A round value axis reaching at least ``largest`` in at most five intervals; ``whole``
    (a count) keeps every tick a whole number. 0 to 1 for nothing."""
    if largest <= 0:
        return Axis(1.0, 1.0)
    power = 10.0 ** math.floor(math.log10(largest / MAX_INTERVALS))
    for multiple in (1, 2, 5, 10, 20, 50):
        step = multiple * power
        if whole and step < 1:
            continue
        if largest <= step * MAX_INTERVALS + 1e-9:
            break
    top = step * math.ceil(largest / step - 1e-9)
    return Axis(float(top), float(step))


def wait_unit(minutes: Sequence[float | None]) -> tuple[str, float]:
    """The unit that shows these waits (in minutes) readably, and its count per minute:
    seconds when all are under a minute, hours from three hours, else minutes."""
    largest = max((m for m in minutes if m is not None), default=0.0)
    if largest < 1:
        return "seconds", 60.0
    if largest >= 180:
        return "hours", 1 / 60
    return "minutes", 1.0


def decimal_text(value: float, decimals: int = 1) -> str:
    """``value`` with a decimal comma: whole numbers without decimals, else ``decimals``."""
    if float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.{max(decimals, 1)}f}".replace(".", ",")


def _frame(days: Sequence[date], scale: Axis, title: str) -> list[str]:
    """The SVG opening, the title, the horizontal grid with its labels and the day labels."""
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for value in scale.ticks:
        y = _y(value, scale.top)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#555" class="tick">{scale.label(value)}</text>'
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
    """One bar per day (a count: whole ticks), its value as the bar's tooltip."""
    scale = axis(max(values, default=0), whole=True)
    top = scale.top
    parts = _frame(days, scale, title)
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
    scale = axis(max(present, default=0))
    top = scale.top
    parts = _frame(days, scale, title)
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
                f'data-value="{decimal_text(value)}"><title>{escape(line.label)} '
                f"{day.day:02d}/{day.month:02d}: {decimal_text(value)}</title></circle>"
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
