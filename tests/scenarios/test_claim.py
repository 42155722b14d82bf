"""SPEC 6: the first *Aceitar* wins; the session opens, the client is told, the card shows who."""

from __future__ import annotations

import pytest

from core.cards import QUEUE_CARD, REQUEST_CARD, REQUEST_OFFER, UNANSWERED
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, Conflict, NotFound
from core.models import ConsultantStatus, RequestStatus, SessionStatus
from core.queue import claim_request, leave_queue
from core.sessions import SESSION_CONTROLS
from tests.scenario import REQUESTS, World
from tests.scenarios.queue_helpers import (
    client,
    consultant,
    given_company,
    given_consultant,
    latest,
    load_request,
    pending_timers,
    queued_client,
    rows,
    sessions,
    slack_user,
    standing,
)


async def test_claiming_opens_the_session_tells_the_client_and_updates_the_card(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    first = await queued_client(world, company, 1)
    second = await queued_client(world, company, 2)
    world.advance(minutes=4)

    result = await claim_request(world.core, first, slack_user(1), inbound=("slack", "act-1"))

    assert result.won and result.taken_by_name == "Bruno Consultor"
    [session] = await sessions(world)
    assert result.session_id == session.id
    assert session.status == SessionStatus.OPEN
    assert session.billing_started_at == clock.now()  # queue waiting is never billed
    request = await load_request(world, first)
    assert request.status == RequestStatus.IN_SESSION
    assert request.taken_at == clock.now()

    told = (await world.outbox(client(1)))[-1]
    assert told.text.startswith("Bruno Consultor vai fazer o seu atendimento agora.")
    assert [c.action for c in told.choices] == [f"client_end:{session.id}", f"invite:{session.id}"]
    queue_card = await latest(world, QUEUE_CARD, first)
    assert (queue_card.text, queue_card.choices) == ("Atendimento iniciado às 10:04.", ())

    card = await latest(world, REQUEST_CARD, first)
    assert card.text == "Aceito por Bruno Consultor às 10:04."
    assert card.choices == ()
    [original, edit] = await rows(world, REQUEST_CARD, first)
    assert edit.edit_of_id == original.id
    [post] = await rows(world, SESSION_CONTROLS, session.id or 0)
    assert post.payload["thread_of"] == original.id
    assert "Sessão iniciada às 10:04: Bruno Consultor atende Cliente 1" in post.payload["text"]
    assert post.payload["choices"][0]["action"] == f"end:{session.id}"
    offer = await latest(world, REQUEST_OFFER, first)
    assert offer.text == f"Solicitação #{first}: aceita por Bruno Consultor."

    assert await pending_timers(world, UNANSWERED, first) == []
    assert (await consultant(world, 1)).status == ConsultantStatus.BUSY
    assert (await standing(world, second)).position == 1


async def test_the_session_thread_is_the_request_card(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    await given_consultant(world, 2, "Carla", ["Custos"])
    early = await queued_client(world, company, 1)
    late = await queued_client(world, company, 2)
    await world.deliver()  # the first card is out before its claim
    await claim_request(world.core, early, slack_user(1))
    late_card = await latest(world, REQUEST_CARD, late)
    await claim_request(world.core, late, slack_user(2))
    await world.deliver()  # the second card's ts comes back after the claim

    by_request = {s.request_id: s for s in await sessions(world)}
    for request_id in (early, late):
        [card, *_] = await rows(world, REQUEST_CARD, request_id)
        session = by_request[request_id]
        assert (session.thread_channel, session.thread_ref) == (REQUESTS.id, card.platform_ref)
    assert late_card.choices  # the card offered Aceitar until then


async def test_a_second_consultant_is_told_who_took_the_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    await given_consultant(world, 2, "Carla", ["Custos"])
    first = await queued_client(world, company, 1)
    await claim_request(world.core, first, slack_user(1))

    lost = await claim_request(world.core, first, slack_user(2))

    assert (lost.won, lost.session_id, lost.taken_by_name) == (False, None, "Bruno")
    answer = (await world.outbox(REQUESTS))[-1]
    assert answer.text == f"O pedido #{first} já foi aceito por Bruno."
    assert answer.ephemeral_to == slack_user(2)
    assert len(await sessions(world)) == 1


async def test_a_repeated_claim_delivery_acts_once(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    won = await claim_request(world.core, first, slack_user(1), inbound=("slack", "a1"))
    before = len(await world.outbox())
    again = await claim_request(world.core, first, slack_user(1), inbound=("slack", "a1"))
    assert again == won
    assert len(await world.outbox()) == before


async def test_a_claim_on_a_request_that_left_the_queue_is_refused(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    await leave_queue(world.core, client(1), first)
    with pytest.raises(BusinessError) as refused:
        await claim_request(world.core, first, slack_user(1))
    assert refused.value.render("pt-BR") == "Esta solicitação não está mais na fila."
    assert await sessions(world) == []


async def test_only_a_registered_consultant_can_claim(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    first = await queued_client(world, company, 1)
    with pytest.raises(NotFound) as unknown:
        await claim_request(world.core, first, "U0NOBODY")
    assert "não está cadastrado como consultor" in unknown.value.render("pt-BR")
    assert (await load_request(world, first)).status == RequestStatus.QUEUED


async def test_a_consultant_may_take_a_request_of_another_area(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Comercial"])
    first = await queued_client(world, company, 1, area="Custos")
    assert await rows(world, REQUEST_OFFER, first) == []  # not offered: not their area
    assert (await claim_request(world.core, first, slack_user(1))).won


async def test_a_consultant_takes_at_most_their_limit_of_sessions_at_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], max_sessions=2)
    requests = [await queued_client(world, company, n) for n in (1, 2, 3)]

    assert (await claim_request(world.core, requests[0], slack_user(1))).won
    assert (await consultant(world, 1)).status == ConsultantStatus.AVAILABLE
    assert (await claim_request(world.core, requests[1], slack_user(1))).won
    assert (await consultant(world, 1)).status == ConsultantStatus.BUSY
    with pytest.raises(Conflict) as limit:
        await claim_request(world.core, requests[2], slack_user(1))
    assert limit.value.render("pt-BR").startswith("Você já está no limite de 2 atendimentos")
    assert (await load_request(world, requests[2])).status == RequestStatus.QUEUED
    assert len(await sessions(world)) == 2


async def test_a_consultant_under_the_limit_is_offered_new_requests(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], max_sessions=2)
    first = await queued_client(world, company, 1)
    await claim_request(world.core, first, slack_user(1))
    second = await queued_client(world, company, 2)
    assert [r.address for r in await rows(world, REQUEST_OFFER, second)] == [slack_user(1)]
    await claim_request(world.core, second, slack_user(1))
    third = await queued_client(world, company, 3)
    assert await rows(world, REQUEST_OFFER, third) == []
