"""Inbound deduplication through ``core.transaction``: a platform delivery acts once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from core.clock import ManualClock
from core.context import Core, entry
from core.db import Database
from core.errors import Conflict
from core.inbound import forget_inbound_before
from core.models import InboundKey
from core.outbox import Address, OutboundMessage, send
from tests.scenario import World

CHAT = Address("telegram", "42")


@entry
async def _answer(core: Core, text: str, inbound: tuple[str, str]) -> bool:
    async with core.transaction(inbound) as uow:
        await send(uow, core.clock, CHAT, OutboundMessage(text))
    return True


async def handle(core: Core, event: str, text: str) -> bool:
    """A service answering one inbound event with a message; False when it was a repeat."""
    return await _answer(core, text, ("slack", event)) is True


async def test_a_repeated_delivery_is_a_duplicate_and_writes_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)

    assert await handle(world.core, "Ev1", "primeira") is True
    assert await handle(world.core, "Ev1", "repetida") is False
    assert await handle(world.core, "Ev2", "outra") is True

    assert [m.text for m in await world.outbox(CHAT)] == ["primeira", "outra"]


async def test_the_same_key_from_another_source_is_not_a_duplicate(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    async with world.core.transaction(inbound=("telegram", "Ev1")) as uow:
        await send(uow, clock, CHAT, OutboundMessage("pelo Telegram"))

    assert await handle(world.core, "Ev1", "slack") is True


async def test_a_retry_after_a_refused_first_attempt_is_acted_on(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)

    async def refuse() -> None:
        async with world.core.transaction(inbound=("slack", "Ev1")) as uow:
            await send(uow, clock, CHAT, OutboundMessage("desfeita"))
            raise Conflict("common.conflict")

    with pytest.raises(Conflict):
        await refuse()

    assert await handle(world.core, "Ev1", "na segunda vez") is True
    assert [m.text for m in await world.outbox(CHAT)] == ["na segunda vez"]


async def test_two_concurrent_deliveries_of_one_event_act_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)

    results = await asyncio.gather(*(handle(world.core, "Ev1", "uma vez") for _ in range(4)))

    assert sorted(results) == [False, False, False, True]
    assert [m.text for m in await world.outbox(CHAT)] == ["uma vez"]


async def test_old_keys_are_forgotten(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await handle(world.core, "Ev1", "antiga")
    clock.advance(timedelta(days=3))
    await handle(world.core, "Ev2", "recente")

    async with db.uow() as uow:
        assert await forget_inbound_before(uow, clock.now() - timedelta(days=1)) == 1
        await uow.commit()

    async with db.uow() as uow:
        keys = (await uow.session.exec(select(InboundKey.key))).all()
    assert list(keys) == ["Ev2"]
