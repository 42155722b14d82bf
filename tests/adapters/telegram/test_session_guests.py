"""A colleague invited into a session on Telegram: /convidar, the deep link, relay, leaving."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from core.clock import ManualClock
from core.db import Database
from core.outbox import Address
from core.sessions import end_session, relay_from_staff
from tests.adapters.telegram.conftest import Harness, harness_for
from tests.fakes.telegram_server import FakeTelegram
from tests.scenario import World
from tests.scenarios.sessions_helpers import BRUNO, claimed, given_cast, queued, thread_of

CLIENT = "4201"
COLLEAGUE = "5301"
LINK = re.compile(r"https://t\.me/ConsultoriaBot\?start=([A-Z0-9]{10})")


@pytest.fixture
async def tg(db: Database, clock: ManualClock, fake: FakeTelegram) -> AsyncIterator[Harness]:
    """The harness with the bot's username known (so invitations carry a deep link)."""
    world = World.build(db, clock, telegram_bot_username="ConsultoriaBot")
    application, sender = harness_for(world, fake)
    async with application:
        yield Harness(world, fake, application, sender)


async def _as_colleague(tg: Harness, line: str, *, command: bool = False) -> None:
    """Dora Colega (another Telegram user) writes ``line`` in her private chat."""
    payload = tg.message(COLLEAGUE, text=line)
    if command:
        length = len(line.split()[0])
        payload["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    payload["message"]["from"].update(first_name="Dora", last_name="Colega")
    await tg.feed(payload)
    await tg.deliver()


async def test_a_colleague_joins_by_the_deep_link_talks_and_leaves(tg: Harness) -> None:
    world = tg.world
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, Address("telegram", CLIENT)), BRUNO)
    await tg.deliver()
    thread = await thread_of(world, session_id)
    assert ("Convidar colega", f"invite:{session_id}") in tg.buttons(CLIENT)

    await tg.press(CLIENT, f"invite:{session_id}")
    await tg.deliver()
    found = LINK.search(tg.last_text(CLIENT))
    assert found is not None, tg.last_text(CLIENT)
    await tg.command(CLIENT, "/convidar")
    await tg.deliver()
    second = LINK.search(tg.last_text(CLIENT))
    assert second is not None and second.group(1) != found.group(1), "a new code each time"

    await _as_colleague(tg, f"/start {found.group(1)}", command=True)
    assert "Você entrou no atendimento de Ana Cliente" in tg.last_text(COLLEAGUE)
    assert tg.buttons(COLLEAGUE) == [("Sair da sessão", f"guest_leave:{session_id}")]
    assert "Dora Colega entrou na conversa." in tg.last_text(CLIENT)
    assert "Dora Colega (colega de Ana Cliente) entrou na sessão." in world.slack.texts_to(thread)

    await _as_colleague(tg, "Sou do estoque.")
    assert "Dora Colega: Sou do estoque." in world.slack.texts_to(thread)
    assert tg.last_text(CLIENT) == "Dora Colega: Sou do estoque."
    await relay_from_staff(world.core, thread, BRUNO, "Bem-vinda, Dora.")
    await tg.deliver()
    assert tg.last_text(COLLEAGUE) == "Bruno Lima: Bem-vinda, Dora."
    assert tg.last_text(CLIENT) == "Bruno Lima: Bem-vinda, Dora."

    await _as_colleague(tg, f"/start {found.group(1)}", command=True)
    assert "Você já entrou neste atendimento" in tg.last_text(COLLEAGUE)

    await _as_colleague(tg, "/sair", command=True)
    assert tg.last_text(COLLEAGUE) == "Você saiu do atendimento."
    assert "Dora Colega (colega de Ana Cliente) saiu da sessão." in world.slack.texts_to(thread)
    await end_session(world.core, session_id, by=BRUNO)
    await tg.deliver()
    assert tg.last_text(COLLEAGUE) == "Você saiu do atendimento.", "no longer in it: not told"


async def test_a_guest_cannot_invite_and_is_told_at_the_end(tg: Harness) -> None:
    world = tg.world
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, Address("telegram", CLIENT)), BRUNO)
    await tg.deliver()
    await tg.command(CLIENT, "/convidar")
    await tg.deliver()
    found = LINK.search(tg.last_text(CLIENT))
    assert found is not None
    await _as_colleague(tg, f"/start {found.group(1)}", command=True)

    await _as_colleague(tg, "/convidar", command=True)
    assert tg.last_text(COLLEAGUE) == "Só quem abriu o atendimento pode convidar colegas."
    await end_session(world.core, session_id, by=BRUNO)
    await tg.deliver()
    assert tg.last_text(COLLEAGUE).startswith("O atendimento de Ana Cliente foi encerrado.")


async def test_a_colleague_asked_for_a_code_first_joins_and_the_question_goes(
    tg: Harness,
) -> None:
    world = tg.world
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, Address("telegram", CLIENT)), BRUNO)
    await tg.deliver()
    await tg.press(CLIENT, f"invite:{session_id}")
    await tg.deliver()
    found = LINK.search(tg.last_text(CLIENT))
    assert found is not None

    await _as_colleague(tg, "/start", command=True)  # no code yet: asked for one
    question = tg.message_with(COLLEAGUE, "nocode")
    await _as_colleague(tg, f"/start {found.group(1)}", command=True)
    assert "Você entrou no atendimento de Ana Cliente" in tg.last_text(COLLEAGUE)
    shown = next(
        m for m in tg.fake.chat_log(COLLEAGUE) if m["message_id"] == question["message_id"]
    )
    assert "reply_markup" not in shown, "linked by the invitation: no code question stays live"
