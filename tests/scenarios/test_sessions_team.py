"""SPEC 6: calling in a specialist, transferring a session, recommending an on-site visit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.clock import ManualClock
from core.db import Database
from core.errors import Conflict, Forbidden
from core.intake import handle_text
from core.outbox import Address
from core.queue import set_status
from core.sessions import (
    call_specialist,
    end_session,
    recommend_onsite,
    relay_from_staff,
    transfer_session,
)
from tests.scenario import ONSITE, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BETO,
    BRUNO,
    CARLA,
    DIEGO,
    Cast,
    billing_records,
    claimed,
    field_values,
    given_cast,
    last,
    participants,
    queued,
    stored_session,
    texts,
    thread_of,
)


async def _in_session(world: World) -> tuple[Cast, int, Address]:
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    return cast, session_id, await thread_of(world, session_id)


async def test_a_specialist_joins_the_thread_and_billing_continues_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, session_id, thread = await _in_session(world)
    started = world.clock.now()
    world.advance(minutes=10)
    await call_specialist(world.core, session_id, by_staff_key=BRUNO, area="Estoque")

    assert (
        f"<@{BRUNO}> chamou <@{CARLA}> (Carla Souza — Estoque)" in (await last(world, thread)).text
    )
    invitation = await last(world, Address("slack", CARLA))
    assert invitation.text.startswith("Bruno Lima chamou você como especialista")
    assert invitation.extra["session_thread"] == {"channel": thread.id, "ts": thread.thread}
    assert field_values(invitation)["Sessão"] == f"#{session_id}"
    assert (await last(world, ANA)).text == "Carla Souza entrou na conversa para ajudar."
    await relay_from_staff(world.core, thread, CARLA, "O saldo vem do inventário.")
    assert (await last(world, ANA)).text == "Carla Souza: O saldo vem do inventário."

    world.advance(minutes=30)
    await end_session(world.core, session_id, by=CARLA)
    [record] = await billing_records(world)
    assert (record.started_at, record.minutes, record.periods) == (started, 40, 2)
    times = [
        (p.staff_key, p.role, p.joined_at, p.left_at) for p in await participants(world, session_id)
    ]
    ended = started + timedelta(minutes=40)
    assert times == [
        (BRUNO, "lead", started, ended),
        (CARLA, "specialist", started + timedelta(minutes=10), ended),
    ]


async def test_a_specialist_is_called_once_and_only_when_someone_is_free(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast, session_id, _ = await _in_session(world)
    await set_status(world.core, CARLA, "ausente")
    with pytest.raises(Conflict) as nobody:
        await call_specialist(world.core, session_id, by_staff_key=BRUNO, area="Estoque")
    assert nobody.value.render("pt-BR") == "Nenhum consultor da área Estoque está livre agora."
    with pytest.raises(Forbidden):
        await call_specialist(
            world.core, session_id, by_staff_key=CARLA, consultant_id=cast.consultant_ids[DIEGO]
        )
    diego = cast.consultant_ids[DIEGO]
    await call_specialist(world.core, session_id, by_staff_key=BRUNO, consultant_id=diego)
    with pytest.raises(Conflict) as twice:
        await call_specialist(world.core, session_id, by_staff_key=BRUNO, consultant_id=diego)
    assert twice.value.render("pt-BR") == f"Diego Ramos já participa da sessão {session_id}."


async def test_a_transfer_hands_the_session_to_another_consultant_and_frees_the_first(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast, session_id, thread = await _in_session(world)
    started = world.clock.now()
    beto_request = await queued(world, cast, BETO)
    world.advance(minutes=20)
    await transfer_session(
        world.core, session_id, by_staff_key=BRUNO, to_consultant_id=cast.consultant_ids[DIEGO]
    )

    assert (await last(world, ANA)).text == "Diego Ramos continua o atendimento."
    assert f"para <@{DIEGO}> (Diego Ramos)" in (await last(world, thread)).text
    assert "transferiu para você a sessão" in (await last(world, Address("slack", DIEGO))).text
    # The first consultant is free again and offered the oldest waiting request of his areas.
    offer = await last(world, Address("slack", BRUNO))
    assert [c.action for c in offer.choices] == [f"claim:{beto_request}"]
    before = await texts(world, ANA)
    await relay_from_staff(world.core, thread, BRUNO, "Ainda estou aqui")
    assert await texts(world, ANA) == before
    await relay_from_staff(world.core, thread, DIEGO, "Vamos continuar.")
    assert (await last(world, ANA)).text == "Diego Ramos: Vamos continuar."

    world.advance(minutes=25)
    await end_session(world.core, session_id, by=DIEGO)
    [record] = await billing_records(world)
    assert (record.started_at, record.minutes, record.periods) == (started, 45, 2)
    assert record.consultant_id == cast.consultant_ids[DIEGO]
    roles = [(p.staff_key, p.role, p.left_at) for p in await participants(world, session_id)]
    assert roles == [
        (BRUNO, "lead", started + timedelta(minutes=20)),
        (DIEGO, "lead", started + timedelta(minutes=45)),
    ]


async def test_only_the_lead_transfers(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    cast, session_id, _ = await _in_session(world)
    await call_specialist(world.core, session_id, by_staff_key=BRUNO, area="Estoque")
    with pytest.raises(Forbidden) as refused:
        await transfer_session(
            world.core, session_id, by_staff_key=CARLA, to_consultant_id=cast.consultant_ids[DIEGO]
        )
    assert (
        refused.value.render("pt-BR") == f"Só quem conduz a sessão {session_id} pode transferi-la."
    )
    assert (await stored_session(world, session_id)).consultant_id == cast.consultant_ids[BRUNO]


async def test_an_on_site_visit_is_recommended_and_the_session_stays_open(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, session_id, thread = await _in_session(world)
    world.advance(minutes=15)
    reason = "Parametrização do chão de fábrica precisa ser vista no local"
    await recommend_onsite(world.core, session_id, by_staff_key=BRUNO, reason=reason)

    [card] = await world.outbox(ONSITE)
    assert card.title == "Pedido de visita presencial"
    assert {k: v for k, v in field_values(card).items() if k != "Assunto"} == {
        "Empresa": "Metalúrgica Exemplo",
        "Contato": "Ana Cliente",
        "Consultor": "Bruno Lima",
        "Motivo": reason,
        "Sessão": f"#{session_id}",
        "Área": "Custos",
    }
    told = (await last(world, ANA)).text
    assert told.startswith(
        f"Bruno Lima recomenda uma visita presencial para este assunto: {reason}"
    )
    assert "equipe de consultoria presencial vai entrar em contato" in told
    assert f"<@{BRUNO}> recomendou uma visita presencial" in (await last(world, thread)).text
    session = await stored_session(world, session_id)
    assert (session.status, session.onsite_reason) == ("open", reason)
    with pytest.raises(Conflict):
        await recommend_onsite(world.core, session_id, by_staff_key=BRUNO, reason="de novo")

    await handle_text(world.core, ANA, "Combinado, aguardo o contato.")
    assert (await last(world, thread)).text == "Ana Cliente: Combinado, aguardo o contato."
    world.advance(minutes=5)
    await end_session(world.core, session_id, by=BRUNO)
    [record] = await billing_records(world)
    assert (record.minutes, record.periods) == (20, 1)
