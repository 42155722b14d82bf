"""The session recap on Telegram: the end message's button, the PDF document, once."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import pytest
from pypdf import PdfReader

from adapters.documents import RecapSource
from adapters.telegram.sender import TelegramSender
from core.clock import ManualClock
from core.db import Database
from core.outbox import Attachment
from core.queue import claim_request
from core.sessions import end_session, relay_from_staff
from tests.adapters.telegram.conftest import Harness, harness_for
from tests.adapters.telegram.test_client_way import CHAT, _queued
from tests.fakes.telegram_server import FakeTelegram
from tests.scenario import World
from tests.scenarios.sessions_helpers import BRUNO, stored_session, thread_of


@pytest.fixture
async def tg(db: Database, clock: ManualClock, fake: FakeTelegram) -> AsyncIterator[Harness]:
    """The harness whose sender renders recaps (as the runtime registers them)."""
    world = World.build(db, clock)
    application, sender = harness_for(world, fake)
    sources = {**sender.file_sources, "recap": RecapSource(db, clock, world.core.config)}
    sender = TelegramSender(application.bot, sources, chat_interval=0.0)
    async with application:
        yield Harness(world, fake, application, sender)


def pdf_text(data: bytes) -> str:
    """The text of a PDF, no-break spaces as spaces."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


async def _talk_and_end(tg: Harness) -> int:
    """A session with messages both ways, a file each way and an internal note; ended after
    45 minutes (2 periods, R$ 180,00). The session id."""
    request_id = await _queued(tg)
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    assert claimed.won and claimed.session_id is not None
    await tg.deliver()
    thread = await thread_of(tg.world, claimed.session_id)
    await tg.text(CHAT, "Bom dia! Preciso fechar o custo de novembro.")
    document = {"file_id": "DOC1", "file_unique_id": "uDOC1", "file_name": "custos.xlsx"}
    await tg.feed(tg.message(CHAT, document=document))
    shot = Attachment("photo", "slack", "https://files.slack/x.png", "tela.png", "image/png")
    core = tg.world.core
    await relay_from_staff(core, thread, BRUNO, "Veja a tela do fechamento", [shot])
    await relay_from_staff(core, thread, BRUNO, "// cliente parece confuso com o rateio")
    await relay_from_staff(core, thread, BRUNO, "Use a rotina de rateio mensal.")
    await tg.deliver()
    tg.world.advance(minutes=45)
    await end_session(core, claimed.session_id, by=BRUNO)
    await tg.deliver()
    return claimed.session_id


async def test_the_client_gets_the_conversation_as_a_pdf_once(tg: Harness) -> None:
    session_id = await _talk_and_end(tg)
    offer = tg.message_with(CHAT, f"recap:{session_id}")
    assert "R$\xa0180,00" in offer["text"], "the button is on the billing summary"
    assert tg.data_starting(CHAT, "rate:"), "the rating question stays as it was"

    await tg.press(CHAT, f"recap:{session_id}")
    await tg.deliver()
    [sent] = tg.fake.sent_to(CHAT, "sendDocument")
    assert f"Aqui está a conversa do atendimento #{session_id}." in tg.all_text(CHAT)
    text = pdf_text(sent.files["document"])
    for expected in (
        f"Conversa do atendimento #{session_id}",
        "Metalúrgica Exemplo",
        "Bruno Lima",
        "Custos",
        "Chat",
        "R$ 180,00",
        "Ana Cliente",
        "Bom dia! Preciso fechar o custo de novembro.",
        "custos.xlsx",
        "Veja a tela do fechamento",
        "tela.png",
        "Use a rotina de rateio mensal.",
    ):
        assert expected in text, expected
    assert "confuso" not in text and "rateio mensal" in text
    assert text.index("Bom dia!") < text.index("Veja a tela") < text.index("Use a rotina")
    shown = tg.fake.messages[(CHAT, offer["message_id"])]
    assert "reply_markup" not in shown and "Conversa enviada" in shown["text"]

    await tg.press(CHAT, f"recap:{session_id}", message=offer)  # an old copy of the button
    await tg.deliver()
    assert len(tg.fake.sent_to(CHAT, "sendDocument")) == 1, "sent once"
    assert tg.last_text(CHAT).startswith("A conversa deste atendimento já foi enviada em")

    await tg.press(CHAT, f"rate:{session_id}:4")
    await tg.deliver()
    assert (await stored_session(tg.world, session_id)).rating == 4


async def test_another_clients_session_is_not_theirs(tg: Harness) -> None:
    session_id = await _talk_and_end(tg)
    await tg.feed(
        {
            "callback_query": {
                "id": "cq-other",
                "from": tg.user("4999"),
                "chat_instance": "ci4999",
                "data": f"recap:{session_id}",
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 4999, "type": "private"},
                    "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
                    "text": "",
                },
            }
        }
    )
    await tg.deliver()
    assert tg.fake.sent_to("4999", "sendDocument") == []
    assert tg.fake.sent_to(CHAT, "sendDocument") == []
