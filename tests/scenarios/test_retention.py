"""LGPD: relayed message contents are kept no longer than delivery needs."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from bot.bootstrap import timer_handlers
from core.clock import ManualClock
from core.db import Database
from core.intake import handle_text
from core.models import Outbound, Timer, TimerStatus, WebMessage
from core.outbox import PermanentDeliveryError
from core.privacy import PURGE, RELAY_PURGED, ensure_retention_timer
from core.sessions import RELAY, relay_from_staff
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BRUNO, claimed, given_cast, queued, thread_of


async def _relay_rows(world: World) -> list[Outbound]:
    async with world.core.db.uow() as uow:
        statement = (
            select(Outbound)
            .where(col(Outbound.purpose).in_((RELAY, RELAY_PURGED)))
            .order_by(col(Outbound.id))
        )
        return list((await uow.session.exec(statement)).all())


async def _web_message(world: World, text: str) -> int:
    async with world.core.db.uow() as uow:
        row = WebMessage(
            address="c:" + "a" * 40,
            payload={"text": text, "purpose": RELAY},
            created_at=world.clock.now(),
        )
        uow.session.add(row)
        await uow.commit()
        assert row.id is not None
        return row.id


async def _web_message_ids(world: World) -> list[int]:
    async with world.core.db.uow() as uow:
        ids = (await uow.session.exec(select(WebMessage.id).order_by(col(WebMessage.id)))).all()
        return [i for i in ids if i is not None]


async def _purge(world: World) -> None:
    await ensure_retention_timer(world.core)
    await world.run_timers(timer_handlers())


async def test_relayed_contents_are_blanked_only_after_the_retention_period(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, message_retention=timedelta(hours=72))
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    thread = await thread_of(world, session_id)
    await handle_text(world.core, ANA, "Meu CPF é 123.456.789-00")
    await relay_from_staff(world.core, thread, BRUNO, "Recebido, obrigado.")
    await world.deliver()
    old_web = await _web_message(world, "Meu CPF é 123.456.789-00")

    world.advance(hours=71)
    await handle_text(world.core, ANA, "Ainda não entregue")  # stays pending
    young_web = await _web_message(world, "mensagem recente")
    await _purge(world)
    texts = [row.payload["text"] for row in await _relay_rows(world)]
    assert texts == [
        "Ana Cliente: Meu CPF é 123.456.789-00",
        "Bruno Lima: Recebido, obrigado.",
        "Ana Cliente: Ainda não entregue",
    ]
    assert await _web_message_ids(world) == [old_web, young_web]

    world.advance(hours=1, minutes=1)  # the hourly purge is due again, 72 h are past
    await world.run_timers(timer_handlers())
    rows = await _relay_rows(world)
    assert [row.payload["text"] for row in rows] == ["", "", "Ana Cliente: Ainda não entregue"]
    assert [row.purpose for row in rows] == [RELAY_PURGED, RELAY_PURGED, RELAY]
    assert await _web_message_ids(world) == [young_web]

    # what was not delivered is delivered intact, then purged once it is old enough
    await world.deliver()
    assert "Ana Cliente: Ainda não entregue" in world.slack.texts_to(thread)
    world.advance(hours=72)
    await world.run_timers(timer_handlers())
    assert [row.payload["text"] for row in await _relay_rows(world)] == ["", "", ""]
    assert await _web_message_ids(world) == []


async def test_a_relay_that_failed_for_good_is_purged_too(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    thread = await thread_of(world, session_id)
    world.telegram.fail_next.append(PermanentDeliveryError("blocked by the user"))
    await relay_from_staff(world.core, thread, BRUNO, "Segue o orçamento com os valores.")
    await world.deliver()
    world.advance(hours=73)
    await _purge(world)
    (row,) = await _relay_rows(world)
    assert row.status == "failed"
    assert row.payload["text"] == ""


async def test_the_purge_timer_is_one_row_however_often_it_is_ensured(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    for _ in range(3):
        await ensure_retention_timer(world.core)
    await world.run_timers(timer_handlers())
    await ensure_retention_timer(world.core)
    async with db.uow() as uow:
        timers = (await uow.session.exec(select(Timer).where(Timer.kind == PURGE))).all()
    assert len(timers) == 1
    assert timers[0].status == TimerStatus.PENDING
    assert timers[0].due_at == clock.now() + timedelta(hours=1)
