"""Curves of cost against size: a verdict (flat / logarithmic / linear) and a PNG chart.

The verdict is a simple fit on the measured points (cost per operation, message or row, against
the size): ``k``, the slope of log(cost) against log(size), tells proportional growth (k near 1:
linear); otherwise ``per_decade``, the least-squares slope of cost against log10(size) relative
to the cost at the smallest size, tells logarithmic growth (a steady step per tenfold) from flat.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LINEAR_K = 0.5
"""log-log slope from which a curve counts as linear (cost ∝ size^k)."""
LOG_STEP = 0.15
"""Growth per tenfold of the size, relative to the first point, from which it is logarithmic."""


@dataclass(frozen=True)
class Verdict:
    """How a cost grows with the size."""

    label: str
    k: float
    per_decade: float

    def line(self) -> str:
        """``logarithmic (+32 %/decade, log-log slope 0.12)``."""
        return f"{self.label} ({self.per_decade:+.0%}/decade, log-log slope {self.k:.2f})".replace(
            "%", " %"
        )


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def classify(sizes: Sequence[float], costs: Sequence[float]) -> Verdict:
    """Flat, logarithmic or linear: how ``costs`` (higher is worse) grow with ``sizes``."""
    points = [
        (s, c) for s, c in zip(sizes, costs, strict=True) if s > 0 and c > 0 and math.isfinite(c)
    ]
    if len(points) < 2:
        return Verdict("too few points", 0.0, 0.0)
    logs = [math.log10(s) for s, _ in points]
    k = _slope(logs, [math.log10(c) for _, c in points])
    per_decade = _slope(logs, [c for _, c in points]) / points[0][1]
    if k >= LINEAR_K:
        label = "linear"
    elif per_decade >= LOG_STEP:
        label = "logarithmic"
    else:
        label = "flat"
    return Verdict(label, k, per_decade)


@dataclass
class Series:
    """One line of a chart: ``values`` at ``sizes``; ``verdict`` from ``costs`` (higher worse)."""

    name: str
    sizes: list[float]
    values: list[float]
    costs: list[float] | None = None

    @property
    def verdict(self) -> Verdict:
        """How the cost grows (``costs``, or the values themselves)."""
        return classify(self.sizes, self.costs if self.costs is not None else self.values)


@dataclass
class Panel:
    """One chart panel: a y-axis title and its lines."""

    ylabel: str
    series: list[Series] = field(default_factory=list)
    log_y: bool = False


def chart(path: Path, title: str, xlabel: str, panels: Sequence[Panel]) -> Path:
    """Write the panels side by side as a PNG (log-scale x), each line labelled with its verdict."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(panels), figsize=(6.5 * len(panels), 4.8), squeeze=False)
    for axis, panel in zip(axes[0], panels, strict=True):
        for line in panel.series:
            axis.plot(
                line.sizes,
                line.values,
                marker="o",
                label=f"{line.name} — {line.verdict.label}",
            )
        axis.set_xscale("log")
        if panel.log_y:
            axis.set_yscale("log")
        axis.set_xlabel(xlabel)
        axis.set_ylabel(panel.ylabel)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.suptitle(title)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
