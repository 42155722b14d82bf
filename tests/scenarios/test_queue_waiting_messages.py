"""What a queued client writes is kept with the request and read by whoever accepts it."""

from __future__ import annotations

from core import intake
from core.clock import ManualClock
from core.db import Database
from core.outbox import REQUEST_CARD
from core.queue import claim_request
from core.sessions import RELAY
from tests.scenario import World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    queued_client,
    rows,
    slack_user,
)
from tests.scenarios.sessions_helpers import thread_of


async def test_a_message_written_while_queued_reaches_the_consultant_who_accepts(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    request_id = await queued_client(world, company, 1)
    await world.deliver()  # the request card is out: its thread exists

    await intake.handle_text(world.core, client(1), "É urgente: o fechamento é hoje.")

    told = (await world.outbox(client(1)))[-1].text
    assert told.startswith(f"Recebido! Sua mensagem fica junto com o pedido {request_id}")
    [kept] = await rows(world, RELAY, request_id)
    assert "Cliente 1: É urgente: o fechamento é hoje." in kept.payload["text"]

    result = await claim_request(world.core, request_id, slack_user(1))
    assert result.session_id is not None
    thread = await world.outbox(await thread_of(world, result.session_id))
    assert any("É urgente: o fechamento é hoje." in m.text for m in thread)


async def test_a_message_before_the_card_is_out_waits_for_its_thread(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    request_id = await queued_client(world, company, 1)

    await intake.handle_text(world.core, client(1), "Mais um detalhe: é no módulo de custos.")

    [card] = await rows(world, REQUEST_CARD, request_id)
    [kept] = await rows(world, RELAY, request_id)
    assert kept.payload["thread_of"] == card.id, "threaded under the request card"
    assert "módulo de custos" in kept.payload["text"]


async def test_nothing_typed_still_says_where_the_client_stands(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    request_id = await queued_client(world, company, 1)

    await intake.handle_text(world.core, client(1), "   ")

    assert (
        f"Você já está na fila com o pedido {request_id}"
        in (await world.outbox(client(1)))[-1].text
    )
    assert await rows(world, RELAY, request_id) == []
