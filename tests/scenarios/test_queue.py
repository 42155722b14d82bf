"""SPEC 5 step 6 and SPEC 6: joining the queue, FIFO by area, positions and estimated waits."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.cards import POSITION_REFRESH, QUEUE_CARD, REQUEST_CARD, REQUEST_OFFER, UNANSWERED
from core.clock import ManualClock
from core.db import Database
from core.models import RequestStatus
from core.queue import claim_request, leave_queue
from core.sessions import end_session
from tests.scenario import REQUESTS, SAO_PAULO, World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    latest,
    load_request,
    pending_timers,
    queued_client,
    rows,
    run_timers,
    slack_user,
    standing,
)


async def test_a_client_who_accepts_inside_hours_joins_the_queue(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    request_id = await queued_client(world, company, 1, area="Custos")

    request = await load_request(world, request_id)
    assert request.status == RequestStatus.QUEUED
    assert request.queued_at == clock.now()

    card = await latest(world, REQUEST_CARD, request_id)
    assert card.title == f"Solicitação #{request_id}: Consultoria Online"
    fields = {field.label: field.value for field in card.fields}
    assert fields == {
        "Empresa": "Metalúrgica Exemplo",
        "Contato": "Cliente 1",
        "Área": "Custos",
        "Descrição": "Como fechar o custo do mês?",
        "Aguardando desde": "10:00",
        "Posição na fila (ao entrar)": "1",
    }
    assert [(c.action, c.label, c.style) for c in card.choices] == [
        (f"claim:{request_id}", "Aceitar", "primary")
    ]
    [card_row] = await rows(world, REQUEST_CARD, request_id)
    assert (card_row.channel, card_row.address) == (REQUESTS.channel, REQUESTS.id)

    queue_card = await latest(world, QUEUE_CARD, request_id)
    assert "Posição: 1" in queue_card.text
    assert "cerca de 30 min (estimativa" in queue_card.text
    assert [c.action for c in queue_card.choices] == [f"leave:{request_id}", f"tobook:{request_id}"]
    assert [c.label for c in queue_card.choices] == ["Sair da fila", "Agendar horário"]
    assert (await world.outbox(client(1)))[-1] == queue_card

    [timer] = await pending_timers(world, UNANSWERED, request_id)
    assert timer.due_at == clock.now() + world.core.config.unanswered_after


async def test_an_area_description_says_nao_sei_when_the_client_did_not_know(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    request_id = await queued_client(world, company, 1, area=None)
    fields = {f.label: f.value for f in (await latest(world, REQUEST_CARD, request_id)).fields}
    assert fields["Área"] == "Não sei"


async def test_free_consultants_of_the_area_are_offered_the_request_by_direct_message(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos", "Estoque"])
    await given_consultant(world, 2, "Carla", ["Comercial"])
    await given_consultant(world, 3, "Davi", ["Custos"], status="ausente")
    await given_consultant(world, 4, "Elisa", ["Custos"], status="ocupado")
    request_id = await queued_client(world, company, 1, area="Custos")

    offers = await rows(world, REQUEST_OFFER, request_id)
    assert [row.address for row in offers] == [slack_user(1)]
    offer = await latest(world, REQUEST_OFFER, request_id)
    assert offer.text.startswith(f"Solicitação #{request_id} aguardando (Custos)")
    assert [c.action for c in offer.choices] == [f"claim:{request_id}"]


async def test_a_request_of_unknown_area_is_offered_to_every_free_consultant(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    await given_consultant(world, 2, "Carla", ["Comercial"])
    request_id = await queued_client(world, company, 1, area=None)
    offers = await rows(world, REQUEST_OFFER, request_id)
    assert sorted(row.address for row in offers) == [slack_user(1), slack_user(2)]


async def test_positions_count_the_requests_ahead_that_compete_for_the_same_consultants(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    custos = await queued_client(world, company, 1, area="Custos")
    comercial = await queued_client(world, company, 2, area="Comercial")
    unknown = await queued_client(world, company, 3, area=None)
    custos_2 = await queued_client(world, company, 4, area="Custos")

    positions = [
        (await standing(world, r)).position for r in (custos, comercial, unknown, custos_2)
    ]
    # Comercial competes with nobody ahead; "não sei" with everyone; the second Custos with
    # the first Custos and the "não sei" request.
    assert positions == [1, 1, 3, 3]
    for request_id, position in zip((custos, comercial, unknown, custos_2), positions, strict=True):
        assert f"Posição: {position}\n" in (await latest(world, QUEUE_CARD, request_id)).text


async def test_the_estimated_wait_divides_the_position_among_the_consultants_of_the_area(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], status="ocupado")
    await given_consultant(world, 2, "Carla", ["Custos"], status="ocupado")
    await given_consultant(world, 3, "Davi", ["Custos"], status="ausente")
    waiting = [await queued_client(world, company, n, area="Custos") for n in (1, 2, 3)]
    # Two consultants serve Custos (the away one does not count); 30 min per session by default.
    assert [(await standing(world, r)).wait_minutes for r in waiting] == [30, 30, 60]
    assert (
        "Espera estimada: cerca de 1 h 00 min" in (await latest(world, QUEUE_CARD, waiting[2])).text
    )


async def test_the_estimated_wait_follows_the_length_of_recent_sessions(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    result = await claim_request(world.core, first, slack_user(1))
    assert result.session_id is not None
    world.advance(minutes=45)
    await end_session(world.core, result.session_id, by=slack_user(1))
    second = await queued_client(world, company, 2)
    assert (await standing(world, second)).wait_minutes == 45


async def test_a_client_in_position_2_is_told_when_they_move_to_1(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    assert "Posição: 2" in (await latest(world, QUEUE_CARD, second)).text
    world.advance(minutes=2)

    await leave_queue(world.core, client(1), first)

    [original, edit] = await rows(world, QUEUE_CARD, second)
    assert edit.edit_of_id == original.id
    assert "Posição: 1" in (await latest(world, QUEUE_CARD, second)).text
    assert (await load_request(world, second)).notified_position == 1


async def test_position_updates_are_not_sent_more_often_than_the_interval(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, position_update_interval=timedelta(seconds=60))
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    third = await queued_client(world, company, 3)
    world.advance(minutes=2)
    await leave_queue(world.core, client(1), first)
    assert "Posição: 2" in (await latest(world, QUEUE_CARD, third)).text
    world.advance(seconds=10)
    await leave_queue(world.core, client(2), second)

    # Too soon for a second edit: one now, the next by the refresh timer.
    assert len(await rows(world, QUEUE_CARD, third)) == 2
    [refresh] = await pending_timers(world, POSITION_REFRESH, third)
    assert refresh.due_at == clock.now() - timedelta(seconds=10) + timedelta(seconds=60)
    world.advance(seconds=49)
    await run_timers(world)
    assert len(await rows(world, QUEUE_CARD, third)) == 2
    world.advance(seconds=1)
    await run_timers(world)
    assert len(await rows(world, QUEUE_CARD, third)) == 3
    assert "Posição: 1" in (await latest(world, QUEUE_CARD, third)).text


async def test_the_estimate_leaves_lunch_and_closing_out(db: Database, clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 27, 11, 20, tzinfo=SAO_PAULO))  # Friday, before lunch
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    assert "Espera estimada: cerca de 30 min" in (await latest(world, QUEUE_CARD, first)).text
    second = await queued_client(world, company, 2)  # 60 open minutes: past 12:00
    assert "Espera estimada: a partir de 13:50" in (await latest(world, QUEUE_CARD, second)).text

    clock.set(datetime(2026, 11, 27, 17, 45, tzinfo=SAO_PAULO))
    third = await queued_client(world, company, 3)
    card = (await latest(world, QUEUE_CARD, third)).text
    assert "a partir de segunda-feira, 30/11/2026 às" in card
