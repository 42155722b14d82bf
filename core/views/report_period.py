"""The period of the operations reports: one local month, or a range of whole months.

``?month=aaaa-mm`` (this month by default) or ``?from=aaaa-mm&to=aaaa-mm``, at most
:data:`MAX_MONTHS` months. Boundaries are local midnights in the configured time zone
(America/Sao_Paulo), as the billing CSV's months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.billing_records import month_bounds
from core.errors import InvalidInput
from core.messages import echo

MAX_MONTHS = 24
"""The longest range of months a report covers."""
FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Years a report may name (outside them a month is refused as malformed)."""
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)


@dataclass(frozen=True)
class ReportPeriod:
    """Whole local months from ``first`` to ``last`` (each the 1st of its month)."""

    first: date
    last: date

    @property
    def months(self) -> list[date]:
        """The 1st of every month of the period, in order."""
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [_add_months(self.first, i) for i in range(count)]

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """UTC instants of the first month's local start and the end of the last month."""
        start, _ = month_bounds(self.first.year, self.first.month, tz)
        _, end = month_bounds(self.last.year, self.last.month, tz)
        return start, end

    @property
    def last_day(self) -> date:
        """The last day of the period."""
        return _add_months(self.last, 1) - timedelta(days=1)

    @property
    def single(self) -> bool:
        """Whether the period is one month."""
        return self.first == self.last

    @property
    def label(self) -> str:
        """``2026-11``, or ``2026-09_2026-11`` for a range (file names)."""
        if self.single:
            return month_key(self.first)
        return f"{month_key(self.first)}_{month_key(self.last)}"

    @property
    def query(self) -> str:
        """The query string that names this period again."""
        if self.single:
            return f"month={month_key(self.first)}"
        return f"from={month_key(self.first)}&to={month_key(self.last)}"


def month_key(day: date) -> str:
    """A month as the reports key it: ``aaaa-mm``."""
    return f"{day.year:04d}-{day.month:02d}"


def _add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _parse(text: str) -> date:
    match = _MONTH.fullmatch(text.strip())
    if match is not None:
        year, month = int(match.group(1)), int(match.group(2))
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return date(year, month, 1)
    raise InvalidInput("reports.bad_month", value=echo(text, 20))


def report_period(*, month: str = "", start: str = "", end: str = "", today: date) -> ReportPeriod:
    """The period a query names: ``month``; else ``start`` to ``end`` (both needed); else the
    month of ``today``. InvalidInput when malformed, reversed or longer than MAX_MONTHS."""
    if month.strip():
        if start.strip() or end.strip():
            raise InvalidInput("reports.bad_mix")
        first = _parse(month)
        return ReportPeriod(first, first)
    if start.strip() or end.strip():
        if not (start.strip() and end.strip()):
            raise InvalidInput("reports.bad_range")
        period = ReportPeriod(_parse(start), _parse(end))
        if period.last < period.first:
            raise InvalidInput("reports.bad_range")
        if len(period.months) > MAX_MONTHS:
            raise InvalidInput("reports.too_long", limit=MAX_MONTHS)
        return period
    first = today.replace(day=1)
    return ReportPeriod(first, first)
