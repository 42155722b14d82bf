"""Saved replies: placeholders checked when saved and filled for the session's client, searched
by title or text (the client's language first), sent as the staff member's own message."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, Forbidden, InvalidInput
from core.models import SavedReply, SessionNote
from core.replies import (
    ReplyDraft,
    Values,
    check_text,
    create_reply,
    render,
    replies_for_session,
    send_saved_reply,
    set_reply_active,
    update_reply,
)
from core.sessions import end_session
from tests.scenario import World
from tests.scenarios.sessions_helpers import (
    ANA,
    BRUNO,
    CARLA,
    claimed,
    given_cast,
    last,
    queued,
    texts,
    thread_of,
)

VALUES = Values(first_name="Ana", company="Metalúrgica Exemplo", consultant="Bruno Lima")


def test_every_placeholder_and_its_english_alias_is_filled() -> None:
    text = (
        "{cliente} {primeiro_nome} {client_first_name} {empresa} {company} {consultor} {consultant}"
    )
    check_text(text)
    assert render(text, VALUES) == (
        "Ana Ana Ana Metalúrgica Exemplo Metalúrgica Exemplo Bruno Lima Bruno Lima"
    )
    assert render("Chaves: {{literal}}", VALUES) == "Chaves: {literal}"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Olá, {nome}!", "replies.unknown_placeholder"),
        ("{cliente.__class__}", "replies.unknown_placeholder"),
        ("{0}", "replies.unknown_placeholder"),
        ("{}", "replies.unknown_placeholder"),
        ("{cliente!r}", "replies.unknown_placeholder"),
        ("{cliente:>30}", "replies.unknown_placeholder"),
        ("Olá, {cliente", "replies.malformed"),
        ("Olá }", "replies.malformed"),
    ],
)
def test_unknown_or_malformed_placeholders_are_refused_and_rendering_never_raises(
    text: str, key: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_text(text)
    assert refused.value.key == key
    assert "{cliente}" in refused.value.render("pt-BR")
    render(text, VALUES)  # whatever is stored, rendering does not raise
    assert render("{nome} e {cliente}", VALUES) == "{nome} e Ana"


async def test_a_refused_draft_stores_nothing(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    for draft in (
        ReplyDraft("", "Texto", "pt-BR"),
        ReplyDraft("x" * 81, "Texto", "pt-BR"),
        ReplyDraft("Título", " ", "pt-BR"),
        ReplyDraft("Título", "x" * 4001, "pt-BR"),
        ReplyDraft("Título", "Texto", "fr"),
        ReplyDraft("Título", "Olá {nome}", "pt-BR"),
    ):
        with pytest.raises(InvalidInput):
            await create_reply(world.core, draft, by="web:gerente")
    async with world.core.db.uow() as uow:
        assert (await uow.session.exec(select(SavedReply))).all() == []


async def _session(world: World) -> int:
    cast = await given_cast(world)
    return await claimed(world, await queued(world, cast, ANA), BRUNO)


async def test_search_ignores_accents_and_case_and_puts_the_clients_language_first(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id = await _session(world)
    core = world.core
    english = await create_reply(
        core, ReplyDraft("Closing the month", "Hi {client_first_name}!", "en"), by="web:g"
    )
    await create_reply(core, ReplyDraft("Fechamento do mês", "Olá, {cliente}!", "pt-BR"), by="g")
    await create_reply(
        core, ReplyDraft("Boas-vindas", "Sobre o fechamento, {cliente}", "pt-BR"), by="g"
    )
    hidden = await create_reply(core, ReplyDraft("Mês antigo", "Fechamento", "pt-BR"), by="g")
    assert hidden.id is not None
    await set_reply_active(core, hidden.id, False, by="g")

    found = await replies_for_session(core, session_id, BRUNO, "FECHAMENTO")
    assert [r.title for r in found] == ["Fechamento do mês", "Boas-vindas"]
    assert found[0].text == "Olá, Ana!"
    found = await replies_for_session(core, session_id, BRUNO, "mes")
    assert [r.title for r in found] == ["Fechamento do mês"]
    found = await replies_for_session(core, session_id, BRUNO, "")
    assert [r.title for r in found] == ["Boas-vindas", "Fechamento do mês", "Closing the month"]
    assert english.id is not None
    await update_reply(core, english.id, ReplyDraft("Mês", "Hi {consultant}", "en"), by="g")
    assert (await replies_for_session(core, session_id, BRUNO, "hi"))[0].text == "Hi Bruno Lima"

    with pytest.raises(Forbidden):
        await replies_for_session(core, session_id, CARLA, "")


async def test_a_sent_reply_reaches_the_client_and_the_thread_as_the_consultants_message(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id = await _session(world)
    thread = await thread_of(world, session_id)
    reply = await create_reply(
        world.core,
        ReplyDraft("Boas-vindas", "Olá, {cliente}! Aqui é {consultor}, da {empresa}.", "pt-BR"),
        by="web:gerente",
    )
    assert reply.id is not None

    with pytest.raises(Forbidden):
        await send_saved_reply(world.core, session_id, CARLA, reply.id)
    sent = await send_saved_reply(world.core, session_id, BRUNO, reply.id, inbound=("t", "1"))
    assert sent is not None
    await send_saved_reply(world.core, session_id, BRUNO, reply.id, inbound=("t", "1"))

    expected = "Bruno Lima: Olá, Ana! Aqui é Bruno Lima, da Metalúrgica Exemplo."
    assert (await last(world, ANA)).text == expected
    assert [text for text in await texts(world, ANA) if text == expected] == [expected]
    assert expected in world.slack.texts_to(thread) or expected in await texts(world, thread)

    await end_session(world.core, session_id, by=BRUNO)
    with pytest.raises(BusinessError):
        await send_saved_reply(world.core, session_id, BRUNO, reply.id)


async def test_a_reply_written_as_a_note_stays_with_the_team(
    db: Database, clock: ManualClock
) -> None:
    """SPEC: a ``//`` message is an internal note, never relayed — a saved one included."""
    world = World.build(db, clock)
    session_id = await _session(world)
    await world.deliver()
    before = await texts(world, ANA)
    note = "// {cliente} prefere ser atendida pela manhã"
    reply = await create_reply(world.core, ReplyDraft("Nota", note, "pt-BR"), by="web:g")
    assert reply.id is not None

    await send_saved_reply(world.core, session_id, BRUNO, reply.id)
    await world.deliver()
    assert await texts(world, ANA) == before, "the client is told nothing"
    async with world.core.db.uow() as uow:
        notes = (await uow.session.exec(select(SessionNote))).all()
    assert [n.text for n in notes] == ["Ana prefere ser atendida pela manhã"]
