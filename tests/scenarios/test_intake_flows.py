"""SPEC 3 and 5.6: after the consent, the queue inside opening hours, a booking outside them."""

from __future__ import annotations

import asyncio
from datetime import datetime

from core import intake
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError
from core.models import RequestStatus
from tests.scenario import REQUESTS, SAO_PAULO, World
from tests.scenarios.intake_helpers import (
    CLIENT,
    actions,
    ask_consulting,
    consents,
    given_company,
    given_staff,
    labels,
    last_message,
    linked_client,
    load_request,
    to_terms_card,
)


async def test_a_client_who_accepts_inside_hours_joins_the_queue(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_staff(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    await intake.accept_terms(world.core, CLIENT, request_id)

    request = await load_request(world, request_id)
    assert request.status == RequestStatus.QUEUED
    assert request.queued_at == world.clock.now()
    queue_card = await last_message(world, CLIENT)
    assert actions(queue_card) == [f"leave:{request_id}", f"tobook:{request_id}"]
    card = await last_message(world, REQUESTS)
    assert actions(card) == [f"claim:{request_id}"]


async def test_a_client_asking_on_saturday_hears_when_it_opens_before_any_terms(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO))
    world = World.build(db, clock)
    company = await given_company(world)
    await given_staff(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)

    assert await consents(world, request_id) == []
    texts = [m.text for m in await world.outbox(CLIENT)]
    assert any(
        "Estamos fora do horário de atendimento agora. Abrimos segunda-feira, 30/11/2026 às 08:00"
        in text
        for text in texts
    )
    assert not any(
        action.startswith("terms_ok") for m in await world.outbox(CLIENT) for action in actions(m)
    )
    offer = await last_message(world, CLIENT)
    assert "Escolha o dia" in offer.text
    assert actions(offer)[0].startswith("bday:20261130")
    request = await load_request(world, request_id)
    assert request.status == RequestStatus.DRAFT and request.queued_at is None
    assert await world.outbox(REQUESTS) == []


async def test_terms_shown_before_closing_and_accepted_after_it_offer_a_booking(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 27, 17, 58, tzinfo=SAO_PAULO))  # a Friday
    world = World.build(db, clock)
    company = await given_company(world)
    await given_staff(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    world.advance(minutes=4)  # 18:02

    await intake.accept_terms(world.core, CLIENT, request_id)

    [consent] = await consents(world, request_id)
    assert consent.accepted
    texts = [m.text for m in await world.outbox(CLIENT)]
    assert any("Abrimos segunda-feira, 30/11/2026 às 08:00" in text for text in texts)
    assert actions(await last_message(world, CLIENT))[0].startswith("bday:20261130")
    assert (await load_request(world, request_id)).status == RequestStatus.DRAFT
    assert await world.outbox(REQUESTS) == []


async def test_a_client_already_waiting_cannot_ask_twice(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    await intake.accept_terms(world.core, CLIENT, request_id)
    await intake.begin_consulting(world.core, CLIENT)
    assert (
        f"Você já está na fila com o pedido {request_id}"
        in (await last_message(world, CLIENT)).text
    )
    await intake.handle_text(world.core, CLIENT, "ainda estou esperando")
    assert "Você continua na fila" in (await last_message(world, CLIENT)).text
    assert (await load_request(world, request_id)).status == RequestStatus.QUEUED


async def test_cancel_takes_a_waiting_client_out_of_the_queue(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    await intake.accept_terms(world.core, CLIENT, request_id)
    await intake.cancel_current(world.core, CLIENT)
    assert (await load_request(world, request_id)).status == RequestStatus.LEFT


async def test_two_simultaneous_clicks_on_aceito_record_one_consent(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await linked_client(world, company)
    request_id = await to_terms_card(world)
    results = await asyncio.gather(
        *(
            intake.accept_terms(world.core, CLIENT, request_id, inbound=("telegram", str(key)))
            for key in (1, 2)
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, BusinessError)]
    assert [r.key for r in refused] == ["intake.expired"]
    assert len(await consents(world, request_id)) == 1
    assert (await load_request(world, request_id)).status == RequestStatus.QUEUED


async def test_an_english_client_reads_the_areas_in_english(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, area_names={"en": {"Estoque": "Stock"}})
    company = await given_company(world)
    await intake.start(world.core, CLIENT, code=company.access_code, name="Ann", language="en")
    request_id = await ask_consulting(world)
    shown = labels(await last_message(world, CLIENT))
    assert shown[:7] == [
        "Manufacturing",
        "Procurement",
        "Stock",  # the configured name wins over the default
        "Costs",
        "Sales",
        "Finance",
        "Administration",
    ]
    await intake.choose_area(world.core, CLIENT, request_id, 3)
    assert "Costs" in (await last_message(world, CLIENT)).text
    assert (await load_request(world, request_id)).area == "Custos", "stored as configured"


async def test_a_portuguese_client_reads_the_areas_as_configured(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, area_names={"en": {"Estoque": "Stock"}})
    company = await given_company(world)
    await linked_client(world, company)
    await ask_consulting(world)
    assert labels(await last_message(world, CLIENT))[:4] == [
        "Manufatura",
        "Suprimentos",
        "Estoque",
        "Custos",
    ]
