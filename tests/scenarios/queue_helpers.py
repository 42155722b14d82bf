"""Helpers for the queue, claim and restart scenarios: everything through the real services."""

from __future__ import annotations

from sqlmodel import col, select

from core import intake
from core.consultants import add_consultant
from core.models import Company, Consultant, ConsultingSession, Request, Timer
from core.outbox import Address, OutboundMessage
from core.queue import TIMER_HANDLERS, QueueStanding, queue_position, set_status
from core.timers import TimerLoop
from tests.scenario import World
from tests.scenarios.common_helpers import given_company as given_company
from tests.scenarios.common_helpers import load_request as load_request
from tests.scenarios.common_helpers import rows as rows

AREA_INDEX = {
    "Manufatura": 0,
    "Suprimentos": 1,
    "Estoque": 2,
    "Custos": 3,
    "Comercial": 4,
    "Financeiro": 5,
    "Administrativo": 6,
}


def client(number: int) -> Address:
    """The Telegram chat of client ``number``."""
    return Address("telegram", str(7000 + number))


def slack_user(number: int) -> str:
    """A Slack user id for consultant ``number``."""
    return f"U0C{number:04d}"


async def given_consultant(
    world: World,
    number: int,
    name: str,
    areas: list[str],
    *,
    status: str | None = "disponivel",
    max_sessions: int = 1,
) -> Consultant:
    """A consultant registered by the admin service, then setting their own status."""
    async with world.core.db.uow() as uow:
        consultant = await add_consultant(
            uow,
            world.clock,
            staff_key=slack_user(number),
            name=name,
            areas=areas,
            known_areas=list(world.core.config.areas),
            max_sessions=max_sessions,
        )
        await uow.commit()
    if status is not None:
        await set_status(world.core, slack_user(number), status)
    return consultant


async def queued_client(
    world: World,
    company: Company,
    number: int,
    *,
    area: str | None = "Custos",
    description: str = "Como fechar o custo do mês?",
) -> int:
    """A client who links, asks for consulting, describes and accepts the terms: queued."""
    address = client(number)
    await intake.start(world.core, address, code=company.access_code, name=f"Cliente {number}")
    await intake.begin_consulting(world.core, address)
    question = (await world.outbox(address))[-1]
    request_id = int(question.choices[0].action.split(":")[1])
    index = AREA_INDEX[area] if area is not None else None
    await intake.choose_area(world.core, address, request_id, index)
    await intake.handle_text(world.core, address, description)
    await intake.accept_terms(world.core, address, request_id)
    return request_id


async def latest(world: World, purpose: str, subject_id: int) -> OutboundMessage:
    """What the card of ``purpose`` shows now (its newest version)."""
    found = await rows(world, purpose, subject_id)
    assert found, f"no {purpose} for {subject_id}"
    return OutboundMessage.from_payload(found[-1].payload)


async def standing(world: World, request_id: int) -> QueueStanding:
    """Position and estimated wait of a waiting request."""
    async with world.core.db.uow() as uow:
        request = await uow.session.get(Request, request_id)
        assert request is not None
        return await queue_position(uow, world.core, request)


async def sessions(world: World) -> list[ConsultingSession]:
    """Every session stored, oldest first."""
    async with world.core.db.uow() as uow:
        statement = select(ConsultingSession).order_by(col(ConsultingSession.id))
        return list((await uow.session.exec(statement)).all())


async def consultant(world: World, number: int) -> Consultant:
    """Consultant ``number`` as stored."""
    async with world.core.db.uow() as uow:
        statement = select(Consultant).where(Consultant.staff_key == slack_user(number))
        found = (await uow.session.exec(statement)).first()
        assert found is not None
        return found


async def pending_timers(world: World, kind: str, subject_id: int) -> list[Timer]:
    """Pending timers of ``kind`` for ``subject_id``, soonest first."""
    async with world.core.db.uow() as uow:
        statement = (
            select(Timer)
            .where(Timer.kind == kind, Timer.subject_id == subject_id, Timer.status == "pending")
            .order_by(col(Timer.due_at))
        )
        return list((await uow.session.exec(statement)).all())


async def run_timers(world: World) -> int:
    """Run every due timer of the queue with the real timer loop."""
    loop = TimerLoop(world.core, TIMER_HANDLERS)
    total = 0
    while handled := await loop.run_once():
        total += handled
    return total


def texts(messages: list[OutboundMessage]) -> list[str]:
    """The texts of some messages."""
    return [m.text for m in messages]
