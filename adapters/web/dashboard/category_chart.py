"""A bar chart over categories (hours of the day, consultants) as server-rendered inline SVG.

The same drawing as :mod:`adapters.web.dashboard.charts`: a round value axis, the value written on
each bar, a legend per series, and "no data in this period" instead of an empty grid. A category
with no value in any series is left out; a label under the axis that would touch its neighbour is
left out too (the value is still on the bar and in its tooltip), and long labels are shortened.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from adapters.web.dashboard.charts import (
    DAYS_Y,
    FONT,
    LEFT,
    MUTED,
    Axis,
    Series,
    _close,
    _grid,
    _legend,
    _open,
    _value_label,
    _x_step,
    _y,
    axis,
    decimal_text,
    no_data_chart,
)

LABEL_CHARS = 12
"""Longer category labels are cut to this many characters (with "…")."""
CHAR_ROOM = 11.0
"""Horizontal room one character of a label needs (viewBox units, at a phone's larger font)."""


def short(label: str) -> str:
    """``label`` cut to LABEL_CHARS characters with "…"."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def category_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    *,
    summary: str,
    no_data: str,
    suffix: str = "",
) -> Markup:
    """A group of bars per category with a value, a bar per series; ``suffix`` follows each
    written value (``%``)."""
    shown = [i for i in range(len(labels)) if any(s.values[i] is not None for s in series)]
    if not shown:
        return no_data_chart(title, summary, no_data)
    present = [v for s in series for v in s.values if v is not None]
    scale = axis(max(present))
    parts = _open(title, summary) + _grid(scale)
    parts += _bars(labels, shown, series, scale, suffix)
    parts += _legend([(s.label, s.colour) for s in series])
    return _close(parts)


def _bars(
    labels: Sequence[str],
    shown: Sequence[int],
    series: Sequence[Series],
    scale: Axis,
    suffix: str,
) -> list[str]:
    parts: list[str] = []
    group = _x_step(len(shown))
    width = min(group * 0.8 / len(series), 64.0)
    last_edge = -1e9
    for slot, i in enumerate(shown):
        centre = LEFT + group * (slot + 0.5)
        first = centre - width * len(series) / 2
        for number, line in enumerate(series):
            value = line.values[i]
            if value is None:
                continue
            x, y = first + width * number, _y(value, scale.top)
            text = decimal_text(value) + suffix
            parts.append(
                f'<rect class="bar" x="{x + 1:.1f}" y="{y:.1f}" width="{max(width - 2, 1):.1f}" '
                f'height="{_y(0, scale.top) - y:.1f}" fill="{line.colour}" '
                f'data-series="{escape(line.label)}" data-category="{escape(labels[i])}" '
                f'data-value="{text}"><title>{escape(line.label)} {escape(labels[i])}: '
                f"{text}</title></rect>"
            )
            if width >= 24:
                parts.append(_value_label(x + width / 2, y, text))
        label = short(labels[i])
        half = len(label) * CHAR_ROOM / 2
        if centre - half > last_edge:
            last_edge = centre + half
            parts.append(
                f'<text x="{centre:.1f}" y="{DAYS_Y}" font-size="{FONT}" text-anchor="middle" '
                f'fill="{MUTED}" class="category">{escape(label)}</text>'
            )
    return parts
