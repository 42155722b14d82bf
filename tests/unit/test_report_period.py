"""The reports' period: one month, a range of whole months (at most 24), or this month."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.errors import InvalidInput
from core.views import MAX_MONTHS, ReportPeriod, report_period
from tests.scenario import SAO_PAULO

TODAY = date(2026, 11, 23)


def test_no_query_is_this_local_month() -> None:
    period = report_period(today=TODAY)
    assert period == ReportPeriod(date(2026, 11, 1), date(2026, 11, 1))
    assert (period.label, period.query, period.last_day) == (
        "2026-11",
        "month=2026-11",
        date(2026, 11, 30),
    )


def test_a_month_starts_and_ends_at_local_midnight() -> None:
    period = report_period(month="2026-02", today=TODAY)
    assert period.bounds(SAO_PAULO) == (
        datetime(2026, 2, 1, 3, 0, tzinfo=UTC),
        datetime(2026, 3, 1, 3, 0, tzinfo=UTC),
    )
    assert period.last_day == date(2026, 2, 28)


def test_a_range_covers_whole_months_across_a_year() -> None:
    period = report_period(start="2025-11", end="2026-02", today=TODAY)
    assert [m.isoformat() for m in period.months] == [
        "2025-11-01",
        "2025-12-01",
        "2026-01-01",
        "2026-02-01",
    ]
    assert (period.label, period.query) == ("2025-11_2026-02", "from=2025-11&to=2026-02")
    assert len(report_period(start="2025-01", end="2026-12", today=TODAY).months) == MAX_MONTHS


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ({"month": "2026-13"}, "reports.bad_month"),
        ({"month": "2026-1"}, "reports.bad_month"),
        ({"month": "9999-12"}, "reports.bad_month"),
        ({"month": "２０２６-11"}, "reports.bad_month"),
        ({"month": "2026-11", "start": "2026-10"}, "reports.bad_mix"),
        ({"start": "2026-10"}, "reports.bad_range"),
        ({"end": "2026-10"}, "reports.bad_range"),
        ({"start": "2026-11", "end": "2026-10"}, "reports.bad_range"),
        ({"start": "2025-01", "end": "2027-01"}, "reports.too_long"),
    ],
)
def test_a_bad_period_is_refused_with_its_reason(query: dict[str, str], key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        report_period(today=TODAY, **query)
    assert refused.value.key == key
