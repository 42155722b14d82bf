"""Opening hours: the weekly schedule, holidays, next opening and free slots — pure functions.

Local datetimes are built with ``datetime.combine(day, t, tzinfo=zone)``; every instant taken
in may be in any time zone but must be aware. Intervals are half-open: ``[start, end)``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from core.errors import InvalidInput
from core.messages import normalise_language, t
from core.timefmt import parse_date, parse_time, weekday_name

Interval = tuple[datetime, datetime]
WeeklySchedule = dict[int, tuple[tuple[time, time], ...]]

LOOKAHEAD_DAYS = 366
SCHEDULE_EXAMPLE = "mon-fri 08:00-12:00 13:30-18:00; sat 08:00-12:00"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NUMBERS = {name: number for number, name in enumerate(DAY_NAMES)} | {
    "seg": 0,
    "ter": 1,
    "qua": 2,
    "qui": 3,
    "sex": 4,
    "sab": 5,
    "sáb": 5,
    "dom": 6,
}
_HOLIDAY_LANGUAGES = {"pt-BR": "pt_BR", "en": "en_US"}


def _schedule_error(problem: str) -> ValueError:
    return ValueError(f"{problem}; expected days and intervals like {SCHEDULE_EXAMPLE!r}")


def _parse_days(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        first, sep, last = part.partition("-")
        names = [first, last] if sep else [first]
        numbers = []
        for name in names:
            number = _DAY_NUMBERS.get(name.casefold())
            if number is None:
                known = " ".join(DAY_NAMES)
                raise _schedule_error(f"unknown day {name!r} (use {known}, or seg..dom)")
            numbers.append(number)
        span = (numbers[-1] - numbers[0]) % 7
        days.extend((numbers[0] + offset) % 7 for offset in range(span + 1))
    return days


def _parse_interval(text: str) -> tuple[time, time]:
    start_text, sep, end_text = text.partition("-")
    try:
        if not sep:
            raise InvalidInput("error.invalid_time", value=text)
        start, end = parse_time(start_text), parse_time(end_text)
    except InvalidInput as error:
        raise _schedule_error(f"bad interval {text!r} (use hh:mm-hh:mm, 24 hours)") from error
    if end <= start:
        raise _schedule_error(f"interval {text!r} ends before it starts")
    return start, end


def parse_weekly_schedule(text: str) -> WeeklySchedule:
    """``"mon-fri 08:00-12:00 13:30-18:00; sat 08:00-12:00"`` -> intervals per weekday."""
    collected: dict[int, list[tuple[time, time]]] = {}
    for chunk in text.split(";"):
        chunk = re.sub(r"\s*([-–—,])\s*", lambda m: "-" if m.group(1) != "," else ",", chunk)
        tokens = chunk.split()
        if not tokens:
            continue
        if len(tokens) == 1:
            raise _schedule_error(f"no intervals after {tokens[0]!r}")
        intervals = [_parse_interval(token) for token in tokens[1:]]
        for day in _parse_days(tokens[0]):
            collected.setdefault(day, []).extend(intervals)
    if not collected:
        raise _schedule_error("the opening hours are empty")
    schedule: WeeklySchedule = {}
    for day in sorted(collected):
        merged: list[tuple[time, time]] = []
        for start, end in sorted(collected[day]):
            if merged and start < merged[-1][1]:
                previous = merged[-1]
                raise _schedule_error(
                    f"overlapping intervals on {DAY_NAMES[day]}: "
                    f"{previous[0]:%H:%M}-{previous[1]:%H:%M} and {start:%H:%M}-{end:%H:%M}"
                )
            if merged and start == merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        schedule[day] = tuple(merged)
    return schedule


def parse_closed_days(text: str) -> list[date]:
    """``"24/12/2026, 31/12/2026"`` -> sorted distinct dates; ``""`` -> ``[]``."""
    days: set[date] = set()
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        try:
            days.add(parse_date(token))
        except InvalidInput as error:
            raise ValueError(
                f"bad closed day {token!r}; expected dd/mm/aaaa dates separated by commas, "
                "like '24/12/2026, 31/12/2026'"
            ) from error
    return sorted(days)


def _canonical_region(country: str, state: str | None) -> tuple[str, str | None]:
    code = country.strip().upper()
    try:
        calendar = holidays.country_holidays(code)
    except NotImplementedError as error:
        raise ValueError(
            f"unknown holiday country {country!r}; use an ISO code such as BR"
        ) from error
    if state is None or not state.strip():
        return code, None
    subdivisions = [str(name) for name in calendar.subdivisions]
    for name in subdivisions:
        if name.casefold() == state.strip().casefold():
            return code, name
    raise ValueError(
        f"unknown state {state!r} for {code}; valid subdivisions: {', '.join(subdivisions)}"
    )


def validate_holiday_region(country: str, state: str | None) -> None:
    """Raise ValueError (naming the valid subdivisions) unless the holiday region exists."""
    _canonical_region(country, state)


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"an aware datetime is needed, got {instant!r}")


@dataclass(frozen=True)
class HoursConfig:
    """Everything that decides when the service is open."""

    timezone: ZoneInfo
    weekly: WeeklySchedule
    holiday_country: str = "BR"
    holiday_state: str | None = None
    extra_closed_days: frozenset[date] = frozenset()
    language: str = "pt-BR"


class OpeningHours:
    """Answers whether the service is open, when it opens next, and which slots are free."""

    def __init__(self, config: HoursConfig) -> None:
        self.config = config
        self.language = normalise_language(config.language)
        self._country, self._state = _canonical_region(config.holiday_country, config.holiday_state)
        self._holidays_by_year: dict[int, Any] = {}

    def _holidays(self, year: int) -> Any:
        calendar = self._holidays_by_year.get(year)
        if calendar is None:
            wanted = _HOLIDAY_LANGUAGES[self.language]
            supported = holidays.country_holidays(self._country).supported_languages
            calendar = holidays.country_holidays(
                self._country,
                subdiv=self._state,
                years=year,
                language=wanted if wanted in supported else None,
            )
            self._holidays_by_year[year] = calendar
        return calendar

    def closed_reason(self, day: date) -> str | None:
        """None if ``day`` has opening hours, else why not (holiday name, weekend, closed day)."""
        names = [str(name) for name in self._holidays(day.year).get_list(day)]
        if names:
            return ", ".join(names)
        if day in self.config.extra_closed_days:
            return t("hours.closed.extra_day", self.language)
        if not self.config.weekly.get(day.weekday()):
            key = "hours.closed.weekend" if day.weekday() >= 5 else "hours.closed.no_hours"
            return t(key, self.language)
        return None

    def open_intervals(self, day: date) -> list[Interval]:
        """The open intervals of ``day`` as local aware datetimes; ``[]`` when closed."""
        if self.closed_reason(day) is not None:
            return []
        zone = self.config.timezone
        return [
            (datetime.combine(day, start, tzinfo=zone), datetime.combine(day, end, tzinfo=zone))
            for start, end in self.config.weekly[day.weekday()]
        ]

    def _local(self, instant: datetime) -> datetime:
        _require_aware(instant)
        return instant.astimezone(self.config.timezone)

    def is_open(self, instant: datetime) -> bool:
        """Whether ``instant`` (aware, any zone) falls inside an open interval."""
        local = self._local(instant)
        return any(start <= local < end for start, end in self.open_intervals(local.date()))

    def next_opening(self, instant: datetime) -> datetime:
        """``instant`` if open then, else the start of the next open interval (local time)."""
        local = self._local(instant)
        if self.is_open(instant):
            return instant
        for offset in range(LOOKAHEAD_DAYS + 1):
            for start, _end in self.open_intervals(local.date() + timedelta(days=offset)):
                if start >= local:
                    return start
        raise ValueError(f"no opening hours in the {LOOKAHEAD_DAYS} days after {instant}")

    def next_closing(self, instant: datetime) -> datetime:
        """The end of the open interval ``instant`` is in, or of the next one (local time)."""
        local = self._local(instant)
        for offset in range(LOOKAHEAD_DAYS + 1):
            for _start, end in self.open_intervals(local.date() + timedelta(days=offset)):
                if end > local:
                    return end
        raise ValueError(f"no opening hours in the {LOOKAHEAD_DAYS} days after {instant}")

    def describe_week(self, language: str) -> str:
        """The weekly schedule in words: ``segunda-feira a sexta-feira: 08:00–12:00, 13:30–18:00``.

        Consecutive weekdays with the same intervals are joined; holidays are said apart.
        """
        monday = date(2026, 11, 23)
        groups: list[tuple[int, int, str]] = []
        for index in range(7):
            intervals = self.config.weekly.get(index) or ()
            if not intervals:
                continue
            shown = ", ".join(
                t("hours.interval", language, start=f"{s:%H:%M}", end=f"{e:%H:%M}")
                for s, e in intervals
            )
            if groups and groups[-1][1] == index - 1 and groups[-1][2] == shown:
                groups[-1] = (groups[-1][0], index, shown)
            else:
                groups.append((index, index, shown))
        parts = []
        for first, last, shown in groups:
            days = weekday_name(monday + timedelta(days=first), language)
            if last != first:
                end = weekday_name(monday + timedelta(days=last), language)
                days = t("hours.day_range", language, first=days, last=end)
            parts.append(f"{days}: {shown}")
        week = "; ".join(parts) or t("hours.never_open", language)
        return t("hours.week", language, week=week)

    def after_open_time(self, instant: datetime, minutes: int) -> datetime:
        """The instant when ``minutes`` of open time have passed from ``instant``.

        Closed time (lunch, nights, weekends, holidays) does not count: 40 minutes from 11:50
        on a weekday end at 14:00 (10 before lunch, 30 after it).
        """
        local = self._local(instant)
        left = timedelta(minutes=max(0, minutes))
        for offset in range(LOOKAHEAD_DAYS + 1):
            for start, end in self.open_intervals(local.date() + timedelta(days=offset)):
                if end <= local:
                    continue
                begin = max(start, local)
                if begin + left <= end:
                    return begin + left
                left -= end - begin
        raise ValueError(f"no opening hours in the {LOOKAHEAD_DAYS} days after {instant}")

    def free_slots(
        self,
        day: date,
        duration: timedelta,
        busy: Sequence[Interval] = (),
        *,
        step: timedelta = timedelta(minutes=30),
        not_before: datetime | None = None,
    ) -> list[datetime]:
        """Slot starts on ``day`` where ``duration`` fits one open interval and no busy one."""
        if duration <= timedelta(0) or step <= timedelta(0):
            raise ValueError("duration and step must be positive")
        if not_before is not None:
            _require_aware(not_before)
        for busy_start, busy_end in busy:
            _require_aware(busy_start)
            _require_aware(busy_end)
        slots: list[datetime] = []
        for start, end in self.open_intervals(day):
            candidate = start
            while candidate + duration <= end:
                finish = candidate + duration
                free = not any(b_start < finish and candidate < b_end for b_start, b_end in busy)
                if free and (not_before is None or candidate >= not_before):
                    slots.append(candidate)
                candidate += step
        return slots
