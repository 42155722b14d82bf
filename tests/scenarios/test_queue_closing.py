"""At closing every waiting client is told at once and chooses; open sessions go on."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from core.clock import ManualClock
from core.db import Database
from core.models import RequestStatus, Timer, TimerStatus
from core.queue import CLOSING, claim_request, ensure_closing_timer, keep_place
from tests.scenario import SAO_PAULO, World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    load_request,
    queued_client,
    run_timers,
    slack_user,
)

HALF_FIVE = datetime(2026, 11, 23, 17, 30, tzinfo=SAO_PAULO)
SIX = datetime(2026, 11, 23, 18, 0, tzinfo=SAO_PAULO)
NEXT_MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=SAO_PAULO)


async def _pending_closing(world: World) -> list[Timer]:
    async with world.core.db.uow() as uow:
        found = await uow.session.exec(select(Timer).where(Timer.kind == CLOSING))
        return [t for t in found.all() if t.status == TimerStatus.PENDING]


async def test_at_closing_the_queue_is_told_and_an_open_session_goes_on(
    db: Database, clock: ManualClock
) -> None:
    clock.set(HALF_FIVE)
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    in_session = await queued_client(world, company, 1)
    session = await claim_request(world.core, in_session, slack_user(1))
    first = await queued_client(world, company, 2)
    second = await queued_client(world, company, 3)
    await ensure_closing_timer(world.core)
    await ensure_closing_timer(world.core)  # again at the next start: still one
    [timer] = await _pending_closing(world)
    assert timer.due_at == SIX

    clock.set(SIX)
    await run_timers(world)

    for number, request_id in ((2, first), (3, second)):
        told = (await world.outbox(client(number)))[-1]
        assert told.text.startswith("Nosso horário de atendimento terminou")
        assert "Abrimos terça-feira, 24/11/2026 às 08:00" in told.text
        assert [c.action for c in told.choices] == [
            f"keep:{request_id}",
            f"tobook:{request_id}",
            f"leave:{request_id}",
        ]
    reminder = (await world.outbox())[-1]
    assert f"A sessão #{session.session_id} com Cliente 1 continua" in reminder.text
    [following] = await _pending_closing(world)
    assert following.due_at == datetime(2026, 11, 24, 12, 0, tzinfo=SAO_PAULO)

    await keep_place(world.core, client(2), first)
    kept = (await world.outbox(client(2)))[-1].text
    assert kept.startswith(f"Combinado: o pedido {first} continua na fila")
    assert (await load_request(world, first)).status == RequestStatus.QUEUED

    clock.set(NEXT_MORNING)
    await given_consultant(world, 2, "Carla Consultora", ["Custos"])
    result = await claim_request(world.core, first, slack_user(2))
    assert result.won, "kept in order and served at opening, no agreement needed"
