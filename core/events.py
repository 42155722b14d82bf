"""Reactions across features: an event raised inside a unit of work, handled before its commit.

A lower package (sessions) must not import a higher one (queue, booking) to tell it that something
happened; it publishes an event instead, and the handlers ``bot/`` subscribed run at once in the
same transaction, in the order they were subscribed (``core.context.EventBus``). A handler's
error rolls the whole unit back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Event:
    """Something that happened inside a unit of work."""


@dataclass(frozen=True)
class SessionEnded(Event):
    """A session was ended and billed; ``freed`` are the consultants who were in it."""

    session_id: int
    booking_id: int | None
    freed: tuple[int, ...]


@dataclass(frozen=True)
class ConsultantFreed(Event):
    """A consultant stopped leading a session (moved to someone else)."""

    consultant_id: int


@dataclass(frozen=True)
class ConsentAnswered(Event):
    """A contact accepted or refused the terms of ``request_id`` (consent row ``consent_id``)."""

    contact_id: int
    request_id: int
    consent_id: int
    accepted: bool


@dataclass(frozen=True)
class ContactLinked(Event):
    """A contact not linked yet was linked to ``company_id`` outside the intake (a session
    invitation's code)."""

    contact_id: int
    company_id: int


@dataclass(frozen=True)
class RequestCreated(Event):
    """A request came in for the staff: a consulting request queued, or a support chat opened."""

    request_id: int


@dataclass(frozen=True)
class SessionStarted(Event):
    """A consultant took a request: session ``session_id`` opened."""

    session_id: int


@dataclass(frozen=True)
class BookingCreated(Event):
    """Booking ``booking_id`` was made."""

    booking_id: int


@dataclass(frozen=True)
class BookingChanged(Event):
    """Booking ``booking_id`` was moved from ``previous_starts_at``."""

    booking_id: int
    previous_starts_at: datetime


@dataclass(frozen=True)
class BookingCancelled(Event):
    """Booking ``booking_id`` was cancelled."""

    booking_id: int


@dataclass(frozen=True)
class SessionRated(Event):
    """The client rated session ``session_id``."""

    session_id: int


@dataclass(frozen=True)
class Operator:
    """Who performs an administrative act: ``kind`` (cli, web, staff, api), ``ref`` (their
    login, Slack user or token name) and the name shown."""

    kind: str
    ref: str
    name: str = ""


@dataclass(frozen=True)
class Administered(Event):
    """An administrative act among staff and admins (terms published, a rate changed, a contact
    exported or erased, staff or tokens added or revoked...): ``core.audit`` records it."""

    operator: Operator
    action: str
    target_kind: str
    target_id: str
    details: Mapping[str, Any] = field(default_factory=dict)


Publish = Callable[[Event], Awaitable[None]]


@dataclass(frozen=True)
class Acting:
    """An administrative operation's operator, and where its events go (the caller's unit of
    work: ``core.audit.acting``). Operations taking one publish :class:`Administered`."""

    operator: Operator
    publish: Publish

    async def done(self, action: str, target_kind: str, target_id: object, **details: Any) -> None:
        """Publish that ``action`` was done on ``target_kind`` ``target_id``."""
        await self.publish(
            Administered(self.operator, action, target_kind, str(target_id), details)
        )
