"""Issue 12 point 2: a converted support chat is handed over to a free consultant of its area.

The attendant picks the area (or keeps the client when they are a consultant of it); on the
client's acceptance the request waits for the consultants of that area ahead of everyone who came
later; the consultant's thread carries the support conversation so far; the claim takes the same
conversation over with the full controls, and billing runs from the claim.
"""

from __future__ import annotations

import pytest

from core import intake, sessions, support
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, Conflict, Forbidden, InvalidInput
from core.models import RequestKind, RequestStatus, SessionStatus
from core.outbox import Address
from core.queue import claim_request, set_status
from core.sessions import relay_from_staff
from tests.scenario import REQUESTS, SUPPORT, World
from tests.scenarios.common_helpers import actions, load_request
from tests.scenarios.queue_helpers import standing
from tests.scenarios.sessions_helpers import (
    ANA,
    ATTENDANT,
    BETO,
    BRUNO,
    CAIO,
    CARLA,
    DIEGO,
    NAMES,
    Cast,
    billing_records,
    given_cast,
    participants,
    queued,
    stored_session,
)


async def _support_chat(world: World, cast: Cast) -> tuple[int, int]:
    """Ana opens a support chat and talks with Sofia (support): (request id, session id)."""
    await intake.start(world.core, ANA, code=cast.access_code, name=NAMES[ANA])
    await support.begin_support(world.core, ANA)
    await world.deliver()
    card = (await world.outbox(SUPPORT))[-1]
    assert actions(card)[0].startswith("convert:")
    session_id = int(actions(card)[0].split(":")[1])
    session = await stored_session(world, session_id)
    await intake.handle_text(world.core, ANA, "Como apuro o custo médio?")
    await world.deliver()
    thread = await _support_thread(world, session_id)
    await relay_from_staff(world.core, thread, ATTENDANT, "Isso é treinamento: vou encaminhar.")
    return session.request_id, session_id


async def _support_thread(world: World, session_id: int) -> Address:
    session = await stored_session(world, session_id)
    assert session.thread_channel is not None and session.thread_ref is not None
    return Address("slack", session.thread_channel, session.thread_ref)


async def _texts(world: World, to: Address) -> list[str]:
    return [m.text for m in await world.outbox(to)]


async def test_an_accepted_conversion_waits_for_the_area_ahead_of_later_arrivals(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    for consultant in (BRUNO, DIEGO):  # nobody of Custos is free: the requests wait
        await set_status(world.core, consultant, "ausente")
    early = await queued(world, cast, BETO)  # came in before Ana
    world.advance(minutes=1)
    request_id, session_id = await _support_chat(world, cast)
    world.advance(minutes=10)
    late = await queued(world, cast, CAIO)  # came in after Ana
    await support.convert_to_consulting(
        world.core, session_id, by_staff_key=ATTENDANT, area="Custos"
    )
    world.advance(minutes=5)
    await intake.accept_terms(world.core, ANA, request_id)

    request = await load_request(world, request_id)
    assert (request.kind, request.status, request.area) == (
        RequestKind.CONSULTING,
        RequestStatus.QUEUED,
        "Custos",
    )
    assert [(await standing(world, r)).position for r in (early, request_id, late)] == [1, 2, 3]
    session = await stored_session(world, session_id)
    assert (session.kind, session.status) == (RequestKind.SUPPORT, SessionStatus.OPEN)
    assert session.billing_started_at is None, "nothing billed before a consultant takes over"
    told = await _texts(world, ANA)
    assert any("Um consultor (Custos) vai assumir" in text for text in told)
    support_thread = await _support_thread(world, session_id)
    assert "Encaminhado aos consultores (Custos)" in (await _texts(world, support_thread))[-1]

    await world.deliver()
    card = next(m for m in await world.outbox(REQUESTS) if f"claim:{request_id}" in actions(m))
    assert card is not None
    requests_rows = await world.outbox(REQUESTS)
    history = next(m.text for m in requests_rows if m.text.startswith("Conversa no suporte"))
    card_thread = Address("slack", REQUESTS.id, (await load_request(world, request_id)).card_ref)
    assert history in [d.message.text for d in world.slack.to(card_thread)], "in its thread"
    assert "Ana Cliente: Como apuro o custo médio?" in history
    assert "Sofia Suporte: Isso é treinamento: vou encaminhar." in history

    # Meanwhile Ana's messages still reach the attendant, free.
    await intake.handle_text(world.core, ANA, "Obrigada, aguardo.")
    assert "Obrigada, aguardo." in (await _texts(world, support_thread))[-1]


async def test_the_claim_takes_the_conversation_over_and_bills_from_the_claim(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    request_id, session_id = await _support_chat(world, cast)
    await support.convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT)
    await intake.accept_terms(world.core, ANA, request_id)
    await world.deliver()
    old_thread = await _support_thread(world, session_id)
    world.advance(minutes=4)

    result = await claim_request(world.core, request_id, BRUNO)
    assert result.won and result.session_id == session_id, "the same conversation goes on"
    claimed_at = world.clock.now()
    await world.deliver()
    session = await stored_session(world, session_id)
    assert (session.kind, session.consultant_id) == (
        RequestKind.CONSULTING,
        cast.consultant_ids[BRUNO],
    )
    assert session.billing_started_at == claimed_at
    assert session.thread_channel == REQUESTS.id, "the thread moved to the request card's"
    now_in = {(p.staff_key, p.role) for p in await participants(world, session_id) if not p.left_at}
    assert now_in == {(BRUNO, "lead")}, "the attendant handed over"
    thread = Address("slack", session.thread_channel or "", session.thread_ref)
    started = world.slack.to(thread)[-1].message
    assert "Bruno Lima" in started.text
    assert {f"{v}:{session_id}" for v in ("end", "specialist", "transfer", "onsite")} <= set(
        actions(started)
    )
    assert "Bruno Lima" in (await _texts(world, ANA))[-1]
    assert "Bruno Lima assumiu o atendimento" in (await _texts(world, old_thread))[-1]

    await relay_from_staff(world.core, thread, BRUNO, "Vamos ao custo médio.")
    assert (await _texts(world, ANA))[-1] == "Bruno Lima: Vamos ao custo médio."
    world.advance(minutes=40)
    await sessions.end_session(world.core, session_id, by=BRUNO)
    [record] = await billing_records(world)
    assert record.started_at == claimed_at
    assert (record.minutes, record.periods) == (40, 2)
    assert record.consultant_id == cast.consultant_ids[BRUNO]


async def test_an_attendant_who_consults_the_area_may_keep_the_client(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    request_id, session_id = await _support_chat(world, cast)
    with pytest.raises(Forbidden):  # Sofia is no consultant
        await support.convert_to_consulting(
            world.core, session_id, by_staff_key=ATTENDANT, area="Custos", keep=True
        )
    with pytest.raises(Forbidden) as other_area:  # Carla serves Estoque only
        await support.convert_to_consulting(
            world.core, session_id, by_staff_key=CARLA, area="Custos", keep=True
        )
    assert "não atende a área Custos" in other_area.value.render("pt-BR")
    with pytest.raises(InvalidInput):
        await support.convert_to_consulting(
            world.core, session_id, by_staff_key=ATTENDANT, area="Astrologia"
        )

    await support.convert_to_consulting(
        world.core, session_id, by_staff_key=DIEGO, area="custos", keep=True
    )
    await intake.accept_terms(world.core, ANA, request_id)
    session = await stored_session(world, session_id)
    assert (session.kind, session.consultant_id) == (
        RequestKind.CONSULTING,
        cast.consultant_ids[DIEGO],
    )
    assert session.billing_started_at == world.clock.now()
    assert (await load_request(world, request_id)).status == RequestStatus.IN_SESSION


async def test_a_handed_over_chat_is_not_converted_twice_and_ending_it_leaves_the_queue(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    request_id, session_id = await _support_chat(world, cast)
    await support.convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT)
    await intake.accept_terms(world.core, ANA, request_id)
    with pytest.raises(Conflict) as again:
        await support.convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT)
    assert f"já foi encaminhada a um consultor (pedido {request_id})" in again.value.render("pt-BR")

    await sessions.end_session(world.core, session_id, by=ATTENDANT)
    assert (await load_request(world, request_id)).status == RequestStatus.DONE
    with pytest.raises(BusinessError):
        await claim_request(world.core, request_id, BRUNO)
    assert await billing_records(world) == []
