"""SPEC 4: free support, the 15-minute nudge, and conversion into consulting billed from consent."""

from __future__ import annotations

import pytest

from core import intake, support
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, Forbidden
from core.models import RequestKind, SessionStatus
from tests.scenario import SUPPORT, World
from tests.scenarios.intake_helpers import (
    ATTENDANT,
    CLIENT,
    CONSULTANT,
    actions,
    consents,
    last_message,
    session_of,
    support_chat,
)


async def _support_chat(world: World, **company: object) -> int:
    """A linked client opens a support chat; the id of its request."""
    request_id, _ = await support_chat(world, **company)
    return request_id


async def test_support_opens_a_free_conversation_with_a_card_for_the_attendants(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    assert (
        "Um atendente do suporte técnico vai responder aqui"
        in (await last_message(world, CLIENT)).text
    )
    session = await session_of(world, request_id)
    assert (session.kind, session.status) == (RequestKind.SUPPORT, SessionStatus.OPEN)
    assert session.consultant_id is None and session.billing_started_at is None
    card = await last_message(world, SUPPORT)
    assert card.title == "Suporte técnico"
    assert "Ana Cliente (Metalúrgica Exemplo) pediu suporte técnico" in card.text
    assert actions(card) == [f"convert:{session.id}", f"end:{session.id}"]


async def test_support_stays_available_for_an_unserved_product_line(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world, product_line="varejo")
    session = await session_of(world, request_id)
    with pytest.raises(BusinessError) as refused:
        await support.convert_to_consulting(world.core, session.id or 0, by_staff_key=ATTENDANT)
    assert "não está disponível para esta empresa" in refused.value.render("pt-BR")
    assert await consents(world, request_id) == []


async def test_the_attendant_is_nudged_when_support_passes_15_minutes(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    session = await session_of(world, request_id)
    await world.deliver()
    thread_ref = (await session_of(world, request_id)).thread_ref
    assert thread_ref is not None
    thread = SUPPORT.in_thread(thread_ref)
    world.advance(minutes=14, seconds=59)
    assert await world.run_timers(support.TIMER_HANDLERS) == 0
    world.advance(seconds=1)
    assert await world.run_timers(support.TIMER_HANDLERS) == 1
    await world.deliver()
    nudge = world.slack.to(thread)[-1].message
    assert "Esta conversa de suporte passou de 15 minutos" in nudge.text
    assert "ofereça a Consultoria Online" in nudge.text
    assert "R$\xa0180,00 por hora" in nudge.text
    assert actions(nudge) == [f"convert:{session.id}"]


async def test_a_consultant_who_keeps_the_client_bills_from_the_acceptance(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    session = await session_of(world, request_id)
    world.advance(minutes=20)
    await support.convert_to_consulting(
        world.core, session.id or 0, by_staff_key=CONSULTANT, area="custos", keep=True
    )
    card = await last_message(world, CLIENT)
    assert "**R$\xa0180,00 por hora**" in card.text
    assert actions(card) == [f"terms_ok:{request_id}", f"terms_no:{request_id}"]
    assert "a cobrança só começa se você aceitar" in (await world.outbox(CLIENT))[-2].text
    assert "enviou ao cliente os termos" in (await last_message(world, SUPPORT)).text
    assert (await session_of(world, request_id)).billing_started_at is None

    world.advance(minutes=5)
    await intake.accept_terms(world.core, CLIENT, request_id)
    converted = await session_of(world, request_id)
    assert converted.kind == RequestKind.CONSULTING
    assert converted.status == SessionStatus.OPEN
    assert converted.billing_started_at == world.clock.now()
    assert converted.attendant_key == CONSULTANT
    [consent] = await consents(world, request_id)
    assert consent.accepted and consent.rate_cents_shown == 18000
    assert "A partir de agora (10:25)" in (await last_message(world, CLIENT)).text
    thread_note = await last_message(world, SUPPORT)
    assert "cobrada a partir de agora" in thread_note.text
    controls = {f"{verb}:{session.id}" for verb in ("end", "specialist", "transfer", "onsite")}
    assert controls <= set(actions(thread_note))  # the full session controls, in its thread
    world.advance(minutes=30)
    assert await world.run_timers(support.TIMER_HANDLERS) == 0  # no nudge once converted


async def test_a_client_may_ask_to_turn_support_into_consulting(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    await intake.begin_consulting(world.core, CLIENT)
    offer = await last_message(world, CLIENT)
    assert "conversa de suporte técnico" in offer.text
    assert actions(offer) == ["menu:convert"]
    await support.convert_request(world.core, CLIENT)
    assert actions(await last_message(world, CLIENT))[0] == f"terms_ok:{request_id}"
    assert (
        "O cliente pediu para continuar como Consultoria Online"
        in (await last_message(world, SUPPORT)).text
    )


async def test_refusing_the_conversion_keeps_free_support(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    session = await session_of(world, request_id)
    await support.convert_to_consulting(world.core, session.id or 0, by_staff_key=CONSULTANT)
    await intake.refuse_terms(world.core, CLIENT, request_id)
    after = await session_of(world, request_id)
    assert (after.kind, after.billing_started_at) == (RequestKind.SUPPORT, None)
    assert [c.accepted for c in await consents(world, request_id)] == [False]
    assert "Seguimos no suporte técnico gratuito" in (await last_message(world, CLIENT)).text
    assert "continua como suporte gratuito" in (await last_message(world, SUPPORT)).text


async def test_only_support_staff_or_consultants_may_convert(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _support_chat(world)
    session = await session_of(world, request_id)
    with pytest.raises(Forbidden):
        await support.convert_to_consulting(world.core, session.id or 0, by_staff_key="U0NOBODY")
    assert await consents(world, request_id) == []
