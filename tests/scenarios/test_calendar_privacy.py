"""LGPD and the calendar: the export lists the client's invites; erasing the client sends the
consultant an anonymised CANCEL of the same event; a consultant who leaves loses their feed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from core.booking import BookingOrder, book
from core.calendar import Audience, booking_invite, feed_calendar, rotate_calendar_feed
from core.clock import ManualClock
from core.consultants import update_consultant
from core.db import Database
from core.errors import Conflict
from core.models import Booking, CalendarFeed
from core.privacy import erase_contact, export_contact
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    BRUNO_DM,
    SECRETARY_ACTOR,
    TUESDAY,
    Cast,
    at,
    given_cast,
    last,
)


async def _book(world: World, cast: Cast) -> int:
    return await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            area="Custos",
            consultant_id=cast.bruno_id,
            starts_at=at(TUESDAY, "14:00"),
            duration=timedelta(minutes=60),
            medium="telefone",
            connection_detail="(11) 98765-4321",
        ),
        by=SECRETARY_ACTOR,
    )


async def test_the_export_lists_the_invites_and_erasure_cancels_them_anonymously(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await _book(world, cast)
    async with world.core.db.read() as uow:
        data = await export_contact(uow, cast.contact_id, config=world.core.config)
    [invite] = data["calendar_invites"]
    assert invite["uid"] == f"booking-{booking_id}@consultoria.invalid"
    assert invite["starts_at"] == at(TUESDAY, "14:00").isoformat()
    assert "(11) 98765-4321" in invite["description"]
    [row] = data["bookings"]
    assert row["calendar_sequence"] == 0

    async with world.core.db.uow() as uow:
        await erase_contact(uow, world.core, cast.contact_id, by="admin")
        await uow.commit()
    dm = await last(world, BRUNO_DM)
    [attachment] = dm.attachments
    assert attachment.channel == "calendar" and attachment.ref.endswith(":staff")
    async with world.core.db.read() as uow:
        booking = await uow.session.get(Booking, booking_id)
        sent = await booking_invite(uow, world.core.config, booking_id, Audience.STAFF)
    assert booking is not None and booking.calendar_sequence == 2  # anonymised, then cancelled
    assert sent is not None and sent.method == "CANCEL"
    [event] = sent.events
    assert event.cancelled and event.sequence == 2
    assert "Ana Cliente" not in event.description and "98765" not in event.description


async def test_a_consultant_made_inactive_loses_their_feed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await _book(world, cast)
    made = await rotate_calendar_feed(world.core, cast.bruno_id)
    assert made.token is not None
    async with world.core.db.read() as uow:
        live = await feed_calendar(uow, world.core.config, made.token, clock.now())
    assert live is not None and len(live.events) == 1
    async with world.core.db.uow() as uow:
        await update_consultant(uow, clock, cast.bruno_id, active=False)
        await uow.commit()
    async with world.core.db.read() as uow:
        assert (await uow.session.exec(select(CalendarFeed))).all() == []
        assert await feed_calendar(uow, world.core.config, made.token, clock.now()) is None
    with pytest.raises(Conflict):
        await rotate_calendar_feed(world.core, cast.bruno_id)
