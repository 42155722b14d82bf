"""The commands a ``/agendar`` text can hold, as plain values (read by ``agendar.parse``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from adapters.slack.agendar.words import ConsultantRef


@dataclass(frozen=True)
class OpenModal:
    """``/agendar`` alone: open the booking modal."""


@dataclass(frozen=True)
class ShowHelp:
    """``/agendar ajuda``."""


@dataclass(frozen=True)
class BookText:
    """``/agendar <empresa> <dd/mm> <hh:mm> ...``: what was typed, not yet resolved."""

    company: str
    day: date
    at: time
    duration: timedelta | None = None
    medium: str | None = None
    area: str | None = None
    consultant: ConsultantRef | None = None
    alternative: bool = False
    connection_detail: str | None = None


@dataclass(frozen=True)
class ListDay:
    """``/agendar lista [dia]``."""

    day: date


@dataclass(frozen=True)
class CancelBooking:
    """``/agendar cancelar <id> [motivo]``."""

    booking_id: int
    reason: str | None = None


@dataclass(frozen=True)
class MoveBooking:
    """``/agendar remarcar <id> <dd/mm> <hh:mm> [alternativo]``."""

    booking_id: int
    day: date
    at: time
    alternative: bool | None = None


Command = OpenModal | ShowHelp | BookText | ListDay | CancelBooking | MoveBooking
