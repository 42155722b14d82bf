"""Brazilian date and time formats: dd/mm/aaaa, hh:mm, aaaa-mm."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from core.errors import InvalidInput
from core.timefmt import (
    format_date,
    format_datetime,
    format_time,
    parse_date,
    parse_month,
    parse_time,
    weekday_name,
)

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def test_full_date_is_day_month_year() -> None:
    assert parse_date("25/12/2026") == date(2026, 12, 25)
    assert parse_date(" 1/2/2026 ") == date(2026, 2, 1)


def test_short_date_takes_the_year_of_today() -> None:
    assert parse_date("24/12", today=date(2026, 11, 27)) == date(2026, 12, 24)


def test_short_date_without_today_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_date("24/12")


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "2026-02-01",
        "",
        "32/01/2026",
        "00/01/2026",
        "01/13/2026",
        "ab/cd/efgh",
        "25/12/26",
        "25-12-2026",
    ],
)
def test_malformed_or_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, today=date(2026, 11, 27))
    assert caught.value.key == "error.invalid_date"
    assert caught.value.params == {"value": text}


def test_invalid_date_message_shows_the_expected_format() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date("31/02/2026")
    assert "dd/mm/aaaa" in caught.value.render("pt-BR")
    assert "31/02/2026" in caught.value.render("en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("08:05", time(8, 5)),
        ("9:00", time(9, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("14h", time(14, 0)),
        ("14h30", time(14, 30)),
        ("9H15", time(9, 15)),
    ],
)
def test_times_are_24_hour_clock(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "14:60", "", "2 pm", "14:3", "14.30", "-1:00", "h30"])
def test_malformed_times_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_time(text)
    assert caught.value.key == "error.invalid_time"


def test_month_is_year_dash_month() -> None:
    assert parse_month("2026-11") == (2026, 11)
    assert parse_month("2026-1") == (2026, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "11/2026", "", "2026"])
def test_malformed_months_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_month(text)
    assert caught.value.key == "error.invalid_month"


def test_dates_and_times_are_shown_the_brazilian_way() -> None:
    assert format_date(date(2026, 2, 1)) == "01/02/2026"
    assert format_time(time(8, 5)) == "08:05"
    assert format_time(datetime(2026, 2, 1, 13, 30)) == "13:30"


def test_datetime_is_shown_in_the_given_time_zone() -> None:
    instant = datetime(2026, 1, 1, 2, 30, tzinfo=UTC)
    assert format_datetime(instant, SAO_PAULO) == "31/12/2025 23:30"


def test_naive_datetime_cannot_be_shown_in_a_time_zone() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_datetime(datetime(2026, 1, 1, 12, 0), SAO_PAULO)


def test_weekday_names_follow_the_language() -> None:
    assert weekday_name(date(2026, 11, 27), "pt-BR") == "sexta-feira"
    assert weekday_name(date(2026, 11, 27), "en") == "Friday"
