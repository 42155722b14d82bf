"""Helpers for the intake and support scenarios: set-up through the real admin services."""

from __future__ import annotations

from sqlmodel import col, select

from core import intake, support
from core.consultants import add_consultant
from core.models import Company, Consent, ConsultingSession, Request
from core.outbox import Address, OutboundMessage
from core.staff import grant_role
from tests.scenario import World
from tests.scenarios.common_helpers import actions as actions
from tests.scenarios.common_helpers import given_company as given_company
from tests.scenarios.common_helpers import last
from tests.scenarios.common_helpers import load_request as load_request

CLIENT = Address("telegram", "5001")
OTHER_CLIENT = Address("telegram", "5002")
SECRETARY = "U0SECRET"
ATTENDANT = "U0SUPPORT"
CONSULTANT = "U0CONSULT"


async def given_staff(world: World) -> None:
    """A secretary, a support attendant and a consultant of the Fabril areas."""
    async with world.core.db.uow() as uow:
        await grant_role(uow, world.clock, SECRETARY, "secretary", "Sara Secretária")
        await grant_role(uow, world.clock, ATTENDANT, "support", "Saulo Suporte")
        await add_consultant(
            uow,
            world.clock,
            staff_key=CONSULTANT,
            name="Bruno Consultor",
            areas=["Manufatura", "Custos"],
            known_areas=list(world.core.config.areas),
        )
        await uow.commit()


async def linked_client(world: World, company: Company, address: Address = CLIENT) -> None:
    """A client who opened the bot through the company's deep link."""
    await intake.start(world.core, address, code=company.access_code, name="Ana Cliente")


last_message = last
"""The intake tests' name for :func:`tests.scenarios.common_helpers.last`."""


def labels(message: OutboundMessage) -> list[str]:
    """The labels of a message's buttons."""
    return [choice.label for choice in message.choices]


async def ask_consulting(world: World, address: Address = CLIENT) -> int:
    """Menu -> Consultoria Online; the id of the draft request (from the area buttons)."""
    await intake.begin_consulting(world.core, address)
    question = await last_message(world, address)
    return int(actions(question)[0].split(":")[1])


async def to_terms_card(
    world: World,
    address: Address = CLIENT,
    *,
    area_index: int | None = 3,
    description: str = "Como fechar o custo do mês?",
) -> int:
    """Consulting, an area (Custos by default), a description: the request now shows the terms."""
    request_id = await ask_consulting(world, address)
    await intake.choose_area(world.core, address, request_id, area_index)
    await intake.handle_text(world.core, address, description)
    return request_id


async def consents(world: World, request_id: int) -> list[Consent]:
    """The consents recorded for a request, oldest first."""
    async with world.core.db.uow() as uow:
        statement = (
            select(Consent).where(Consent.request_id == request_id).order_by(col(Consent.id))
        )
        return list((await uow.session.exec(statement)).all())


async def requests_of(world: World) -> list[Request]:
    """Every request stored, oldest first."""
    async with world.core.db.uow() as uow:
        return list((await uow.session.exec(select(Request).order_by(col(Request.id)))).all())


async def session_of(world: World, request_id: int) -> ConsultingSession:
    """The session of a request."""
    async with world.core.db.uow() as uow:
        statement = select(ConsultingSession).where(ConsultingSession.request_id == request_id)
        session = (await uow.session.exec(statement)).first()
        assert session is not None
        return session


async def support_chat(world: World, **company: object) -> tuple[int, int]:
    """A linked client opens a support chat (staff registered): (request id, session id)."""
    linked = await given_company(world, **company)  # type: ignore[arg-type]
    await given_staff(world)
    await linked_client(world, linked)
    await support.begin_support(world.core, CLIENT)
    [*_, request] = await requests_of(world)
    assert request.id is not None
    session = await session_of(world, request.id)
    assert session.id is not None
    return request.id, session.id
