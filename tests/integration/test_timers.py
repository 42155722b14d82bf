"""The timer loop on SQLite and PostgreSQL: each due timer's effect happens exactly once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlmodel import col, select

from core.clock import ManualClock
from core.context import Core
from core.db import Database, UnitOfWork
from core.models import Timer, TimerStatus
from core.outbox import Address, OutboundMessage, OutboxDispatcher, send
from core.timers import Handler, TimerLoop, cancel, schedule
from tests.fakes.recording import RecordingSender
from tests.scenario import World

CHAT = Address("telegram", "42")
CLIENT = Address("telegram", "99")


async def remind(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """A handler with a visible effect: a message naming the timer's subject."""
    await send(uow, core.clock, CHAT, OutboundMessage(f"lembrete {timer.subject_id}"))


class Flaky:
    """A handler that writes a message, then fails the first ``failures`` times."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, 0

    async def __call__(self, uow: UnitOfWork, core: Core, timer: Timer) -> None:
        """Write, then raise while failures remain (the write must roll back)."""
        self.calls += 1
        await send(uow, core.clock, CHAT, OutboundMessage(f"tentativa {self.calls}"))
        if self.calls <= self.failures:
            raise RuntimeError(f"falha {self.calls}")


async def plan(
    world: World,
    kind: str,
    minutes: float,
    *,
    subject_id: int | None = None,
    dedupe_key: str | None = None,
) -> Timer:
    """Schedule ``kind`` ``minutes`` from now in its own transaction."""
    async with world.core.db.uow() as uow:
        due = world.clock.now() + timedelta(minutes=minutes)
        timer = await schedule(
            uow, world.clock, kind, due, subject_id=subject_id, dedupe_key=dedupe_key
        )
        await uow.commit()
    return timer


async def timers(db: Database) -> list[Timer]:
    """Every stored timer, oldest first."""
    async with db.uow() as uow:
        return list((await uow.session.exec(select(Timer).order_by(col(Timer.id)))).all())


async def test_a_timer_runs_once_when_due(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await plan(world, "remind", 15, subject_id=7)
    handlers: dict[str, Handler] = {"remind": remind}

    assert await world.run_timers(handlers) == 0
    world.advance(minutes=15)
    assert await world.run_timers(handlers) == 1
    assert await world.run_timers(handlers) == 0

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 7"]
    (timer,) = await timers(db)
    assert (timer.status, timer.done_at) == (TimerStatus.DONE, clock.now())


async def test_due_timers_run_oldest_first(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await plan(world, "remind", 10, subject_id=2)
    await plan(world, "remind", 5, subject_id=1)
    world.advance(minutes=10)

    await world.run_timers({"remind": remind})

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 1", "lembrete 2"]


async def test_a_failing_handler_is_rolled_back_and_retried_later(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    flaky = Flaky(failures=1)
    await plan(world, "flaky", 0)
    loop = TimerLoop(world.core, {"flaky": flaky}, retry_delay=timedelta(minutes=1))

    assert await loop.run_once() == 1
    assert await world.outbox(CHAT) == []  # the failed attempt's message rolled back
    (timer,) = await timers(db)
    assert (timer.status, timer.attempts, timer.last_error) == (
        TimerStatus.PENDING,
        1,
        "RuntimeError: falha 1",
    )
    assert await loop.run_once() == 0
    world.advance(minutes=1)
    assert await loop.run_once() == 1

    assert [m.text for m in await world.outbox(CHAT)] == ["tentativa 2"]
    (timer,) = await timers(db)
    assert timer.status == TimerStatus.DONE


async def test_a_timer_that_keeps_failing_is_given_up(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await plan(world, "flaky", 0)
    loop = TimerLoop(world.core, {"flaky": Flaky(failures=10)}, max_attempts=3)

    for _ in range(5):
        await loop.run_once()
        world.advance(minutes=1)

    (timer,) = await timers(db)
    assert (timer.status, timer.attempts) == (TimerStatus.CANCELLED, 3)
    assert timer.last_error == "RuntimeError: falha 3"
    assert await world.outbox(CHAT) == []


async def test_a_timer_without_handler_is_cancelled(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await plan(world, "unknown", 0)

    assert await world.run_timers({"remind": remind}) == 1

    (timer,) = await timers(db)
    assert (timer.status, timer.last_error) == (TimerStatus.CANCELLED, "no handler")


async def test_two_timer_loops_run_each_timer_once(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    async with db.uow() as uow:
        for n in range(60):
            await schedule(uow, clock, "remind", clock.now(), subject_id=n)
        await uow.commit()

    async def slow_remind(uow: UnitOfWork, core: Core, timer: Timer) -> None:
        await asyncio.sleep(0)  # let the other loop run in between
        await remind(uow, core, timer)

    one = TimerLoop(world.core, {"remind": slow_remind}, worker="one", batch=7)
    two = TimerLoop(world.core, {"remind": slow_remind}, worker="two", batch=7)

    async def drain(loop: TimerLoop) -> int:
        total = 0
        while handled := await loop.run_once():
            total += handled
        return total

    counts = await asyncio.gather(drain(one), drain(two))

    assert sum(counts) == 60
    texts = [m.text for m in await world.outbox(CHAT)]
    assert sorted(texts) == sorted(f"lembrete {n}" for n in range(60))
    if db.dialect == "postgresql":  # SQLite's write lock may well let one loop do it all
        assert {t.claimed_by for t in await timers(db)} == {"one", "two"}


async def test_scheduling_with_a_dedupe_key_moves_the_pending_timer(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await plan(world, "remind", 30, subject_id=1, dedupe_key="remind:1")
    await plan(world, "remind", 60, subject_id=1, dedupe_key="remind:1")

    world.advance(minutes=30)
    assert await world.run_timers({"remind": remind}) == 0
    world.advance(minutes=30)
    assert await world.run_timers({"remind": remind}) == 1

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 1"]
    assert len(await timers(db)) == 1


async def test_a_cancelled_timer_never_runs(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await plan(world, "remind", 5, subject_id=1)
    await plan(world, "remind", 5, subject_id=2)
    async with db.uow() as uow:
        assert await cancel(uow, kind="remind", subject_id=1) == 1
        await uow.commit()

    world.advance(minutes=5)
    assert await world.run_timers({"remind": remind}) == 1

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 2"]


async def test_a_committed_timer_wakes_the_loop(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    loop = TimerLoop(world.core, {"remind": remind})
    stop = asyncio.Event()
    running = asyncio.create_task(loop.run_forever(stop, idle=30))
    await asyncio.sleep(0.05)

    await plan(world, "remind", 0, subject_id=3)
    for _ in range(100):
        if await world.outbox(CHAT):
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(running, 5)

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 3"]
    assert loop.wake not in db.wakers


async def test_a_message_written_wakes_the_dispatcher_and_not_the_timer_loop(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    loop = TimerLoop(world.core, {"remind": remind})
    telegram = RecordingSender("telegram")
    dispatcher = OutboxDispatcher(db, clock, {"telegram": telegram})
    stop = asyncio.Event()
    running = [asyncio.create_task(each.run_forever(stop, idle=30)) for each in (loop, dispatcher)]
    await plan(world, "remind", 1, subject_id=7)  # not due yet: the loop sleeps again
    await asyncio.sleep(0.05)
    world.advance(minutes=2)  # due now, but nothing wakes the loop...

    async with db.uow() as uow:  # ...a client's message (outbox rows only) does not
        await send(uow, clock, CLIENT, OutboundMessage("Olá"))
        await uow.commit()
    for _ in range(100):
        if telegram.texts_to(CLIENT):
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)
    assert telegram.texts_to(CLIENT) == ["Olá"]  # the dispatcher was woken at once
    assert await world.outbox(CHAT) == [], "the timer loop ran without a timer written"

    await plan(world, "remind", 0, subject_id=8)  # a commit that wrote a timer wakes it
    for _ in range(100):
        if len(await world.outbox(CHAT)) == 2:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*running), 5)

    assert sorted(m.text for m in await world.outbox(CHAT)) == ["lembrete 7", "lembrete 8"]


async def test_a_handler_can_schedule_its_own_timer_again(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)

    async def every_minute(uow: UnitOfWork, core: Core, timer: Timer) -> None:
        await remind(uow, core, timer)
        if timer.subject_id is not None and timer.subject_id < 3:
            due = core.clock.now() + timedelta(minutes=1)
            await schedule(
                uow, core.clock, "tick", due, subject_id=timer.subject_id + 1, dedupe_key="tick"
            )

    await plan(world, "tick", 0, subject_id=1, dedupe_key="tick")
    for _ in range(4):
        await world.run_timers({"tick": every_minute})
        world.advance(minutes=1)

    assert [m.text for m in await world.outbox(CHAT)] == ["lembrete 1", "lembrete 2", "lembrete 3"]
    (timer,) = await timers(db)
    assert timer.status == TimerStatus.DONE
