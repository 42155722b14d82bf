"""Reactions across features: an event raised inside a unit of work, handled before its commit.

A lower package (sessions) must not import a higher one (queue, booking) to tell it that something
happened; it publishes an event instead, and the handlers ``bot/`` subscribed run at once in the
same transaction, in the order they were subscribed (``core.context.EventBus``). A handler's
error rolls the whole unit back.
"""

from __future__ import annotations

from dataclasses import dataclass


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
