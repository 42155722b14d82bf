"""A report as a table of plain values: the page and the CSV are written from the same cells.

Every figure is rounded here, once (percentages and averages to one decimal), so the page and the
CSV show the same number, each in its own notation ("83,3%" on a pt-BR page, ``83.3`` in CSV).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from core.billing import format_brl
from core.messages import t

Cell = str | int | float | None
"""One value: text, a count, a rounded figure, or None (no data: "-" on the page, empty in CSV)."""

TEXT, COUNT, PCT, DECIMAL, MONEY, MONTH = "text", "count", "pct", "decimal", "money", "month"
"""Column kinds: ``pct`` is 0-100 with one decimal, ``money`` integer cents, ``month`` aaaa-mm."""


@dataclass(frozen=True)
class Column:
    """A column: its key (the CSV header, and the label's message key) and its kind."""

    key: str
    kind: str = TEXT


@dataclass(frozen=True)
class ReportTable:
    """One report's rows (and a total row, where a total means something)."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    total: tuple[Cell, ...] | None = None

    def column(self, key: str) -> list[Cell]:
        """The values of column ``key``, row by row (the total left out)."""
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent with one decimal; None when ``whole`` is 0."""
    return round(100 * part / whole, 1) if whole else None


def rounded(value: float | None) -> float | None:
    """A figure with one decimal (None stays None)."""
    return None if value is None else round(value, 1)


def average(values: Sequence[int]) -> float | None:
    """The mean with one decimal; None when empty."""
    return round(sum(values) / len(values), 1) if values else None


def month_of(instant: datetime, tz: ZoneInfo) -> str:
    """The local month of an instant, as the reports key months: ``aaaa-mm``."""
    local = instant.astimezone(tz)
    return f"{local.year:04d}-{local.month:02d}"


def with_rate_total(
    name: str,
    columns: tuple[Column, ...],
    rows: Sequence[tuple[Cell, ...]],
    *,
    rate: tuple[int, int],
) -> ReportTable:
    """A table of rows (a label, counts, then a percentage) with a total row: the counts summed
    and the percentage of the sums ``rate`` = (part, whole) column indexes."""
    sums = [sum(int(row[i] or 0) for row in rows) for i in range(1, len(columns) - 1)]
    part, whole = sums[rate[0] - 1], sums[rate[1] - 1]
    total: tuple[Cell, ...] = ("total", *sums, share(part, whole))
    return ReportTable(name, columns, list(rows), total)


def csv_header(table: ReportTable) -> list[str]:
    """The CSV's header: each column's key; a money column as ``<key>_cents`` and ``<key>``."""
    header: list[str] = []
    for column in table.columns:
        header += [f"{column.key}_cents", column.key] if column.kind == MONEY else [column.key]
    return header


def _csv_cells(table: ReportTable, row: tuple[Cell, ...], language: str) -> list[str]:
    cells: list[str] = []
    for column, value in zip(table.columns, row, strict=True):
        if value is None:
            cells += ["", ""] if column.kind == MONEY else [""]
        elif column.kind == MONEY:
            cells += [str(value), format_brl(int(value), language)]
        else:
            cells.append(str(value))
    return cells


def write_csv(table: ReportTable, out: TextIO, *, language: str) -> None:
    """The table as CSV: the header, a line per row, then the total line (first cell "Total").
    Percentages and averages with a decimal point; money in cents and formatted."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_header(table))
    for row in table.rows:
        writer.writerow(_csv_cells(table, row, language))
    if table.total is not None:
        total = (t("reports.total", language), *table.total[1:])
        writer.writerow(_csv_cells(table, total, language))
