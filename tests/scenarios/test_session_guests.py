"""Issue 12, point 8: the client invites colleagues of the same company into a session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.bootstrap import timer_handlers
from core import intake, sessions, support
from core.client import Result, press
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.errors import Conflict, Forbidden
from core.models import Outbound
from core.outbox import Address, Attachment
from core.privacy import ensure_retention_timer, erase_contact, export_contact
from core.sessions import end_session, relay_from_staff
from tests.scenario import World
from tests.scenarios.common_helpers import actions, given_company
from tests.scenarios.guests_helpers import (
    DORA,
    EDU,
    guests,
    invitation_code,
    invitations,
    joins,
    session_with_client,
)
from tests.scenarios.sessions_helpers import (
    ANA,
    BRUNO,
    billing_records,
    last,
    texts,
)


async def test_a_colleague_joins_with_the_invitation_and_everyone_is_told(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, telegram_bot_username="ConsultoriaBot")
    session_id, thread, _ = await session_with_client(world)
    assert f"invite:{session_id}" in actions((await world.outbox(ANA))[-1])

    code = await invitation_code(world)
    invitation = (await last(world, ANA)).text
    assert f"https://t.me/ConsultoriaBot?start={code}" in invitation
    [stored] = await invitations(world)
    assert code not in stored.code_sha256 and len(stored.code_sha256) == 64
    assert stored.expires_at - stored.created_at == timedelta(minutes=30)

    await joins(world, DORA, code, "Dora Colega")
    joined = await last(world, DORA)
    assert "Você entrou no atendimento de Ana Cliente" in joined.text
    assert actions(joined) == [f"guest_leave:{session_id}"]
    assert "Dora Colega (colega de Ana Cliente) entrou na sessão." in await texts(world, thread)
    assert (await last(world, ANA)).text == "Dora Colega entrou na conversa."
    async with world.core.db.uow() as uow:
        dora = await find_contact(uow, DORA)
        ana = await find_contact(uow, ANA)
    assert dora is not None and ana is not None
    assert dora.company_id == ana.company_id, "the new contact became the company's"
    [guest] = await guests(world)
    assert (guest.session_id, guest.contact_id, guest.left_at) == (session_id, dora.id, None)


async def test_every_participant_is_labelled_and_the_replies_reach_them_all(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, thread, _ = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    await joins(world, EDU, await invitation_code(world), "Edu Colega", language="en")

    await intake.handle_text(world.core, DORA, "Eu cuido do estoque.")
    await intake.handle_text(world.core, ANA, "E eu dos custos.")
    thread_texts = await texts(world, thread)
    assert "Dora Colega: Eu cuido do estoque." in thread_texts
    assert "Ana Cliente: E eu dos custos." in thread_texts
    assert "Dora Colega: Eu cuido do estoque." in await texts(world, ANA)
    assert "Dora Colega: Eu cuido do estoque." in await texts(world, EDU)
    assert "Ana Cliente: E eu dos custos." in await texts(world, DORA)
    assert "Dora Colega: Eu cuido do estoque." not in await texts(world, DORA)

    await relay_from_staff(world.core, thread, BRUNO, "Vamos ver os dois.")
    for person in (ANA, DORA, EDU):
        assert (await last(world, person)).text == "Bruno Lima: Vamos ver os dois."
    manual = Attachment("document", "slack", "F0MANUAL", "manual.pdf")
    await relay_from_staff(world.core, thread, BRUNO, None, [manual])
    assert (await last(world, DORA)).attachments == (manual,)
    assert (await last(world, EDU)).text == "Bruno Lima sent a document."
    assert (await last(world, ANA)).text == "Bruno Lima enviou um documento."


async def test_an_invitation_is_used_once_and_expires(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await session_with_client(world)
    code = await invitation_code(world)
    await joins(world, DORA, code, "Dora Colega")
    await joins(world, EDU, code, "Edu Colega")
    assert "Este convite já foi usado" in (await last(world, EDU)).text
    await joins(world, DORA, code, "Dora Colega")
    assert "Você já entrou neste atendimento" in (await last(world, DORA)).text

    late = await invitation_code(world)
    world.advance(minutes=31)
    await joins(world, EDU, late, "Edu Colega")
    assert "Este convite expirou" in (await last(world, EDU)).text
    await joins(world, EDU, "K7P2M9QX4T", "Edu Colega")
    assert "Este código de convite não existe" in (await last(world, EDU)).text
    assert len(await guests(world)) == 1


async def test_a_contact_of_another_company_is_refused_naming_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await session_with_client(world)
    other = await given_company(world, "Concorrente Ltda")
    await intake.start(world.core, EDU, code=other.access_code, name="Edu Outro")
    await joins(world, EDU, await invitation_code(world), "Edu Outro")
    refusal = (await last(world, EDU)).text
    assert "outra empresa" in refusal
    assert "Metalúrgica" not in refusal and "Ana" not in refusal
    assert await guests(world) == []


async def test_a_colleague_already_busy_is_told(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    _, _, access_code = await session_with_client(world)
    await intake.start(world.core, EDU, code=access_code, name="Edu Colega")
    await intake.begin_consulting(world.core, EDU)
    await joins(world, EDU, await invitation_code(world), "Edu Colega")
    assert "Você já tem um atendimento em andamento" in (await last(world, EDU)).text
    assert await guests(world) == []


async def test_a_linked_colleague_can_type_the_code_in_the_chat(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, thread, access_code = await session_with_client(world)
    await intake.start(world.core, EDU, code=access_code, name="Edu Colega")
    code = await invitation_code(world)
    await intake.handle_text(world.core, EDU, f"{code[:5]}-{code[5:].lower()}")
    assert "Edu Colega (colega de Ana Cliente) entrou na sessão." in await texts(world, thread)


async def test_only_the_client_invites_and_at_most_five_colleagues(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, _, _ = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    with pytest.raises(Forbidden):
        await sessions.invite_colleague(world.core, DORA)
    outcome = await press(
        world.core, DORA, f"invite:{session_id}", language="pt-BR", inbound=("telegram", "cb1")
    )
    assert outcome.result == Result.REFUSED
    assert outcome.notice == "Só quem abriu o atendimento pode convidar colegas."

    codes = [await invitation_code(world) for _ in range(4)]
    with pytest.raises(Conflict) as refused:
        await sessions.invite_colleague(world.core, ANA)
    assert refused.value.key == "sessions.guests.pending_full", "unused codes are bounded too"
    for n, code in enumerate(codes):
        await joins(world, Address("telegram", f"60{n}"), code, f"P{n}")
    assert len(await guests(world)) == 5
    with pytest.raises(Conflict) as refused:
        await sessions.invite_colleague(world.core, ANA)
    assert refused.value.key == "sessions.guests.full"


async def test_a_colleague_leaves_and_is_no_longer_relayed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, thread, _ = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    outcome = await press(
        world.core,
        DORA,
        f"guest_leave:{session_id}",
        language="pt-BR",
        inbound=("telegram", "cb2"),
    )
    assert outcome.result == Result.DONE
    assert (await last(world, DORA)).text == "Você saiu do atendimento."
    assert "Dora Colega (colega de Ana Cliente) saiu da sessão." in await texts(world, thread)
    assert (await last(world, ANA)).text == "Dora Colega saiu da conversa."

    await intake.handle_text(world.core, DORA, "Ainda estou aqui?")
    assert "Dora Colega: Ainda estou aqui?" not in await texts(world, thread)
    await intake.handle_text(world.core, ANA, "Só eu agora.")
    assert "Ana Cliente: Só eu agora." not in await texts(world, DORA)
    with pytest.raises(Conflict):
        await sessions.leave_as_guest(world.core, DORA)


async def test_at_the_end_guests_are_told_and_billing_stays_one_per_session(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, thread, _ = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    pending = await invitation_code(world)
    world.advance(minutes=40)
    await end_session(world.core, session_id, by=BRUNO)

    ended = await last(world, DORA)
    assert ended.text.startswith("O atendimento de Ana Cliente foi encerrado.")
    assert [g.left_at for g in await guests(world)] == [clock.now()]
    [record] = await billing_records(world)
    assert (record.session_id, record.minutes, record.periods) == (session_id, 40, 2)
    assert not any(a.startswith("rate:") for m in await world.outbox(DORA) for a in actions(m))
    assert any(a.startswith("rate:") for m in await world.outbox(ANA) for a in actions(m))

    await joins(world, EDU, pending, "Edu Colega")
    assert "Este convite expirou" in (await last(world, EDU)).text
    with pytest.raises(Conflict):
        await sessions.invite_colleague(world.core, ANA, session_id=session_id)
    await relay_from_staff(world.core, thread, BRUNO, "Depois do fim")
    assert "Bruno Lima: Depois do fim" not in await texts(world, DORA)


async def test_a_support_chat_has_the_invite_button_and_the_export_names_the_guest_rows(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, _, access_code = await session_with_client(world)
    await intake.start(world.core, EDU, code=access_code, name="Edu Colega")
    await support.begin_support(world.core, EDU)
    assert any(a.startswith("invite:") for a in actions(await last(world, EDU)))

    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    async with world.core.db.uow() as uow:
        dora = await find_contact(uow, DORA)
        ana = await find_contact(uow, ANA)
        assert dora is not None and dora.id is not None and ana is not None and ana.id
        dora_data = await export_contact(uow, dora.id)
        ana_data = await export_contact(uow, ana.id)
    assert [g["contact_id"] for g in dora_data["session_guests"]] == [dora.id]
    assert [i["invited_by_id"] for i in ana_data["session_invitations"]] == [ana.id]


async def test_the_invitation_links_the_web_chat_and_speaks_the_clients_language(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, web_chat_url="https://chat.example.com/chat")
    await session_with_client(world)
    code = await invitation_code(world)
    text = (await last(world, ANA)).text
    assert f"https://chat.example.com/chat?code={code}" in text
    assert "t.me" not in text, "no deep link while the bot's username is unknown"
    assert f"/start {code}" in text

    await joins(world, EDU, code, "Edu Colega", language="en")
    assert "You joined Ana Cliente's session" in (await last(world, EDU)).text


async def test_guest_messages_are_purged_like_every_relayed_message(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, message_retention=timedelta(hours=72))
    _, thread, _ = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    await intake.handle_text(world.core, DORA, "Meu CPF é 123.456.789-00")
    await relay_from_staff(world.core, thread, BRUNO, "Anotado.")
    await world.deliver()
    world.advance(hours=73)
    await ensure_retention_timer(world.core)
    await world.run_timers(timer_handlers())
    async with world.core.db.uow() as uow:
        rows = (await uow.session.exec(select(Outbound))).all()
    kept = [row.payload.get("text", "") for row in rows]
    assert not any("123.456.789-00" in text or "Anotado." in text for text in kept)


async def test_a_colleague_in_a_session_is_erased_only_after_leaving(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    async with world.core.db.uow() as uow:
        dora = await find_contact(uow, DORA)
        assert dora is not None and dora.id is not None
        with pytest.raises(Conflict):
            await erase_contact(uow, world.core, dora.id, "U0ADMIN")
    await intake.handle_text(world.core, DORA, "Meu celular: 11 98765-4321")
    await sessions.leave_as_guest(world.core, DORA)
    await world.deliver()
    async with world.core.transaction() as uow:
        erasure = await erase_contact(uow, world.core, dora.id, "U0ADMIN")
    assert not erasure.already
    async with world.core.db.uow() as uow:
        rows = (await uow.session.exec(select(Outbound))).all()
    texts_kept = " ".join(str(row.payload.get("text", "")) for row in rows)
    assert "98765-4321" not in texts_kept and "Dora" not in texts_kept
