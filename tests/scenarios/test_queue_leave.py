"""SPEC 5 step 6: the client may leave the queue or switch to a booking; the others move up."""

from __future__ import annotations

import pytest

from core import intake
from core.cards import POSITION_REFRESH, QUEUE_CARD, REQUEST_CARD, REQUEST_OFFER, UNANSWERED
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, NotFound
from core.models import RequestStatus
from core.queue import leave_queue, switch_to_booking
from tests.scenario import World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    latest,
    load_request,
    pending_timers,
    queued_client,
    standing,
)


async def test_leaving_the_queue_closes_the_cards_and_moves_the_others_up(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], max_sessions=2)
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    world.advance(minutes=5)

    await leave_queue(world.core, client(1), first, inbound=("telegram", "upd-1"))

    request = await load_request(world, first)
    assert request.status == RequestStatus.LEFT
    assert request.closed_at == clock.now()
    said = await world.outbox(client(1))
    assert said[-1].text.startswith("Você saiu da fila. Nada foi cobrado.")
    queue_card = await latest(world, QUEUE_CARD, first)
    assert queue_card.text == "Você saiu da fila às 10:05."
    assert queue_card.choices == ()
    card = await latest(world, REQUEST_CARD, first)
    assert card.text == "O cliente saiu da fila às 10:05."
    assert card.choices == ()
    assert card.fields  # the card keeps who and what
    offer = await latest(world, REQUEST_OFFER, first)
    assert offer.text == f"Solicitação #{first}: o cliente saiu da fila."
    assert offer.choices == ()
    assert await pending_timers(world, UNANSWERED, first) == []
    assert await pending_timers(world, POSITION_REFRESH, first) == []
    assert (await standing(world, second)).position == 1
    assert "Posição: 1" in (await latest(world, QUEUE_CARD, second)).text


async def test_a_repeated_leave_delivery_acts_once(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    await leave_queue(world.core, client(1), first, inbound=("telegram", "upd-9"))
    before = len(await world.outbox())
    await leave_queue(world.core, client(1), first, inbound=("telegram", "upd-9"))
    assert len(await world.outbox()) == before


async def test_leaving_twice_or_someone_elses_request_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    await queued_client(world, company, 2)
    with pytest.raises(NotFound) as not_yours:
        await leave_queue(world.core, client(2), first)
    assert not_yours.value.render("pt-BR") == f"Solicitação {first} não encontrada."
    await leave_queue(world.core, client(1), first)
    with pytest.raises(BusinessError) as gone:
        await leave_queue(world.core, client(1), first)
    assert gone.value.render("pt-BR") == "Esta solicitação não está mais na fila."


async def test_cancelar_leaves_the_queue(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    await intake.cancel_current(world.core, client(1))
    assert (await load_request(world, first)).status == RequestStatus.LEFT


async def test_switching_to_a_booking_leaves_the_queue_and_offers_times(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], status="ocupado")
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    world.advance(minutes=1)

    await switch_to_booking(world.core, client(1), first)

    assert (await load_request(world, first)).status == RequestStatus.LEFT
    queue_card = await latest(world, QUEUE_CARD, first)
    assert queue_card.text == "Você saiu da fila às 10:01 para agendar um horário."
    card = await latest(world, REQUEST_CARD, first)
    assert card.text == "O cliente saiu da fila às 10:01 para agendar um horário."
    # The booking part takes over: the next message to the client offers days to choose.
    offer = (await world.outbox(client(1)))[-1]
    assert offer.text == "Escolha o dia da sua Consultoria Online:"
    assert offer.choices[0].action == "bday:20261123"
    assert (await standing(world, second)).position == 1
