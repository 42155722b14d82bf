"""SPEC 5 step 7 and SPEC 6: the relay between the client's chat and the session's Slack thread."""

from __future__ import annotations

from core import intake, support
from core.clock import ManualClock
from core.db import Database
from core.outbox import Address, Attachment
from core.sessions import end_session, relay_from_staff
from core.staff import grant_role
from tests.scenario import REQUESTS, SUPPORT, World
from tests.scenarios.sessions_helpers import (
    ANA,
    ATTENDANT,
    BRUNO,
    CARLA,
    claimed,
    given_cast,
    last,
    notes,
    open_session_of,
    queued,
    stored_session,
    texts,
    thread_of,
)


async def _in_session(world: World) -> tuple[int, Address]:
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    return session_id, await thread_of(world, session_id)


async def test_what_the_client_writes_before_the_card_is_out_lands_in_the_cards_thread(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    await intake.handle_text(world.core, ANA, "Bom dia!")  # nothing delivered yet
    assert (await stored_session(world, session_id)).thread_ref is None

    await world.deliver()
    thread = await thread_of(world, session_id)
    assert "Ana Cliente: Bom dia!" in world.slack.texts_to(thread)


async def test_a_consultants_files_reach_the_client(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    _, thread = await _in_session(world)
    manual = Attachment("document", "slack", "F0MANUAL", "manual.pdf")
    await relay_from_staff(world.core, thread, BRUNO, None, [manual])
    message = await last(world, ANA)
    assert message.text == "Bruno Lima enviou um documento."
    assert message.attachments == (manual,)


async def test_someone_outside_the_session_cannot_write_to_its_client(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, thread = await _in_session(world)
    before = await texts(world, ANA)
    await relay_from_staff(world.core, thread, CARLA, "Posso ajudar?")
    assert await texts(world, ANA) == before
    answer = await last(world, thread)
    assert answer.ephemeral_to == CARLA
    assert f"Você não participa da sessão {session_id}" in answer.text


async def test_a_message_in_a_thread_that_is_no_session_is_answered_privately(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_cast(world)
    elsewhere = REQUESTS.in_thread("1700000000.000100")
    await relay_from_staff(world.core, elsewhere, BRUNO, "Olá?")
    [answer] = await world.outbox(elsewhere)
    assert answer.ephemeral_to == BRUNO
    assert "não é uma sessão de atendimento" in answer.text


async def test_a_reply_after_the_end_is_not_relayed(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    session_id, thread = await _in_session(world)
    await end_session(world.core, session_id, by=BRUNO)
    before = await texts(world, ANA)
    await relay_from_staff(world.core, thread, BRUNO, "Esqueci de dizer...")
    assert await texts(world, ANA) == before
    answer = await last(world, thread)
    assert answer.ephemeral_to == BRUNO
    assert f"A sessão {session_id} já foi encerrada" in answer.text


async def test_a_client_with_no_open_session_is_not_relayed_but_shown_the_menu(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, thread = await _in_session(world)
    await end_session(world.core, session_id, by=BRUNO)
    await intake.handle_text(world.core, ANA, "Mais uma dúvida")
    assert "Ana Cliente: Mais uma dúvida" not in await texts(world, thread)
    menu = await last(world, ANA)
    assert menu.text == "Escolha uma opção:"
    assert "Consultoria Online" in [choice.label for choice in menu.choices]


async def test_a_repeated_delivery_of_a_client_message_is_relayed_once(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, thread = await _in_session(world)
    for _ in range(2):
        await intake.handle_text(world.core, ANA, "Oi", inbound=("telegram", "9001"))
    assert (await texts(world, thread)).count("Ana Cliente: Oi") == 1


async def test_an_empty_internal_note_stores_nothing(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    session_id, thread = await _in_session(world)
    before = await texts(world, ANA)
    await relay_from_staff(world.core, thread, BRUNO, "//   ")
    assert await notes(world, session_id) == []
    assert await texts(world, ANA) == before
    assert (await last(world, thread)).text == "Nota interna vazia: nada foi registrado."


async def test_the_first_support_attendant_to_answer_takes_the_conversation(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    async with world.core.db.uow() as uow:
        await grant_role(uow, world.clock, "U0OTTO", "support", "Otto Suporte")
        await uow.commit()
    await intake.start(world.core, ANA, code=cast.access_code, name="Ana Cliente")
    await support.begin_support(world.core, ANA)
    session = await open_session_of(world, ANA)
    assert session.id is not None
    thread = await thread_of(world, session.id)
    assert thread.id == SUPPORT.id

    await relay_from_staff(world.core, thread, ATTENDANT, "Olá, em que posso ajudar?")
    assert (await last(world, ANA)).text == "Sofia Suporte: Olá, em que posso ajudar?"
    assert (await stored_session(world, session.id)).attendant_key == ATTENDANT
    before = await texts(world, ANA)
    await relay_from_staff(world.core, thread, "U0OTTO", "Eu também")
    assert await texts(world, ANA) == before
    assert (await last(world, thread)).ephemeral_to == "U0OTTO"
