"""Charts as server-rendered inline SVG (no script, no third-party library, no network).

Every chart reads at any number of points: the values are written on the bars (and on the few
points of a sparse line), the days under the axis as dd/mm, a legend names each series, and a
period with no data says so in the chart instead of drawing an empty grid. A line needs days to
be a line: with fewer than :data:`SPARSE_DAYS` days with data, a "line" chart draws one group of
labelled bars per day with data instead (a one-day line is a dot, a two-day line a bare segment).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 26, 62
DAYS_Y = HEIGHT - BOTTOM + 22
LEGEND_Y = HEIGHT - 8
FONT, VALUE_FONT = 12, 13
INK, MUTED, GRID = "#222", "#555", "#ddd"

SPARSE_DAYS = 3
"""Fewer days with data than this: labelled bars per day with data instead of a line."""
LABEL_EVERY = 5
"""On a full axis, every fifth day is labelled (and the last)."""
FEW_DAYS = 6
"""At most this many days with data: each of them is labelled under the axis."""
LABEL_ROOM = 60.0
"""Horizontal room a dd/mm label needs (viewBox units, at a phone's larger font): closer
labels are left out."""


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


def day_text(day: date) -> str:
    """A day as the axis writes it: dd/mm."""
    return f"{day.day:02d}/{day.month:02d}"


def _open(title: str, summary: str) -> list[str]:
    """The SVG opening with its title and a description (the period, in words)."""
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>",
    ]


def _grid(scale: Axis) -> list[str]:
    """The horizontal grid lines with their value labels."""
    parts: list[str] = []
    for value in scale.ticks:
        y = _y(value, scale.top)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="{FONT}" text-anchor="end" '
            f'fill="{MUTED}" class="tick">{scale.label(value)}</text>'
        )
    return parts


def _day_labels(placed: Sequence[tuple[float, date]]) -> list[str]:
    """dd/mm under the axis at each (x, day), leaving out a label that would touch another."""
    parts: list[str] = []
    last_x = -math.inf
    for x, day in sorted(placed, key=lambda p: p[0]):
        if x - last_x < LABEL_ROOM:
            continue
        last_x = x
        parts.append(
            f'<text x="{x:.1f}" y="{DAYS_Y}" font-size="{FONT}" text-anchor="middle" '
            f'fill="{MUTED}" class="day" data-day="{day.isoformat()}">{day_text(day)}</text>'
        )
    return parts


def _legend(entries: Sequence[tuple[str, str]]) -> list[str]:
    """A colour swatch and a label per series, in a row under the day labels."""
    parts: list[str] = []
    x = float(LEFT)
    for label, colour in entries:
        parts.append(
            f'<g class="legend"><rect x="{x:.1f}" y="{LEGEND_Y - 10}" width="12" height="12" '
            f'fill="{colour}"/><text x="{x + 17:.1f}" y="{LEGEND_Y}" font-size="{FONT}" '
            f'fill="{INK}">{escape(label)}</text></g>'
        )
        x += 17 + 12 * len(label) + 24  # room for a phone's larger font
    return parts


def _value_label(x: float, y: float, text: str, colour: str = INK) -> str:
    """A value written just above a bar or a point."""
    return (
        f'<text x="{x:.1f}" y="{y - 5:.1f}" font-size="{VALUE_FONT}" font-weight="bold" '
        f'text-anchor="middle" fill="{colour}" class="value">{text}</text>'
    )


def _close(parts: list[str]) -> Markup:
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text in it went through escape()


def no_data_chart(title: str, summary: str, no_data: str) -> Markup:
    """An empty frame that says there is nothing in the period (not a bare grid)."""
    parts = _open(title, summary)
    base = _y(0, 1)
    parts.append(  # the baseline only: a value axis would suggest values
        f'<line x1="{LEFT}" y1="{base:.1f}" x2="{WIDTH - RIGHT}" y2="{base:.1f}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{(TOP + HEIGHT - BOTTOM) / 2:.1f}" '
        f'font-size="{VALUE_FONT + 2}" text-anchor="middle" fill="{MUTED}" '
        f'class="no-data">{escape(no_data)}</text>'
    )
    return _close(parts)


def _x_step(count: int) -> float:
    return (WIDTH - LEFT - RIGHT) / max(1, count)


def _y(value: float, top: float) -> float:
    plot_h = HEIGHT - TOP - BOTTOM
    return TOP + plot_h - plot_h * (value / top)


def _axis_days(days: Sequence[date], shown: Sequence[int]) -> list[tuple[float, date]]:
    """Which days of a full axis get a label: the days with data when they are few, else every
    fifth day; the last day always (data days first, so they win a crowded spot)."""
    step = _x_step(len(days))
    if len(shown) <= FEW_DAYS:
        chosen = list(shown)
    else:
        chosen = [i for i in range(len(days)) if i % LABEL_EVERY == 0]
    chosen += [i for i in (len(days) - 1, 0) if i not in chosen]
    placed: list[tuple[float, date]] = []
    for i in chosen:
        x = LEFT + step * (i + 0.5)
        if all(abs(x - other) >= LABEL_ROOM for other, _ in placed):
            placed.append((x, days[i]))
    return placed


def bar_chart(
    days: Sequence[date],
    values: Sequence[int],
    title: str,
    *,
    label: str,
    summary: str,
    no_data: str,
) -> Markup:
    """One bar per day with a count (whole ticks), the count written on it; ``label`` names
    the bars in the legend, ``summary`` states the period; ``no_data`` when all are zero. With
    fewer than :data:`SPARSE_DAYS` days with a count, only those days, as wide labelled bars."""
    shown = [i for i, value in enumerate(values) if value]
    if not shown:
        return no_data_chart(title, summary, no_data)
    scale = axis(max(values), whole=True)
    parts = _open(title, summary) + _grid(scale)
    colour = "#2f6f9f"
    if len(shown) < SPARSE_DAYS:
        parts += _grouped_bars(days, shown, [Series(label, colour, values)], scale)
        parts += _legend([(label, colour)])
        return _close(parts)
    step = _x_step(len(days))
    for i in shown:
        day, value = days[i], values[i]
        y = _y(value, scale.top)
        width = min(step * 0.7, 48.0)
        x = LEFT + step * (i + 0.5)
        parts.append(
            f'<rect class="bar" x="{x - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{_y(0, scale.top) - y:.1f}" fill="{colour}" '
            f'data-day="{day.isoformat()}" data-value="{value}">'
            f"<title>{day_text(day)}/{day.year}: {value}</title></rect>"
        )
        parts.append(_value_label(x, y, str(value)))
    parts += _day_labels(_axis_days(days, shown))
    parts += _legend([(label, colour)])
    return _close(parts)


def line_chart(
    days: Sequence[date], series: Sequence[Series], title: str, *, summary: str, no_data: str
) -> Markup:
    """One line per series (gaps where a day has no value) with a legend; with fewer than
    :data:`SPARSE_DAYS` days with data, labelled bars for those days instead."""
    shown = [i for i in range(len(days)) if any(s.values[i] is not None for s in series)]
    if not shown:
        return no_data_chart(title, summary, no_data)
    present = [v for s in series for v in s.values if v is not None]
    scale = axis(max(present))
    parts = _open(title, summary) + _grid(scale)
    if len(shown) < SPARSE_DAYS:
        parts += _grouped_bars(days, shown, series, scale)
    else:
        parts += _lines(days, shown, series, scale)
    parts += _legend([(s.label, s.colour) for s in series])
    return _close(parts)


def _mark(line: Series, day: date, value: float) -> str:
    """The data attributes and tooltip of one value of ``line``."""
    text = decimal_text(value)
    return (
        f'data-series="{escape(line.label)}" data-day="{day.isoformat()}" '
        f'data-value="{text}"><title>{escape(line.label)} {day_text(day)}: {text}</title>'
    )


def _grouped_bars(
    days: Sequence[date], shown: Sequence[int], series: Sequence[Series], scale: Axis
) -> list[str]:
    """A group per day with data, a bar per series in it, each value written on its bar."""
    parts: list[str] = []
    group = _x_step(len(shown))
    width = min(group * 0.7 / len(series), 64.0)
    placed: list[tuple[float, date]] = []
    for slot, i in enumerate(shown):
        centre = LEFT + group * (slot + 0.5)
        placed.append((centre, days[i]))
        first = centre - width * len(series) / 2
        for number, line in enumerate(series):
            value = line.values[i]
            if value is None:
                continue
            x, y = first + width * number, _y(value, scale.top)
            parts.append(
                f'<rect class="bar" x="{x + 2:.1f}" y="{y:.1f}" width="{width - 4:.1f}" '
                f'height="{_y(0, scale.top) - y:.1f}" fill="{line.colour}" '
                f"{_mark(line, days[i], value)}</rect>"
            )
            parts.append(_value_label(x + width / 2, y, decimal_text(value)))
    return parts + _day_labels(placed)


def _lines(
    days: Sequence[date], shown: Sequence[int], series: Sequence[Series], scale: Axis
) -> list[str]:
    """A polyline per series with a dot per value; the values written on the dots when the
    days with data are few, else on each series' latest dot only."""
    parts: list[str] = []
    marks: list[str] = []  # drawn over every line
    step = _x_step(len(days))
    for line in series:
        runs: list[list[str]] = [[]]
        latest = max((i for i, v in enumerate(line.values) if v is not None), default=None)
        for i, value in enumerate(line.values):
            if value is None:
                runs.append([])
                continue
            x, y = LEFT + step * (i + 0.5), _y(value, scale.top)
            runs[-1].append(f"{x:.1f},{y:.1f}")
            marks.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{line.colour}" '
                f"{_mark(line, days[i], value)}</circle>"
            )
            if len(shown) <= FEW_DAYS or i == latest:
                marks.append(_value_label(x, y, decimal_text(value), line.colour))
        parts += [
            f'<polyline points="{" ".join(run)}" fill="none" stroke="{line.colour}" '
            'stroke-width="2"/>'
            for run in runs
            if len(run) > 1
        ]
    return parts + marks + _day_labels(_axis_days(days, shown))
