"""Backups: a copy of a running bot taken mid-traffic restores every committed consent, billing
record and booking; restores go onto an empty database only; scheduled backups keep the newest."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot import schema
from bot.bootstrap import timer_handlers
from core import intake
from core.backups import BackupError, BackupPlan, back_up, ensure_backup_timer, restore
from core.booking import Actor, BookingOrder, book
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.models import BillingRecord, Booking, Consent
from core.outbox import Address
from core.sessions import end_session
from core.timers import TimerLoop
from tests.conftest import SAO_PAULO, fresh_postgres_database
from tests.scenario import World
from tests.scenarios.sessions_helpers import BRUNO, DIEGO, SECRETARY, Cast, claimed, given_cast
from tests.scenarios.sessions_helpers import queued as queued_client

TUESDAY = date(2026, 11, 24)


def slots(day: date) -> list[datetime]:
    """The half-hour starts of ``day``'s opening hours (08:00-12:00, 13:30-18:00)."""
    starts = []
    for first, last in ((time(8, 0), time(11, 30)), (time(13, 30), time(17, 30))):
        moment = datetime.combine(day, first, tzinfo=SAO_PAULO)
        while moment.time() <= last:
            starts.append(moment)
            moment += timedelta(minutes=30)
    return starts


@dataclass(frozen=True)
class Committed:
    """The ids of the rows the backup must hold."""

    consents: set[int]
    billing_records: set[int]
    bookings: set[int]


async def committed(db: Database) -> Committed:
    """What is committed now."""
    async with db.read() as uow:
        consents = set((await uow.session.exec(select(Consent.id))).all())
        records = set((await uow.session.exec(select(BillingRecord.id))).all())
        bookings = set((await uow.session.exec(select(Booking.id))).all())
    return Committed(
        {i for i in consents if i}, {i for i in records if i}, {i for i in bookings if i}
    )


async def client_traffic(world: World, cast: Cast, stop: asyncio.Event) -> int:
    """Clients one after another: terms accepted, a session, messages relayed, the session ended
    and billed; until ``stop`` is set (and at least three were served). How many were served."""
    served = 0
    while served < 3 or not stop.is_set():
        address = Address("telegram", str(6000 + served))
        request_id = await queued_client(world, cast, address)
        consultant = BRUNO if served % 2 else DIEGO
        session_id = await claimed(world, request_id, consultant)
        await intake.handle_text(world.core, address, f"Mensagem {served} para o consultor")
        await end_session(world.core, session_id, by=consultant)
        served += 1
        await asyncio.sleep(0)
    return served


async def secretary_traffic(world: World, cast: Cast, contact_id: int, stop: asyncio.Event) -> int:
    """The secretary books one half hour after another for the client; until ``stop``."""
    made = 0
    for start in slots(TUESDAY) + slots(TUESDAY + timedelta(days=1)):
        if made >= 3 and stop.is_set():
            break
        await book(
            world.core,
            BookingOrder(
                company_id=cast.company_id,
                contact_id=contact_id,
                area="Custos",
                starts_at=start,
                duration=timedelta(minutes=30),
                medium="Telefone",
            ),
            by=Actor.staff(SECRETARY),
        )
        made += 1
        await asyncio.sleep(0)
    return made


async def _restored(db: Database, backup: Path, tmp_path: Path) -> tuple[Committed, str | None]:
    """Restore ``backup`` elsewhere (another SQLite file, another PostgreSQL database)."""
    if db.dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        await restore(url, backup)
        return await _read_back(url)
    async with fresh_postgres_database() as url:
        await restore(url, backup)
        return await _read_back(url)


async def _read_back(url: str) -> tuple[Committed, str | None]:
    other = Database(url)
    try:
        return await committed(other), await schema.current_revision(other)
    finally:
        await other.dispose()


async def test_a_backup_taken_mid_traffic_restores_everything_committed_before_it_began(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await queued_client(world, cast, Address("telegram", "5999"))  # the booked client
    async with db.read() as uow:
        contact = await find_contact(uow, Address("telegram", "5999"))
    assert contact is not None and contact.id is not None
    stop = asyncio.Event()
    clients = asyncio.create_task(client_traffic(world, cast, stop))
    secretary = asyncio.create_task(secretary_traffic(world, cast, contact.id, stop))
    while True:  # let the traffic get going
        so_far = await committed(db)
        if len(so_far.billing_records) >= 2 and len(so_far.bookings) >= 2:
            break
        await asyncio.sleep(0.01)

    before = await committed(db)
    result = await back_up(db.url, tmp_path / "copy.bak")
    stop.set()
    served, booked = await asyncio.gather(clients, secretary)

    after = await committed(db)
    assert served >= 3 and booked >= 3
    assert len(after.bookings) > len(before.bookings)  # the bot kept writing meanwhile
    assert result.revision == schema.head_revision()
    found, revision = await _restored(db, result.path, tmp_path)
    assert revision == schema.head_revision()
    assert before.consents <= found.consents
    assert before.billing_records <= found.billing_records
    assert before.bookings <= found.bookings
    assert found.consents <= after.consents  # nothing invented, nothing half-written
    assert found.billing_records <= after.billing_records
    assert found.bookings <= after.bookings


async def test_a_restore_refuses_a_database_that_is_not_empty(db: Database, tmp_path: Path) -> None:
    copy = await back_up(db.url, tmp_path / "copy.bak")
    with pytest.raises(BackupError) as refused:
        await restore(db.url, copy.path)
    assert refused.value.key == "backup.restore_not_empty"


async def test_scheduled_backups_run_once_across_processes_and_keep_the_newest(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    world = World.build(db, clock)
    folder = tmp_path / "backups"
    plan = BackupPlan(folder=folder, every=timedelta(hours=6), keep=2)
    handlers = timer_handlers(plan)
    await ensure_backup_timer(world.core, plan)
    await ensure_backup_timer(world.core, plan)  # a second process starting: still one timer
    first, second = TimerLoop(world.core, handlers), TimerLoop(world.core, handlers)
    made = []
    for _ in range(4):
        ran = await asyncio.gather(first.run_once(), second.run_once())
        assert sum(ran) == 1  # one process makes each backup
        made.append(sorted(path.name for path in folder.iterdir()))
        clock.advance(timedelta(hours=6))
    ext = "db" if db.dialect == "sqlite" else "dump"
    assert made[0] == [f"consultoria-20261123-130000.{ext}"]
    assert made[-1] == [f"consultoria-20261124-010000.{ext}", f"consultoria-20261124-070000.{ext}"]
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]


async def test_turning_scheduled_backups_off_cancels_them(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    world = World.build(db, clock)
    on = BackupPlan(folder=tmp_path / "b", every=timedelta(hours=1), keep=3)
    await ensure_backup_timer(world.core, on)
    await ensure_backup_timer(world.core, BackupPlan(on.folder, timedelta(0), on.keep))
    loop = TimerLoop(world.core, timer_handlers(on))
    clock.advance(timedelta(hours=2))
    assert await loop.run_once() == 0
    assert not on.folder.exists()
