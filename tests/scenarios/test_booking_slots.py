"""Free slots of a day (SPEC 3, 5 step 6): opening hours, busy consultants, past, holidays."""

from __future__ import annotations

from datetime import timedelta

from core.booking import Slot, free_slots
from core.clock import ManualClock
from core.db import Database
from core.timefmt import format_time
from tests.scenario import SAO_PAULO, World
from tests.scenarios.booking_helpers import (
    CHRISTMAS,
    TUESDAY,
    at,
    given_cast,
    secretary_books,
)


def _times(slots: list[Slot]) -> list[str]:
    return [format_time(slot.start.astimezone(SAO_PAULO)) for slot in slots]


async def test_free_slots_of_an_hour_skip_the_lunch_break(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    async with world.core.db.uow() as uow:
        slots = await free_slots(uow, world.core, TUESDAY, timedelta(minutes=60), area="Custos")
    assert _times(slots) == [
        "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00",
        "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00",
    ]  # fmt: skip


async def test_a_booked_consultant_is_not_free_during_the_booking(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id)
    async with world.core.db.uow() as uow:
        bruno = await free_slots(
            uow, world.core, TUESDAY, timedelta(minutes=60), consultant_id=cast.bruno_id
        )
        area = await free_slots(uow, world.core, TUESDAY, timedelta(minutes=60), area="Custos")
    bruno_times = _times(bruno)
    assert "13:30" not in bruno_times
    assert "14:00" not in bruno_times
    assert "14:30" not in bruno_times
    assert "15:00" in bruno_times
    two_pm = next(slot for slot in area if slot.start == at(TUESDAY, "14:00"))
    assert two_pm.consultant_ids == (cast.carla_id,)


async def test_slots_already_past_are_not_offered(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    world.advance(minutes=10)  # Monday 10:10
    today = clock.now().astimezone(SAO_PAULO).date()
    async with world.core.db.uow() as uow:
        slots = await free_slots(uow, world.core, today, timedelta(minutes=30))
    assert _times(slots)[0] == "10:30"


async def test_a_holiday_has_no_free_slots(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    async with world.core.db.uow() as uow:
        slots = await free_slots(uow, world.core, CHRISTMAS, timedelta(minutes=30))
    assert slots == []


async def test_an_area_without_consultants_has_no_free_slots(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    async with world.core.db.uow() as uow:
        slots = await free_slots(uow, world.core, TUESDAY, timedelta(minutes=30), area="Comercial")
    assert slots == []
