"""Brazilian date and time parsing and display: ``dd/mm/aaaa``, ``hh:mm``, ``aaaa-mm``.

Parsing errors are business errors (``InvalidInput``) whose catalogue key explains the expected
format, so an adapter can show them to the user as they are.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo

from babel.dates import format_date as babel_format_date

from core.errors import InvalidInput
from core.messages import normalise_language

_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}))?")
_TIME = re.compile(r"([0-9]{1,2})(?::([0-9]{2})|h([0-9]{2})?)", re.IGNORECASE)
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_BABEL_LOCALES = {"pt-BR": "pt_BR", "en": "en"}


def parse_date(text: str, *, today: date | None = None) -> date:
    """``dd/mm/aaaa`` (or ``dd/mm`` in ``today``'s year) -> date; InvalidInput if malformed."""
    match = _DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput("error.invalid_date", value=text)
    day, month, year = match.groups()
    if year is None:
        if today is None:
            raise InvalidInput("error.invalid_date", value=text)
        year = str(today.year)
    try:
        return date(int(year), int(month), int(day))
    except ValueError as error:
        raise InvalidInput("error.invalid_date", value=text) from error


def parse_time(text: str) -> time:
    """``hh:mm`` in 24 hours (also ``14h`` and ``14h30``) -> time; InvalidInput if malformed."""
    match = _TIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput("error.invalid_time", value=text)
    hour, colon_minutes, h_minutes = match.groups()
    minutes = colon_minutes or h_minutes or "0"
    try:
        return time(int(hour), int(minutes))
    except ValueError as error:
        raise InvalidInput("error.invalid_time", value=text) from error


def parse_month(text: str) -> tuple[int, int]:
    """``aaaa-mm`` -> (year, month); InvalidInput if malformed."""
    match = _MONTH.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput("error.invalid_month", value=text)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1:
        raise InvalidInput("error.invalid_month", value=text)
    return year, month


def format_date(day: date) -> str:
    """A date as ``dd/mm/aaaa``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_time(moment: time | datetime) -> str:
    """A time (or a datetime's wall-clock time, not converted) as ``HH:MM``."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def format_datetime(moment: datetime, zone: tzinfo) -> str:
    """An aware datetime converted to ``zone`` as ``dd/mm/aaaa HH:MM``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("format_datetime needs an aware datetime")
    local = moment.astimezone(zone)
    return f"{format_date(local.date())} {format_time(local)}"


def weekday_name(day: date, language: str | None = None) -> str:
    """The weekday of ``day`` in ``language``: ``sexta-feira``, ``Friday``."""
    locale = _BABEL_LOCALES[normalise_language(language)]
    return str(babel_format_date(day, "EEEE", locale=locale))
