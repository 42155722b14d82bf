"""Opening hours (SPEC section 3): Mon–Fri 08:00–12:00 and 13:30–18:00, São Paulo time, holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.hours import (
    HoursConfig,
    OpeningHours,
    parse_closed_days,
    parse_weekly_schedule,
    validate_holiday_region,
)

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
DEFAULT_SCHEDULE = "mon-fri 08:00-12:00 13:30-18:00"


def make_hours(
    schedule: str = DEFAULT_SCHEDULE,
    *,
    state: str | None = None,
    closed: frozenset[date] = frozenset(),
    language: str = "pt-BR",
) -> OpeningHours:
    """Opening hours of the SPEC's default schedule, with the given variations."""
    config = HoursConfig(
        timezone=SAO_PAULO,
        weekly=parse_weekly_schedule(schedule),
        holiday_state=state,
        extra_closed_days=closed,
        language=language,
    )
    return OpeningHours(config)


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware São Paulo datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=SAO_PAULO)


HOURS = make_hours()
THURSDAY = date(2026, 11, 26)


# --- the weekly schedule -------------------------------------------------------------------


def test_default_schedule_is_weekdays_with_a_lunch_break() -> None:
    schedule = parse_weekly_schedule(DEFAULT_SCHEDULE)
    assert sorted(schedule) == [0, 1, 2, 3, 4]
    assert schedule[0] == ((time(8), time(12)), (time(13, 30), time(18)))


def test_several_groups_and_portuguese_day_names() -> None:
    schedule = parse_weekly_schedule("seg-sex 08:00-12:00 13:30-18:00; sáb 08:00 - 12:00")
    assert schedule[5] == ((time(8), time(12)),)
    assert 6 not in schedule
    assert parse_weekly_schedule("mon,wed 09:00-10:00")[2] == ((time(9), time(10)),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("xyz 08:00-12:00", "unknown day"),
        ("mon-fri 08:00-25:00", "bad interval"),
        ("mon-fri 08:00", "bad interval"),
        ("mon-fri 12:00-08:00", "ends before it starts"),
        ("mon-fri 08:00-08:00", "ends before it starts"),
        ("mon-fri 08:00-12:00 11:00-14:00", "overlapping"),
        ("mon-fri 08:00-12:00; fri 10:00-11:00", "overlapping"),
        ("", "empty"),
        (" ; ", "empty"),
        ("mon-fri", "no intervals"),
    ],
)
def test_bad_schedules_are_refused_with_an_example(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as caught:
        parse_weekly_schedule(text)
    assert "mon-fri 08:00-12:00 13:30-18:00" in str(caught.value)


def test_closed_days_are_dates_separated_by_commas_or_spaces() -> None:
    assert parse_closed_days("") == []
    assert parse_closed_days("31/12/2026, 24/12/2026") == [date(2026, 12, 24), date(2026, 12, 31)]
    assert parse_closed_days("24/12/2026 31/12/2026") == [date(2026, 12, 24), date(2026, 12, 31)]


def test_bad_closed_day_is_refused() -> None:
    with pytest.raises(ValueError, match="dd/mm/aaaa"):
        parse_closed_days("24/12/2026, 2026-12-31")


def test_holiday_region_must_exist() -> None:
    validate_holiday_region("BR", None)
    validate_holiday_region("BR", "SC")
    validate_holiday_region("BR", "sc")
    with pytest.raises(ValueError, match="SC"):
        validate_holiday_region("BR", "XX")
    with pytest.raises(ValueError, match="country"):
        validate_holiday_region("ZZ", None)


# --- open or closed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (7, 59, False),
        (8, 0, True),
        (11, 59, True),
        (12, 0, False),
        (13, 29, False),
        (13, 30, True),
        (17, 59, True),
        (18, 0, False),
    ],
)
def test_lunch_break_is_closed(hour: int, minute: int, expected: bool) -> None:
    assert HOURS.is_open(local(2026, 11, 26, hour, minute)) is expected


def test_instants_in_other_time_zones_are_converted() -> None:
    assert HOURS.is_open(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))  # 08:00 in São Paulo
    assert not HOURS.is_open(datetime(2026, 11, 26, 10, 59, tzinfo=UTC))


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        HOURS.is_open(datetime(2026, 11, 26, 9, 0))


def test_weekends_are_closed() -> None:
    assert HOURS.closed_reason(date(2026, 11, 28)) == "fim de semana"
    assert HOURS.open_intervals(date(2026, 11, 29)) == []
    assert not HOURS.is_open(local(2026, 11, 28, 10))


def test_working_day_has_two_intervals() -> None:
    assert HOURS.closed_reason(THURSDAY) is None
    assert HOURS.open_intervals(THURSDAY) == [
        (local(2026, 11, 26, 8), local(2026, 11, 26, 12)),
        (local(2026, 11, 26, 13, 30), local(2026, 11, 26, 18)),
    ]


def test_national_holidays_are_closed_with_their_name() -> None:
    assert HOURS.closed_reason(date(2026, 12, 25)) == "Natal"
    assert HOURS.closed_reason(date(2026, 4, 21)) == "Tiradentes"
    assert not HOURS.is_open(local(2026, 12, 25, 10))


def test_reasons_follow_the_language() -> None:
    english = make_hours(language="en", closed=frozenset({date(2026, 12, 24)}))
    assert english.closed_reason(date(2026, 12, 25)) == "Christmas Day"
    assert english.closed_reason(date(2026, 11, 28)) == "weekend"
    assert english.closed_reason(date(2026, 12, 24)) == "closed day"


def test_state_holiday_counts_only_when_the_state_is_configured() -> None:
    revolution_day = date(2026, 7, 9)  # a Thursday, a São Paulo state holiday
    assert HOURS.closed_reason(revolution_day) is None
    assert make_hours(state="SP").closed_reason(revolution_day) == "Revolução Constitucionalista"


def test_santa_catarina_state_day_is_named() -> None:
    state_day = date(2026, 8, 16)  # a Sunday: the holiday's name is the better reason
    assert HOURS.closed_reason(state_day) == "fim de semana"
    assert make_hours(state="sc").closed_reason(state_day) == "Dia do Estado de Santa Catarina"


def test_extra_closed_days_are_closed() -> None:
    hours = make_hours(closed=frozenset({date(2026, 12, 24)}))
    assert hours.closed_reason(date(2026, 12, 24)) == "dia sem expediente"
    assert hours.open_intervals(date(2026, 12, 24)) == []
    assert HOURS.closed_reason(date(2026, 12, 24)) is None


def test_a_weekday_without_hours_says_so() -> None:
    hours = make_hours("mon-thu 08:00-12:00")
    assert hours.closed_reason(date(2026, 11, 27)) == "sem expediente neste dia da semana"


# --- next opening --------------------------------------------------------------------------


def test_next_opening_when_open_is_now() -> None:
    now = local(2026, 11, 26, 9, 15)
    assert HOURS.next_opening(now) == now


def test_next_opening_from_the_lunch_break_is_13_30_the_same_day() -> None:
    assert HOURS.next_opening(local(2026, 11, 26, 12, 0)) == local(2026, 11, 26, 13, 30)


def test_next_opening_before_the_morning_is_8_00() -> None:
    assert HOURS.next_opening(local(2026, 11, 26, 6, 0)) == local(2026, 11, 26, 8, 0)


def test_next_opening_across_a_holiday_weekend_is_tuesday() -> None:
    friday_evening = local(2026, 9, 4, 18, 30)  # Monday 07/09 is Independência do Brasil
    assert HOURS.next_opening(friday_evening) == local(2026, 9, 8, 8, 0)


def test_next_opening_across_christmas_and_a_closed_day() -> None:
    hours = make_hours(closed=frozenset({date(2026, 12, 24)}))
    wednesday_evening = datetime(2026, 12, 23, 21, 0, tzinfo=UTC)  # 18:00 in São Paulo
    assert hours.next_opening(wednesday_evening) == local(2026, 12, 28, 8, 0)


def test_no_opening_within_a_year_is_an_error() -> None:
    start = date(2026, 1, 1)
    hours = make_hours(closed=frozenset(start + timedelta(days=n) for n in range(400)))
    with pytest.raises(ValueError, match="no opening"):
        hours.next_opening(local(2026, 1, 1, 9))


@given(
    st.datetimes(
        min_value=datetime(2026, 1, 1),
        max_value=datetime(2026, 12, 31, 23, 59),
        timezones=st.sampled_from([SAO_PAULO, UTC]),
    )
)
def test_next_opening_is_never_before_and_always_open(instant: datetime) -> None:
    opening = HOURS.next_opening(instant)
    assert opening >= instant
    assert HOURS.is_open(opening)


# --- free slots ----------------------------------------------------------------------------


def test_free_slots_skip_busy_times_and_never_straddle_lunch() -> None:
    busy = [
        (local(2026, 11, 26, 9), local(2026, 11, 26, 10)),
        (datetime(2026, 11, 26, 17, 0, tzinfo=UTC), datetime(2026, 11, 26, 18, 30, tzinfo=UTC)),
    ]  # the second is 14:00–15:30 in São Paulo
    slots = HOURS.free_slots(THURSDAY, timedelta(minutes=60), busy)
    assert [f"{slot:%H:%M}" for slot in slots] == [
        "08:00",
        "10:00",
        "10:30",
        "11:00",
        "15:30",
        "16:00",
        "16:30",
        "17:00",
    ]


def test_free_slots_never_offer_the_past() -> None:
    slots = HOURS.free_slots(
        THURSDAY, timedelta(minutes=30), not_before=local(2026, 11, 26, 16, 45)
    )
    assert [f"{slot:%H:%M}" for slot in slots] == ["17:00", "17:30"]


def test_free_slots_of_a_closed_day_are_none() -> None:
    assert HOURS.free_slots(date(2026, 12, 25), timedelta(minutes=30)) == []


def test_a_duration_longer_than_any_interval_has_no_slot() -> None:
    assert HOURS.free_slots(THURSDAY, timedelta(hours=5)) == []


def test_free_slots_follow_the_step() -> None:
    slots = HOURS.free_slots(THURSDAY, timedelta(minutes=45), step=timedelta(minutes=15))
    assert slots[:2] == [local(2026, 11, 26, 8, 0), local(2026, 11, 26, 8, 15)]
    assert local(2026, 11, 26, 11, 15) in slots
    assert local(2026, 11, 26, 11, 30) not in slots


def test_free_slots_need_a_positive_duration() -> None:
    with pytest.raises(ValueError, match="positive"):
        HOURS.free_slots(THURSDAY, timedelta(0))


def test_open_time_runs_over_lunch_nights_and_weekends() -> None:
    hours = make_hours()
    friday = datetime(2026, 11, 27, 11, 50, tzinfo=SAO_PAULO)
    assert hours.after_open_time(friday, 5) == friday.replace(minute=55)
    assert hours.after_open_time(friday, 40) == friday.replace(hour=14, minute=0)
    late = friday.replace(hour=17, minute=40)
    assert hours.after_open_time(late, 30) == datetime(2026, 11, 30, 8, 10, tzinfo=SAO_PAULO)
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO)
    assert hours.after_open_time(saturday, 0) == datetime(2026, 11, 30, 8, 0, tzinfo=SAO_PAULO)


def test_the_next_closing_is_the_end_of_the_interval_and_skips_holidays() -> None:
    hours = make_hours()
    morning = datetime(2026, 11, 23, 9, 0, tzinfo=SAO_PAULO)
    assert hours.next_closing(morning) == morning.replace(hour=12)
    assert hours.next_closing(morning.replace(hour=12)) == morning.replace(hour=18)
    eve = datetime(2026, 12, 24, 17, 0, tzinfo=SAO_PAULO)  # Christmas Eve, a Thursday
    assert hours.next_closing(eve) == eve.replace(hour=18)
    after = eve.replace(hour=19)  # Christmas (Friday) and the weekend are closed
    assert hours.next_closing(after) == datetime(2026, 12, 28, 12, 0, tzinfo=SAO_PAULO)
