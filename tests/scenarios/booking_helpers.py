"""Helpers for the booking scenarios: a cast set up through the real admin and intake services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import col, select

from core import intake
from core.booking import TIMER_HANDLERS, Actor, BookingOrder
from core.companies import add_company
from core.consultants import add_consultant
from core.contacts import find_contact
from core.models import Booking, Timer, TimerStatus
from core.outbox import Address
from core.staff import grant_role
from core.terms import ensure_default_terms
from tests.scenario import SAO_PAULO, World
from tests.scenarios.common_helpers import actions as actions
from tests.scenarios.common_helpers import last as last
from tests.scenarios.common_helpers import texts as texts

CLIENT = Address("telegram", "7001")
OTHER_CLIENT = Address("telegram", "7002")
SECRETARY = "U0SECRET"
BRUNO = "U0BRUNO"
CARLA = "U0CARLA"
OUTSIDER = "U0NOBODY"
TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)
CHRISTMAS = date(2026, 12, 25)
SECRETARY_ACTOR = Actor.staff(SECRETARY)


def at(day: date, hh_mm: str) -> datetime:
    """A São Paulo wall-clock time on ``day``."""
    hours, minutes = (int(part) for part in hh_mm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=SAO_PAULO)


@dataclass(frozen=True)
class Cast:
    """Who the booking scenarios are about."""

    company_id: int
    contact_id: int
    other_company_id: int
    bruno_id: int
    carla_id: int

    @property
    def client(self) -> Actor:
        """The client acting for themselves."""
        return Actor.client(self.contact_id)


BRUNO_DM = Address("slack", BRUNO)
CARLA_DM = Address("slack", CARLA)


async def given_cast(world: World) -> Cast:
    """Two companies, a linked client, a secretary, Bruno and Carla (both of Custos)."""
    areas = list(world.core.config.areas)
    async with world.core.db.uow() as uow:
        await ensure_default_terms(uow, world.clock)
        company = await add_company(
            uow,
            world.clock,
            name="Metalúrgica Exemplo",
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=18000,
            lines=world.core.config.product_lines,
        )
        other = await add_company(
            uow,
            world.clock,
            name="Têxtil Modelo",
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=20000,
            lines=world.core.config.product_lines,
        )
        await grant_role(uow, world.clock, SECRETARY, "secretary", "Sara Secretária")
        bruno = await add_consultant(
            uow,
            world.clock,
            staff_key=BRUNO,
            name="Bruno Consultor",
            areas=["Custos", "Estoque"],
            known_areas=areas,
        )
        carla = await add_consultant(
            uow,
            world.clock,
            staff_key=CARLA,
            name="Carla Consultora",
            areas=["Custos", "Financeiro"],
            known_areas=areas,
        )
        await uow.commit()
    await intake.start(world.core, CLIENT, code=company.access_code, name="Ana Cliente")
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, CLIENT)
    assert contact is not None and contact.id is not None
    assert company.id and other.id and bruno.id and carla.id
    return Cast(company.id, contact.id, other.id, bruno.id, carla.id)


async def secretary_books(
    world: World,
    cast: Cast,
    starts_at: datetime,
    *,
    minutes: int = 60,
    consultant_id: int | None = None,
    medium: str = "Telefone",
    alternative_hours: bool = False,
    area: str | None = "Custos",
) -> int:
    """A secretary books a session for the client."""
    from core.booking import book

    return await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            area=area,
            consultant_id=consultant_id,
            starts_at=starts_at,
            duration=timedelta(minutes=minutes),
            medium=medium,
            alternative_hours=alternative_hours,
        ),
        by=SECRETARY_ACTOR,
    )


async def load_booking(world: World, booking_id: int) -> Booking:
    """The booking as stored now."""
    async with world.core.db.uow() as uow:
        booking = await uow.session.get(Booking, booking_id)
        assert booking is not None
        return booking


async def bookings(world: World) -> list[Booking]:
    """Every booking stored, oldest first."""
    async with world.core.db.uow() as uow:
        return list((await uow.session.exec(select(Booking).order_by(col(Booking.id)))).all())


async def pending_timers(world: World, booking_id: int) -> list[tuple[str, datetime]]:
    """The booking's pending timers as (kind, due local time), by due time."""
    async with world.core.db.uow() as uow:
        rows = await uow.session.exec(
            select(Timer)
            .where(Timer.subject_id == booking_id, Timer.status == TimerStatus.PENDING)
            .where(col(Timer.kind).startswith("booking."))
            .order_by(col(Timer.due_at))
        )
        return [(timer.kind, timer.due_at.astimezone(SAO_PAULO)) for timer in rows.all()]


async def run_booking_timers(world: World) -> int:
    """Run the due booking timers through the real timer loop."""
    return await world.run_timers(TIMER_HANDLERS)


async def given_other_client(world: World, cast: Cast, *, language: str | None = None) -> int:
    """A client of the other company, linked through its deep link; their contact id."""
    from core.companies import get_company

    async with world.core.db.uow() as uow:
        company = await get_company(uow, cast.other_company_id)
    await intake.start(
        world.core, OTHER_CLIENT, code=company.access_code, name="Otto Cliente", language=language
    )
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, OTHER_CLIENT)
    assert contact is not None and contact.id is not None
    return contact.id
