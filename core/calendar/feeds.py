"""A consultant's private calendar feed: a revocable address serving their bookings (ICS).

The address holds a random token (``secrets.token_urlsafe(32)``) shown once, when made; only its
SHA-256 is stored, and a request is answered by looking that hash up, so the token itself is
never kept, compared character by character or logged. A new address revokes the previous one.
The feed holds the consultant's bookings from ``FEED_PAST`` ago on (cancelled ones as
CANCELLED, so a subscribed calendar drops them), at most ``FEED_LIMIT`` of them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from core.calendar.events import (
    Audience,
    CalendarData,
    Method,
    booking_event,
    booking_parties,
)
from core.clock import Clock
from core.consultants import consultant_by_staff_key, get_consultant
from core.context import Core, CoreConfig
from core.db import UnitOfWork
from core.errors import Conflict, NotFound
from core.messages import t
from core.models import Booking, CalendarFeed, Consultant

logger = logging.getLogger(__name__)

FEED_PAST = timedelta(days=60)
"""How far back the feed reaches."""
FEED_LIMIT = 1000
"""The most events one feed serves."""
TOKEN_BYTES = 32
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def token_hash(token: str) -> str:
    """The stored form of a feed token."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(config: CoreConfig, token: str) -> str:
    """The subscription address of ``token`` (empty when the bot serves no HTTP)."""
    base = config.calendar_feed_url.rstrip("/")
    return f"{base}/{token}.ics" if base else ""


async def live_feed(uow: UnitOfWork, consultant_id: int) -> CalendarFeed | None:
    """The consultant's active feed, if any."""
    found = await uow.session.exec(
        select(CalendarFeed).where(
            CalendarFeed.consultant_id == consultant_id, col(CalendarFeed.revoked_at).is_(None)
        )
    )
    return found.first()


async def revoke_feeds(uow: UnitOfWork, clock: Clock, consultant_id: int) -> int:
    """Revoke the consultant's active feeds; how many there were."""
    found = await uow.session.exec(
        select(CalendarFeed).where(
            CalendarFeed.consultant_id == consultant_id, col(CalendarFeed.revoked_at).is_(None)
        )
    )
    count = 0
    for feed in found.all():
        feed.revoked_at = clock.now()
        uow.session.add(feed)
        count += 1
    await uow.session.flush()
    return count


async def new_feed(uow: UnitOfWork, clock: Clock, consultant_id: int) -> str:
    """A new feed token for the consultant (the old one revoked); shown once, never stored.

    The consultant's row is locked first, so two requests at once still leave one live feed;
    an inactive consultant gets none (``Conflict``)."""
    consultant = await uow.session.get(Consultant, consultant_id, with_for_update=True)
    if consultant is None:
        raise NotFound("people.unknown_consultant", consultant_id=consultant_id)
    if not consultant.active:
        raise Conflict("calendar.feed.inactive", name=consultant.name)
    await revoke_feeds(uow, clock, consultant_id)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    uow.session.add(
        CalendarFeed(
            consultant_id=consultant_id, token_sha256=token_hash(token), created_at=clock.now()
        )
    )
    await uow.session.flush()
    logger.info("calendar feed made for consultant %s", consultant.id)
    return token


@dataclass(frozen=True)
class FeedChange:
    """The result of making or revoking a feed: the consultant's name and the new address."""

    name: str
    token: str | None = None
    url: str = ""
    revoked: int = 0


async def rotate_calendar_feed(core: Core, consultant_id: int) -> FeedChange:
    """Give the consultant a new feed address (the previous one stops working)."""
    async with core.transaction() as uow:
        consultant = await get_consultant(uow, consultant_id)
        token = await new_feed(uow, core.clock, consultant_id)
    return FeedChange(consultant.name, token, feed_url(core.config, token))


async def revoke_calendar_feed(core: Core, consultant_id: int) -> FeedChange:
    """Revoke the consultant's feed address (how many were active in ``revoked``)."""
    async with core.transaction() as uow:
        consultant = await get_consultant(uow, consultant_id)
        count = await revoke_feeds(uow, core.clock, consultant_id)
    if count:
        logger.info("calendar feed revoked for consultant %s", consultant_id)
    return FeedChange(consultant.name, revoked=count)


@dataclass(frozen=True)
class FeedStatus:
    """A staff member's consultant record and since when their feed is active (None: none)."""

    consultant_id: int
    name: str
    since: datetime | None


async def feed_status(core: Core, staff_key: str) -> FeedStatus | None:
    """The feed of the consultant signed in as ``staff_key``; None when they are no consultant."""
    async with core.db.read() as uow:
        consultant = await consultant_by_staff_key(uow, staff_key)
        if consultant is None or consultant.id is None:
            return None
        feed = await live_feed(uow, consultant.id)
    return FeedStatus(consultant.id, consultant.name, feed.created_at if feed else None)


async def feed_calendar(
    uow: UnitOfWork, config: CoreConfig, token: str, now: datetime
) -> CalendarData | None:
    """The calendar served at ``token``; None for a malformed, unknown or revoked token."""
    if not _TOKEN.match(token or ""):
        return None
    found = await uow.session.exec(
        select(CalendarFeed).where(
            CalendarFeed.token_sha256 == token_hash(token), col(CalendarFeed.revoked_at).is_(None)
        )
    )
    feed = found.first()
    if feed is None:
        return None
    consultant = await get_consultant(uow, feed.consultant_id)
    if not consultant.active:
        return None
    bookings = await uow.session.exec(
        select(Booking)
        .where(Booking.consultant_id == feed.consultant_id, Booking.starts_at >= now - FEED_PAST)
        .order_by(col(Booking.starts_at), col(Booking.id))
        .limit(FEED_LIMIT)
    )
    events = []
    for booking in bookings.all():
        who = await booking_parties(uow, booking)
        events.append(booking_event(booking, who, Audience.STAFF, config))
    return CalendarData(
        uid=f"feed-{feed.consultant_id}@{config.calendar_domain}",
        name=t("calendar.feed_name", config.language, name=consultant.name),
        method=Method.PUBLISH,
        language=config.language,
        timezone=config.timezone,
        events=tuple(events),
    )
