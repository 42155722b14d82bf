"""Helpers for the session scenarios: a cast set up by the admin services, clients who queue
through the intake, sessions that come from a real claim."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core import intake
from core.companies import add_company
from core.consultants import add_consultant
from core.contacts import find_contact
from core.contacts import open_session_of as contact_open_session
from core.models import (
    BillingRecord,
    ConsultingSession,
    SessionNote,
    SessionParticipant,
)
from core.outbox import Address, OutboundMessage
from core.queue import claim_request, set_status
from core.sessions import load_session
from core.staff import grant_role
from core.terms import ensure_default_terms
from tests.scenario import World
from tests.scenarios.common_helpers import last as last
from tests.scenarios.common_helpers import load_request
from tests.scenarios.common_helpers import rows as rows
from tests.scenarios.common_helpers import texts as texts

RATE_CENTS = 18000
BRUNO = "U0BRUNO"
CARLA = "U0CARLA"
DIEGO = "U0DIEGO"
ATTENDANT = "U0SOFIA"
SECRETARY = "U0SARA"
ANA = Address("telegram", "4201")
BETO = Address("telegram", "4202")
CAIO = Address("telegram", "4203")
NAMES = {ANA: "Ana Cliente", BETO: "Beto Cliente", CAIO: "Caio Cliente"}
TEAM = (
    (BRUNO, "Bruno Lima", ["Custos"]),
    (CARLA, "Carla Souza", ["Estoque"]),
    (DIEGO, "Diego Ramos", ["Custos", "Financeiro"]),
)


@dataclass(frozen=True)
class Cast:
    """The company and the staff of a scenario."""

    company_id: int
    access_code: str
    consultant_ids: dict[str, int]


async def given_cast(world: World, *, rate_cents: int = RATE_CENTS) -> Cast:
    """A company at ``rate_cents`` per hour, three available consultants, support, a secretary."""
    async with world.core.db.uow() as uow:
        await ensure_default_terms(uow, world.clock)
        company = await add_company(
            uow,
            world.clock,
            name="Metalúrgica Exemplo",
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=rate_cents,
            lines=world.core.config.product_lines,
        )
        ids: dict[str, int] = {}
        for slack, name, areas in TEAM:
            consultant = await add_consultant(
                uow,
                world.clock,
                staff_key=slack,
                name=name,
                areas=areas,
                known_areas=list(world.core.config.areas),
            )
            assert consultant.id is not None
            ids[slack] = consultant.id
        await grant_role(uow, world.clock, ATTENDANT, "support", "Sofia Suporte")
        await grant_role(uow, world.clock, SECRETARY, "secretary", "Sara Secretária")
        await uow.commit()
    for slack, _, _ in TEAM:
        await set_status(world.core, slack, "disponivel")
    assert company.id is not None
    return Cast(company.id, company.access_code, ids)


async def queued(world: World, cast: Cast, address: Address, area: str = "Custos") -> int:
    """A client who links, asks for consulting, describes it and accepts the terms; the request."""
    core = world.core
    await intake.start(core, address, code=cast.access_code, name=NAMES.get(address, "Cliente"))
    await intake.begin_consulting(core, address)
    question = (await world.outbox(address))[-1]
    request_id = int(question.choices[0].action.split(":")[1])
    await intake.choose_area(core, address, request_id, core.config.areas.index(area))
    await intake.handle_text(core, address, "Como fechar o custo do mês?")
    await intake.accept_terms(core, address, request_id)
    return request_id


async def claimed(world: World, request_id: int, slack_user: str) -> int:
    """A consultant presses *Aceitar* on the request card; the session id."""
    result = await claim_request(world.core, request_id, slack_user)
    assert result.won and result.session_id is not None
    return result.session_id


async def thread_of(world: World, session_id: int) -> Address:
    """The session's Slack thread, once the dispatcher has delivered the request card."""
    await world.deliver()
    session = await stored_session(world, session_id)
    assert session.thread_channel is not None and session.thread_ref is not None
    return Address("slack", session.thread_channel, session.thread_ref)


async def stored_session(world: World, session_id: int) -> ConsultingSession:
    """The session as stored now."""
    async with world.core.db.uow() as uow:
        return await load_session(uow, session_id)


async def open_session_of(world: World, address: Address) -> ConsultingSession:
    """The open session of the client at ``address``."""
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, address)
        assert contact is not None and contact.id is not None
        session = await contact_open_session(uow, contact.id)
        assert session is not None
        return session


async def participants(world: World, session_id: int) -> list[SessionParticipant]:
    """Everyone who was in the session, in the order they joined."""
    async with world.core.db.uow() as uow:
        statement = (
            select(SessionParticipant)
            .where(SessionParticipant.session_id == session_id)
            .order_by(col(SessionParticipant.id))
        )
        return list((await uow.session.exec(statement)).all())


async def notes(world: World, session_id: int) -> list[SessionNote]:
    """The internal notes kept with the session."""
    async with world.core.db.uow() as uow:
        statement = select(SessionNote).where(SessionNote.session_id == session_id)
        return list((await uow.session.exec(statement)).all())


async def billing_records(world: World) -> list[BillingRecord]:
    """Every billing record stored."""
    async with world.core.db.uow() as uow:
        return list((await uow.session.exec(select(BillingRecord))).all())


stored_request = load_request
"""The session tests' name for :func:`tests.scenarios.common_helpers.load_request`."""


def field_values(message: OutboundMessage) -> dict[str, str]:
    """A card's fields by label."""
    return {f.label: f.value for f in message.fields}
