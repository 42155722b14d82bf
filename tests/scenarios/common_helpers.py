"""Helpers every scenario family shares: a company, what was written to an address, a message's
buttons, outbox rows, a stored request, a consultant's status.

The family modules (``intake_helpers``, ``queue_helpers``, ``sessions_helpers``,
``booking_helpers``) re-export the ones their tests use.
"""

from __future__ import annotations

from sqlmodel import col, select

from core.companies import add_company
from core.consultants import consultant_by_staff_key
from core.models import Company, Outbound, Request
from core.outbox import Address, OutboundMessage
from core.terms import ensure_default_terms
from tests.scenario import World


async def given_company(
    world: World,
    name: str = "Metalúrgica Exemplo",
    *,
    rate_cents: int = 18000,
    product_line: str = "industrial",
    cnpj: str | None = None,
    active: bool = True,
) -> Company:
    """A company registered by the admin service (terms published too)."""
    async with world.core.db.uow() as uow:
        await ensure_default_terms(uow, world.clock)
        company = await add_company(
            uow,
            world.clock,
            name=name,
            cnpj=cnpj,
            product_line=product_line,
            hourly_rate_cents=rate_cents,
            active=active,
            lines=world.core.config.product_lines,
        )
        await uow.commit()
    return company


async def texts(world: World, to: Address) -> list[str]:
    """Every text written to ``to`` (sent or not), oldest first."""
    return [message.text for message in await world.outbox(to)]


async def last(world: World, to: Address) -> OutboundMessage:
    """The newest message written to ``to``."""
    messages = await world.outbox(to)
    assert messages, f"nothing written to {to}"
    return messages[-1]


def actions(message: OutboundMessage) -> list[str]:
    """The action ids of a message's buttons."""
    return [choice.action for choice in message.choices]


async def rows(world: World, purpose: str, subject_id: int) -> list[Outbound]:
    """Outbox rows of ``purpose`` about ``subject_id`` (originals and edits), oldest first."""
    async with world.core.db.uow() as uow:
        statement = (
            select(Outbound)
            .where(Outbound.purpose == purpose, Outbound.subject_id == subject_id)
            .order_by(col(Outbound.id))
        )
        return list((await uow.session.exec(statement)).all())


async def load_request(world: World, request_id: int) -> Request:
    """The request as stored now."""
    async with world.core.db.uow() as uow:
        request = await uow.session.get(Request, request_id)
        assert request is not None
        return request


async def consultant_status(world: World, staff_key: str) -> str:
    """The status of the consultant ``staff_key`` as stored now."""
    async with world.core.db.uow() as uow:
        consultant = await consultant_by_staff_key(uow, staff_key)
    assert consultant is not None
    return consultant.status
