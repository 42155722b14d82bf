"""Bookings refused with a clear reason (SPEC 7): nothing is stored when a booking is refused."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.booking import Actor, BookingOrder, book
from core.clock import ManualClock
from core.companies import add_company, update_company
from core.db import Database
from core.errors import BusinessError
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    BRUNO,
    CARLA,
    CHRISTMAS,
    OUTSIDER,
    SECRETARY_ACTOR,
    TUESDAY,
    at,
    bookings,
    given_cast,
    load_booking,
    secretary_books,
)


async def _refusal(world: World, **kwargs: object) -> str:
    """Try a booking; the reason shown to the person (in pt-BR); nothing stored."""
    before = len(await bookings(world))
    by = kwargs.pop("by")
    with pytest.raises(BusinessError) as refused:
        await book(world.core, BookingOrder(**kwargs), by=by)  # type: ignore[arg-type]
    assert len(await bookings(world)) == before
    return refused.value.render("pt-BR")


async def test_a_booking_in_the_past_is_refused(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    monday = clock.now().date()
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=cast.company_id,
        contact_id=cast.contact_id,
        starts_at=at(monday, "09:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "23/11/2026 09:00 já passou" in reason


async def test_outside_hours_without_the_agreement_mark_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=cast.company_id,
        contact_id=cast.contact_id,
        starts_at=at(TUESDAY, "19:00"),
        duration=timedelta(minutes=60),
        medium="Telefone",
    )
    assert "fora do horário de atendimento" in reason
    assert "08:00–12:00, 13:30–18:00" in reason
    assert "horário alternativo acordado" in reason


async def test_a_holiday_is_refused_by_name(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=cast.company_id,
        starts_at=at(CHRISTMAS, "10:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "25/12/2026" in reason
    assert "Natal" in reason


async def test_outside_hours_with_the_mark_by_a_secretary_is_booked(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    booking_id = await secretary_books(
        world, cast, at(TUESDAY, "19:00"), alternative_hours=True, consultant_id=cast.bruno_id
    )
    booking = await load_booking(world, booking_id)
    assert booking.alternative_hours
    assert booking.consultant_id == cast.bruno_id


async def test_a_client_cannot_mark_alternative_hours(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=cast.client,
        company_id=cast.company_id,
        starts_at=at(TUESDAY, "19:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
        alternative_hours=True,
    )
    assert "Somente consultores e secretárias" in reason


async def test_a_consultant_already_booked_is_refused_naming_the_time(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    first = await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id)
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=cast.other_company_id,
        consultant_id=cast.bruno_id,
        starts_at=at(TUESDAY, "14:30"),
        duration=timedelta(minutes=30),
        medium="TeamViewer",
    )
    assert f"Bruno Consultor já tem o agendamento nº {first} em 24/11/2026 14:00–15:00" in reason


async def test_with_nobody_of_the_area_free_the_booking_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.bruno_id)
    await secretary_books(world, cast, at(TUESDAY, "14:00"), consultant_id=cast.carla_id)
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=cast.other_company_id,
        area="Custos",
        starts_at=at(TUESDAY, "14:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "Nenhum consultor da área Custos está livre em 24/11/2026 14:00–14:30" in reason


async def test_an_unknown_company_is_refused(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    reason = await _refusal(
        world,
        by=SECRETARY_ACTOR,
        company_id=999,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert reason == "Empresa 999 não encontrada."


async def test_an_inactive_company_or_an_unserved_product_line_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    async with world.core.db.uow() as uow:
        await update_company(uow, clock, cast.other_company_id, active=False)
        shop = await add_company(
            uow,
            clock,
            name="Loja",
            cnpj=None,
            product_line="Varejo",
            hourly_rate_cents=9000,
            lines=world.core.config.product_lines,
        )
        await uow.commit()
    common = {
        "by": SECRETARY_ACTOR,
        "starts_at": at(TUESDAY, "10:00"),
        "duration": timedelta(minutes=30),
        "medium": "Telefone",
    }
    inactive = await _refusal(world, company_id=cast.other_company_id, **common)
    assert "não está ativa" in inactive
    unserved = await _refusal(world, company_id=shop.id, **common)
    assert "ainda não está disponível para a linha de produto Varejo" in unserved


async def test_unknown_media_and_durations_are_refused_and_short_forms_accepted(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    common = {"by": SECRETARY_ACTOR, "company_id": cast.company_id, "contact_id": cast.contact_id}
    medium = await _refusal(
        world,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=30),
        medium="Zoom",
        **common,
    )
    assert "Meio desconhecido: Zoom" in medium
    odd = await _refusal(
        world, starts_at=at(TUESDAY, "10:00"), duration=timedelta(minutes=45), medium="tv", **common
    )
    assert "múltiplos de 30 minutos" in odd
    long = await _refusal(
        world, starts_at=at(TUESDAY, "08:00"), duration=timedelta(hours=5), medium="tv", **common
    )
    assert "até 240 minutos" in long
    booking_id = await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            starts_at=at(TUESDAY, "10:00"),
            duration=timedelta(minutes=30),
            medium="ts",
        ),
        by=SECRETARY_ACTOR,
    )
    assert (await load_booking(world, booking_id)).medium == "Terminal Service com acesso remoto"


async def test_someone_not_a_secretary_cannot_book_for_a_client(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=Actor.staff(OUTSIDER),
        company_id=cast.company_id,
        contact_id=cast.contact_id,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "Somente secretárias" in reason


async def test_a_consultant_books_for_themselves_but_not_for_a_colleague(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=Actor.staff(BRUNO),
        company_id=cast.company_id,
        contact_id=cast.contact_id,
        consultant_id=cast.carla_id,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "Consultores só podem agendar sessões com eles mesmos" in reason
    booking_id = await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            starts_at=at(TUESDAY, "10:00"),
            duration=timedelta(minutes=30),
            medium="Telefone",
        ),
        by=Actor.staff(CARLA),
    )
    assert (await load_booking(world, booking_id)).consultant_id == cast.carla_id


async def test_a_client_books_only_for_their_own_company(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    reason = await _refusal(
        world,
        by=cast.client,
        company_id=cast.other_company_id,
        starts_at=at(TUESDAY, "10:00"),
        duration=timedelta(minutes=30),
        medium="Telefone",
    )
    assert "não é da empresa Têxtil Modelo" in reason


async def test_without_a_consultant_named_the_least_booked_free_one_is_chosen(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await secretary_books(world, cast, at(TUESDAY, "08:00"), consultant_id=cast.bruno_id)
    chosen = await secretary_books(world, cast, at(TUESDAY, "10:00"), area="Custos")
    assert (await load_booking(world, chosen)).consultant_id == cast.carla_id


async def test_two_simultaneous_bookings_of_one_consultant_and_time_one_wins(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)

    async def attempt(company_id: int) -> int | BusinessError:
        try:
            return await book(
                world.core,
                BookingOrder(
                    company_id=company_id,
                    consultant_id=cast.bruno_id,
                    starts_at=at(TUESDAY, "15:00"),
                    duration=timedelta(minutes=60),
                    medium="Telefone",
                ),
                by=SECRETARY_ACTOR,
            )
        except BusinessError as error:
            return error

    results = await asyncio.gather(*(attempt(cast.other_company_id) for _ in range(8)))
    booked = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, BusinessError)]
    assert len(booked) == 1
    assert {error.key for error in refused} == {"booking.conflict"}
    assert [b.id for b in await bookings(world)] == booked
