"""SPEC 5 steps 6-8 and SPEC 8, the issue's Show scenario: queue, session, summary, rating."""

from __future__ import annotations

import pytest

from core import intake
from core.clock import ManualClock
from core.db import Database
from core.outbox import Attachment
from core.sessions import end_session, rate_session, relay_from_staff
from tests.scenario import BILLING, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BETO,
    BRUNO,
    DIEGO,
    billing_records,
    claimed,
    field_values,
    given_cast,
    last,
    notes,
    queued,
    rows,
    stored_request,
    stored_session,
    texts,
    thread_of,
)


async def test_a_client_in_position_2_is_taken_talks_and_pays_two_periods_for_45_minutes(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    beto_request = await queued(world, cast, BETO)
    ana_request = await queued(world, cast, ANA)
    ana_queue_card = (await rows(world, "queue_card", ana_request))[-1]
    assert "Posição: 2" in ana_queue_card.payload["text"]

    world.advance(minutes=12)  # waiting in the queue is never billed
    await claimed(world, beto_request, DIEGO)
    world.advance(minutes=3)
    session_id = await claimed(world, ana_request, BRUNO)  # 10:15
    assert any("Bruno Lima" in text for text in await texts(world, ANA))
    thread = await thread_of(world, session_id)

    # The client writes and sends a photo: both reach the session's thread with her name.
    await intake.handle_text(world.core, ANA, "Como lanço o custo de mão de obra?")
    photo = Attachment("photo", "telegram", "AgADBAAD-tela", "tela.jpg")
    await intake.handle_text(world.core, ANA, "", attachments=[photo])
    thread_texts = await texts(world, thread)
    assert "Ana Cliente: Como lanço o custo de mão de obra?" in thread_texts
    photo_post = await last(world, thread)
    assert photo_post.text == "Ana Cliente enviou uma foto."
    assert photo_post.attachments == (photo,)

    # The consultant answers from the thread; an internal note is kept, not relayed.
    await relay_from_staff(world.core, thread, BRUNO, "Pelo menu Custos > Apontamentos.")
    assert (await last(world, ANA)).text == "Bruno Lima: Pelo menu Custos > Apontamentos."
    told_before = len(await world.outbox(ANA))
    await relay_from_staff(world.core, thread, BRUNO, "// cliente usa a versão 7")
    assert len(await world.outbox(ANA)) == told_before
    assert [n.text for n in await notes(world, session_id)] == ["cliente usa a versão 7"]
    ack = await last(world, thread)
    assert ack.ephemeral_to == BRUNO and "Nota interna registrada" in ack.text

    world.advance(minutes=45)  # 11:00
    await end_session(world.core, session_id, by=BRUNO)

    summary_lines = [
        "Início: 23/11/2026 10:15",
        "Fim: 23/11/2026 11:00",
        "Duração: 45 min",
        "Períodos cobrados: 2",
        "Valor da hora: R$\xa0180,00",
        "Total: R$\xa0180,00",
    ]
    client_summary = next(t for t in await texts(world, ANA) if "Resumo da cobrança" in t)
    thread_summary = next(t for t in await texts(world, thread) if "Resumo da cobrança" in t)
    for line in summary_lines:
        assert line in client_summary and line in thread_summary
    assert thread_summary.startswith(f"Sessão encerrada por <@{BRUNO}>.")
    [card] = await world.outbox(BILLING)
    assert field_values(card) == {
        "Empresa": "Metalúrgica Exemplo",
        "Contato": "Ana Cliente",
        "Consultor": "Bruno Lima",
        "Início": "23/11/2026 10:15",
        "Fim": "23/11/2026 11:00",
        "Duração": "45 min",
        "Períodos": "2",
        "Valor da hora": "R$\xa0180,00",
        "Total": "R$\xa0180,00",
        "Sessão": f"#{session_id}",
        "Meio": "Chat",
    }
    [record] = await billing_records(world)
    assert (record.minutes, record.periods, record.amount_cents) == (45, 2, 18000)

    # The request card says it is over; the client is asked for a rating.
    request_card = (await rows(world, "request_card", ana_request))[-1]
    assert request_card.payload["text"] == "Encerrado — 45 min, R$\xa0180,00"
    assert request_card.payload["choices"] == []
    assert (await stored_request(world, ana_request)).status == "done"
    rating = await last(world, ANA)
    assert [c.action for c in rating.choices] == [f"rate:{session_id}:{n}" for n in range(1, 6)]
    await rate_session(world.core, ANA, session_id, 5)
    assert (await stored_session(world, session_id)).rating == 5
    assert (await last(world, ANA)).text == "Obrigado pela avaliação: 5 de 5!"

    # The dispatcher delivers all of it: the client, the thread and the billing channel.
    await world.deliver()
    assert any("Total: R$\xa0180,00" in t for t in world.telegram.texts_to(ANA))
    assert any("Total: R$\xa0180,00" in t for t in world.slack.texts_to(thread))
    assert world.slack.texts_to(BILLING) == [card.text]
    assert "Obrigado pela avaliação: 5 de 5!" in world.telegram.texts_to(ANA)


@pytest.mark.parametrize(
    ("minutes", "periods", "amount"),
    [
        (10, 1, "R$\xa090,00"),
        (30, 1, "R$\xa090,00"),
        (31, 2, "R$\xa0180,00"),
        (61, 3, "R$\xa0270,00"),
    ],
)
async def test_every_started_half_hour_is_billed_in_full(
    db: Database, clock: ManualClock, minutes: int, periods: int, amount: str
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    world.advance(minutes=minutes)
    await end_session(world.core, session_id, by=BRUNO)

    [record] = await billing_records(world)
    assert (record.minutes, record.periods) == (minutes, periods)
    assert field_values((await world.outbox(BILLING))[0])["Total"] == amount
    assert f"Total: {amount}" in next(t for t in await texts(world, ANA) if "Resumo" in t)


async def test_waiting_in_the_queue_is_not_billed_billing_starts_at_the_claim(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    request_id = await queued(world, cast, ANA)
    world.advance(minutes=25)
    session_id = await claimed(world, request_id, BRUNO)
    claimed_at = world.clock.now()
    world.advance(minutes=20)
    await end_session(world.core, session_id, by=BRUNO)

    [record] = await billing_records(world)
    assert record.started_at == claimed_at
    assert (record.minutes, record.periods, record.amount_cents) == (20, 1, 9000)
