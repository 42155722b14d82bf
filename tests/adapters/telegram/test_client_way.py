"""The client's whole way on Telegram, through the real Application and sender and the fake API."""

from __future__ import annotations

from core.outbox import Address, Attachment
from core.queue import claim_request
from core.sessions import end_session, relay_from_staff
from tests.adapters.telegram.conftest import Harness, SlackFiles
from tests.scenarios.sessions_helpers import (
    BRUNO,
    given_cast,
    open_session_of,
    stored_session,
    thread_of,
)

CHAT = "4201"


async def _queued(tg: Harness) -> int:
    """/start <code>, Consultoria Online, Custos, a description, Aceito: the request id."""
    cast = await given_cast(tg.world)
    await tg.command(CHAT, f"/start {cast.access_code}")
    await tg.deliver()
    assert "Metalúrgica Exemplo" in tg.all_text(CHAT)
    labels = [label for label, _ in tg.buttons(CHAT)]
    assert labels == ["Consultoria Online", "Suporte técnico", "Meus agendamentos", "Ajuda"]

    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    areas = tg.data_starting(CHAT, "area:")
    assert len(areas) == 8  # seven areas and "Não sei"
    request_id = int(areas[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.deliver()
    assert "Custos" in tg.last_text(CHAT)

    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    assert [label for label, _ in tg.buttons(CHAT)] == ["Aceito", "Não aceito"]
    assert "R$\xa0180,00" in tg.all_text(CHAT)

    await tg.press(CHAT, f"terms_ok:{request_id}")
    await tg.deliver()
    assert [d for _, d in tg.buttons(CHAT)] == [f"leave:{request_id}", f"tobook:{request_id}"]
    return request_id


async def test_from_start_code_to_the_rating(tg: Harness) -> None:
    request_id = await _queued(tg)
    queue_card = tg.message_with(CHAT, f"leave:{request_id}")
    answered = tg.fake.calls_of("answerCallbackQuery")
    assert len(answered) == 3  # every button press was answered

    before = len(tg.fake.calls_of("editMessageText"))
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    assert claimed.won and claimed.session_id is not None
    await tg.deliver()
    edits = [c for c in tg.fake.calls_of("editMessageText")[before:] if c.chat_id == CHAT]
    assert edits and all(int(c.params["message_id"]) == queue_card["message_id"] for c in edits)
    assert "reply_markup" not in tg.fake.messages[(CHAT, queue_card["message_id"])]
    assert "Bruno Lima" in tg.last_text(CHAT)

    # The client writes, sends a photo, a document and a voice note: all reach the thread.
    thread = await thread_of(tg.world, claimed.session_id)
    tg.fake.add_file("VOICE1", b"OggS-voice", "voice/file_1.oga")
    await tg.text(CHAT, "Bom dia!")
    await tg.feed(tg.message(CHAT, photo=[_photo("PH_S", 90), _photo("PH_L", 800)], caption="Tela"))
    document = {"file_id": "DOC1", "file_unique_id": "uDOC1", "file_name": "custos.xlsx"}
    await tg.feed(tg.message(CHAT, document=document))
    voice = {"file_id": "VOICE1", "file_unique_id": "uV1", "duration": 3, "mime_type": "audio/ogg"}
    await tg.feed(tg.message(CHAT, voice=voice))
    await tg.deliver()
    in_thread = tg.world.slack.to(thread)
    assert any("Ana Cliente: Bom dia!" in d.message.text for d in in_thread)
    relayed = [a for d in in_thread for a in d.message.attachments]
    assert [(a.kind, a.channel, a.ref) for a in relayed] == [
        ("photo", "telegram", "PH_L"),
        ("document", "telegram", "DOC1"),
        ("voice", "telegram", "VOICE1"),
    ]
    # ... and the Slack side can fetch the voice note's bytes through Telegram's FileSource.
    content = await tg.sender.file_sources["telegram"].fetch(relayed[2])
    assert content.data == b"OggS-voice"

    # The consultant answers with text, a screenshot and a voice note from Slack.
    shot = Attachment("photo", "slack", "https://files.slack/x.png", "tela.png", "image/png")
    audio = Attachment("voice", "slack", "https://files.slack/a.ogg", "audio.ogg", "audio/ogg")
    await relay_from_staff(tg.world.core, thread, BRUNO, "Veja a tela", [shot, audio])
    await tg.deliver()
    assert "Bruno Lima: Veja a tela" in tg.all_text(CHAT)
    photo = tg.fake.sent_to(CHAT, "sendPhoto")[-1]
    assert photo.files["photo"] == SlackFiles.data
    assert tg.fake.sent_to(CHAT, "sendVoice")[-1].files["voice"] == SlackFiles.data

    # 45 minutes later the consultant ends: summary (2 periods = R$ 180,00), then 1-5 stars.
    tg.world.advance(minutes=45)
    session = await open_session_of(tg.world, Address("telegram", CHAT))
    await end_session(tg.world.core, claimed.session_id, by=BRUNO)
    await tg.deliver()
    assert session.id == claimed.session_id
    summary = "\n".join(tg.fake.texts_to(CHAT)[-2:])
    assert "R$\xa0180,00" in summary
    stars = tg.data_starting(CHAT, "rate:")
    assert stars == [f"rate:{claimed.session_id}:{n}" for n in range(1, 6)]
    await tg.press(CHAT, stars[4])
    await tg.deliver()
    assert "5 de 5" in tg.all_text(CHAT)
    assert (await stored_session(tg.world, claimed.session_id)).rating == 5


async def test_the_client_ends_the_session_with_its_button(tg: Harness) -> None:
    request_id = await _queued(tg)
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    await tg.deliver()
    assert claimed.session_id is not None
    end = tg.data_starting(CHAT, "client_end:")
    assert end == [f"client_end:{claimed.session_id}"]
    tg.world.advance(minutes=10)
    await tg.press(CHAT, end[0])
    await tg.deliver()
    assert (await stored_session(tg.world, claimed.session_id)).ended_at is not None
    assert "R$\xa090,00" in tg.all_text(CHAT)
    assert tg.data_starting(CHAT, "rate:")


async def test_leaving_the_queue_and_switching_to_a_booking(tg: Harness) -> None:
    request_id = await _queued(tg)
    await tg.press(CHAT, f"tobook:{request_id}")
    await tg.deliver()
    assert tg.data_starting(CHAT, "bday:")


def _photo(file_id: str, width: int) -> dict[str, object]:
    return {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": width, "height": width}


async def test_at_the_end_the_session_buttons_go_and_a_stale_end_speaks_to_the_client(
    tg: Harness,
) -> None:
    request_id = await _queued(tg)
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    await tg.deliver()
    assert claimed.session_id is not None
    started = tg.message_with(CHAT, f"client_end:{claimed.session_id}")
    tg.world.advance(minutes=10)
    await end_session(tg.world.core, claimed.session_id, by=BRUNO)
    await tg.deliver()

    shown = next(m for m in tg.fake.chat_log(CHAT) if m["message_id"] == started["message_id"])
    assert "reply_markup" not in shown, "the start message lost its buttons at the end"
    assert tg.data_starting(CHAT, "client_end:") == []
    assert tg.data_starting(CHAT, "invite:") == []

    before = len(tg.fake.texts_to(CHAT))
    await tg.press(CHAT, f"client_end:{claimed.session_id}", message=started)
    await tg.deliver()
    said = "\n".join(tg.fake.texts_to(CHAT)[before:])
    assert "Este atendimento já foi encerrado." in said
    assert "A sessão" not in said and "nada foi alterado" not in said
    assert (await stored_session(tg.world, claimed.session_id)).ended_by == BRUNO
