"""Set-up through the real core functions: a company, consultants, clients in open sessions."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import col, select

from core import intake
from core.companies import add_company
from core.consultants import add_consultant
from core.context import Core
from core.models import Company, ConsultingSession, Outbound
from core.outbox import Address, OutboundMessage, OutboxDispatcher, Sender
from core.queue import claim_request, set_status
from core.terms import ensure_default_terms

AREAS = (
    "Manufatura",
    "Suprimentos",
    "Estoque",
    "Custos",
    "Comercial",
    "Financeiro",
    "Administrativo",
)


def client_address(number: int) -> Address:
    """The Telegram chat of client ``number``."""
    return Address("telegram", str(100000 + number))


def consultant_user(number: int) -> str:
    """The Slack user id of consultant ``number``."""
    return f"U0B{number:05d}"


async def given_company(core: Core, name: str = "Metalúrgica Exemplo") -> Company:
    """A company (terms published) registered by the admin service."""
    async with core.db.uow() as uow:
        await ensure_default_terms(uow, core.clock)
        company = await add_company(
            uow,
            core.clock,
            name=name,
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=18000,
            lines=core.config.product_lines,
        )
        await uow.commit()
    return company


async def given_consultants(
    core: Core, count: int, *, status: str = "disponivel", areas_of: int = 2
) -> list[str]:
    """``count`` consultants (``areas_of`` areas each, round robin), each setting ``status``."""
    users = [consultant_user(n) for n in range(count)]
    async with core.db.uow() as uow:
        for n, user in enumerate(users):
            areas = [AREAS[(n + k) % len(AREAS)] for k in range(areas_of)]
            await add_consultant(
                uow,
                core.clock,
                staff_key=user,
                name=f"Consultor {n}",
                areas=areas,
                known_areas=list(core.config.areas),
            )
        await uow.commit()
    for user in users:
        await set_status(core, user, status)
    return users


async def draft_request(core: Core, company: Company, address: Address, area: str) -> int:
    """A client who links, asks for consulting, picks ``area`` and describes: terms shown."""
    await intake.start(core, address, code=company.access_code, name=f"Cliente {address.id}")
    await intake.begin_consulting(core, address)
    async with core.db.uow() as uow:
        statement = (
            select(Outbound)
            .where(Outbound.channel == address.channel, Outbound.address == address.id)
            .order_by(col(Outbound.id).desc())
            .limit(1)
        )
        row = (await uow.session.exec(statement)).one()
    question = OutboundMessage.from_payload(row.payload)
    request_id = int(question.choices[0].action.split(":")[1])
    await intake.choose_area(core, address, request_id, core.config.areas.index(area))
    await intake.handle_text(core, address, "Como fechar o custo do mês?")
    return request_id


async def queued(core: Core, company: Company, address: Address, area: str) -> int:
    """A client through the intake up to the queue (terms accepted)."""
    request_id = await draft_request(core, company, address, area)
    await intake.accept_terms(core, address, request_id)
    return request_id


async def flush(core: Core, senders: Mapping[str, Sender]) -> int:
    """Deliver every due outbox row with the real dispatcher."""
    dispatcher = OutboxDispatcher(core.db, core.clock, senders, batch=500)
    total = 0
    while handled := await dispatcher.run_once():
        total += handled
    return total


async def sessions_in_progress(
    core: Core, count: int, senders: Mapping[str, Sender]
) -> list[Address]:
    """``count`` clients each in an open session with their own consultant (threads delivered)."""
    company = await given_company(core)
    users = await given_consultants(core, count, areas_of=len(AREAS))
    clients = [client_address(n) for n in range(count)]
    for address, user in zip(clients, users, strict=True):
        request_id = await queued(core, company, address, "Custos")
        result = await claim_request(core, request_id, user)
        assert result.won, "set-up claim lost"
    await flush(core, senders)
    async with core.db.uow() as uow:
        open_sessions = (await uow.session.exec(select(ConsultingSession))).all()
    assert all(s.thread_ref for s in open_sessions), "session threads not delivered"
    return clients
