"""Every change of a consultant's status is kept, and utilisation measures available time on it:
inside the opening hours only, and before the history was kept from the consultant's own row."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import col, delete, select

from core.clock import ManualClock
from core.consultants import update_consultant
from core.db import Database
from core.models import ConsultantStatusChange
from core.queue import set_status
from core.sessions import end_session
from core.views import ReportPeriod, ReportTable
from core.views.utilisation import utilisation
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BRUNO, Cast, claimed, given_cast, queued
from tests.web.dashboard.reports_helpers import MONDAY, at

NOVEMBER = ReportPeriod(MONDAY.replace(day=1), MONDAY.replace(day=1))
TUESDAY = MONDAY.replace(day=24)


async def _history(world: World, consultant_id: int) -> list[tuple[str, datetime]]:
    async with world.core.db.uow() as uow:
        rows = await uow.session.exec(
            select(ConsultantStatusChange)
            .where(ConsultantStatusChange.consultant_id == consultant_id)
            .order_by(col(ConsultantStatusChange.id))
        )
        return [(row.status.value, row.changed_at) for row in rows.all()]


async def _utilisation(world: World, now: datetime) -> ReportTable:
    async with world.core.db.read() as uow:
        return await utilisation(
            uow,
            NOVEMBER,
            world.core.config.timezone,
            hours=world.core.config.hours,
            now=now,
        )


def _row(table: ReportTable, name: str) -> tuple[object, ...]:
    [row] = [row for row in table.rows if row[0] == name]
    return row


async def _bruno(world: World) -> tuple[Cast, int]:
    cast = await given_cast(world)
    return cast, cast.consultant_ids[BRUNO]


async def test_each_status_change_is_kept_with_its_time(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast, bruno = await _bruno(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=30)
    await end_session(world.core, session_id, by=BRUNO)
    world.advance(minutes=30)
    await set_status(world.core, BRUNO, "ausente")
    await set_status(world.core, BRUNO, "ausente")  # no change, nothing kept
    world.advance(minutes=30)
    await set_status(world.core, BRUNO, "disponivel")
    async with world.core.db.uow() as uow:
        await update_consultant(uow, world.clock, bruno, active=False)
        await uow.commit()

    assert await _history(world, bruno) == [
        ("ausente", at("10:00")),  # added
        ("disponivel", at("10:00")),
        ("ocupado", at("10:00")),  # the claim
        ("disponivel", at("10:30")),  # the end
        ("ausente", at("11:00")),
        ("disponivel", at("11:30")),
        ("ausente", at("11:30")),  # made inactive
    ]


async def test_available_time_counts_only_inside_the_opening_hours(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await _bruno(world)
    clock.set(at("11:00"))
    await set_status(world.core, BRUNO, "ausente")
    await set_status(world.core, BRUNO, "disponivel")
    # Available from Monday 10:00 (a moment away at 11:00) and overnight: 10:00-12:00,
    # 13:30-18:00 and Tuesday 08:00-09:00; the night and the lunch break do not count.
    table = await _utilisation(world, at("09:00", TUESDAY))
    assert _row(table, "Bruno Lima") == ("Bruno Lima", 120 + 270 + 60, 0, 0.0)
    # Asked on Monday at 12:30: up to noon.
    assert _row(await _utilisation(world, at("12:30")), "Bruno Lima")[1] == 120


async def test_time_before_the_history_is_read_from_the_consultants_status(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast, _ = await _bruno(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=45)
    await end_session(world.core, session_id, by=BRUNO)  # available again from 10:45
    async with world.core.db.uow() as uow:  # as in a database upgraded from before the history
        await uow.session.exec(delete(ConsultantStatusChange))
        await uow.commit()
    table = await _utilisation(world, at("11:45"))
    # Only 10:45 onwards is known (the row's last change): 60 minutes, 45 of them billed.
    assert _row(table, "Bruno Lima") == ("Bruno Lima", 60, 45, 75.0)
    assert _row(table, "Carla Souza") == ("Carla Souza", 105, 0, 0.0)


async def test_a_status_from_before_the_period_counts_from_its_start_holidays_left_out(
    db: Database, clock: ManualClock
) -> None:
    clock.set(at("17:00", date(2026, 10, 30)))  # a Friday: open until 18:00
    world = World.build(db, clock)
    await _bruno(world)  # available from Friday 17:00
    clock.set(at("09:00", date(2026, 11, 3)))
    await set_status(world.core, BRUNO, "ausente")  # only the history knows what came before
    # November: Sunday 01/11 closed, Monday 02/11 a national holiday (Finados), Tuesday 08:00-09:00.
    table = await _utilisation(world, at("09:00", date(2026, 11, 3)))
    assert _row(table, "Bruno Lima") == ("Bruno Lima", 60, 0, 0.0)
    async with world.core.db.read() as uow:
        october = await utilisation(
            uow,
            ReportPeriod(date(2026, 10, 1), date(2026, 10, 1)),
            world.core.config.timezone,
            hours=world.core.config.hours,
            now=at("09:00", date(2026, 11, 3)),
        )
    assert _row(october, "Bruno Lima")[1] == 60
