"""Inbound deliveries arriving together share one commit (``core.db.grouped_commits``), and
each keeps its own guarantees: its writes and dedup key together, durable when it returns, gone
alone when it fails."""

from __future__ import annotations

import asyncio

import pytest

from core.clock import ManualClock
from core.context import Core, entry
from core.db import Database, grouped_commits
from core.errors import Conflict
from core.outbox import Address, OutboundMessage, send
from tests.scenario import World

CHAT = Address("telegram", "42")


@pytest.fixture(autouse=True)
def group_commit(db: Database) -> None:
    """Group commit on (``CONSULTORIA_DATABASE_GROUP_COMMIT``)."""
    db.group_commit = True


@entry
async def _answer(core: Core, text: str, inbound: tuple[str, str]) -> bool:
    async with core.transaction(inbound) as uow:
        await send(uow, core.clock, CHAT, OutboundMessage(text))
        if text.startswith("recusar"):
            raise Conflict("intake.nothing_to_cancel")
    return True


async def deliver(core: Core, event: str, text: str) -> str:
    """One inbound delivery as the Telegram adapter runs it: ``ok``, ``repeat`` or ``refused``."""
    with grouped_commits():
        try:
            return "ok" if await _answer(core, text, ("telegram", event)) else "repeat"
        except Conflict:
            return "refused"


async def test_deliveries_arriving_together_are_each_kept(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)

    outcomes = await asyncio.gather(*(deliver(world.core, f"U{i}", f"m{i}") for i in range(40)))

    assert outcomes == ["ok"] * 40  # (one chat's order is the adapter's: one at a time)
    assert sorted(m.text for m in await world.outbox(CHAT)) == sorted(f"m{i}" for i in range(40))


async def test_a_failed_delivery_among_others_loses_nothing_of_theirs(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    texts = ["um", "recusar dois", "três", "recusar quatro", "cinco"]

    outcomes = await asyncio.gather(
        *(deliver(world.core, f"U{i}", text) for i, text in enumerate(texts))
    )

    assert outcomes == ["ok", "refused", "ok", "refused", "ok"]
    assert [m.text for m in await world.outbox(CHAT)] == ["um", "três", "cinco"]
    # a refused delivery's key went with its writes: the platform's retry is acted on
    assert await deliver(world.core, "U1", "dois de novo") == "ok"


async def test_a_repeated_delivery_in_the_same_group_is_acted_on_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)

    outcomes = list(
        await asyncio.gather(
            deliver(world.core, "U1", "primeira"),
            deliver(world.core, "U1", "repetida"),
            deliver(world.core, "U2", "outra"),
        )
    )

    assert outcomes == ["ok", "repeat", "ok"]
    assert [m.text for m in await world.outbox(CHAT)] == ["primeira", "outra"]


async def test_the_dispatcher_is_woken_once_the_shared_commit_is_done(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    seen: list[list[str]] = []

    def wake(_written: frozenset[str]) -> None:
        seen.append([])

    db.wakers.append(wake)

    await asyncio.gather(*(deliver(world.core, f"U{i}", f"m{i}") for i in range(3)))

    assert len(seen) == 3
    assert len(await world.outbox(CHAT)) == 3


async def test_a_unit_of_work_opened_inside_a_grouped_one_runs_on_its_own(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)

    with grouped_commits():
        async with db.uow() as outer:
            await send(outer, clock, CHAT, OutboundMessage("fora"))
            async with db.uow() as inner:
                await inner.commit()  # nothing written: the outer one's turn is not waited for
            await outer.commit()

    assert [m.text for m in await world.outbox(CHAT)] == ["fora"]


@pytest.mark.parametrize("failing", [0, 2])
async def test_the_first_or_a_later_member_failing_keeps_the_rest(
    db: Database, clock: ManualClock, failing: int
) -> None:
    world = World.build(db, clock)
    texts = [f"recusar {i}" if i == failing else f"m{i}" for i in range(4)]

    await asyncio.gather(*(deliver(world.core, f"U{i}", text) for i, text in enumerate(texts)))

    assert [m.text for m in await world.outbox(CHAT)] == [
        text for text in texts if not text.startswith("recusar")
    ]
