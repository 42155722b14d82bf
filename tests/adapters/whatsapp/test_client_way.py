"""The client's whole way on WhatsApp: the real webhook and sender against the fake Graph API."""

from __future__ import annotations

from core.models import Request, RequestStatus
from core.outbox import Address, Attachment
from core.queue import claim_request
from core.sessions import end_session, relay_from_staff
from tests.adapters.telegram.conftest import SlackFiles
from tests.adapters.whatsapp.conftest import WaHarness, fixture
from tests.scenarios.sessions_helpers import BRUNO, given_cast, stored_session, thread_of

CLIENT = "5548988887777"


async def _queued(wa: WaHarness) -> int:
    """CODIGO <code>, Consultoria Online, Custos, a description, Aceito: the request id."""
    cast = await given_cast(wa.world)
    assert await wa.text(CLIENT, f"CODIGO {cast.access_code}") == 200
    await wa.deliver()
    assert "Metalúrgica Exemplo" in wa.all_text(CLIENT)
    menu = wa.choices(CLIENT)
    titles = [title for _, title in menu]
    assert titles == ["Consultoria Online", "Suporte técnico", "Meus agendamentos", "Ajuda"]
    assert wa.fake.sent(CLIENT)[-1].body["interactive"]["type"] == "list"  # four: a list

    await wa.press(CLIENT, "menu:consult")
    await wa.deliver()
    areas = wa.ids_starting(CLIENT, "area:")
    assert len(areas) == 8  # seven areas and "Não sei": one list, no paging
    request_id = int(areas[0].split(":")[1])
    await wa.press(CLIENT, f"area:{request_id}:3")
    await wa.deliver()
    assert "Custos" in wa.all_text(CLIENT)

    await wa.text(CLIENT, "Como fechar o custo do mês?")
    await wa.deliver()
    last = wa.fake.sent(CLIENT)[-1]
    assert last.body["interactive"]["type"] == "button"  # two short choices: reply buttons
    assert [title for _, title in wa.choices(CLIENT)] == ["Aceito", "Não aceito"]
    assert "R$\xa0180,00" in wa.all_text(CLIENT)

    await wa.press(CLIENT, f"terms_ok:{request_id}")
    await wa.deliver()
    assert [i for i, _ in wa.choices(CLIENT)] == [f"leave:{request_id}", f"tobook:{request_id}"]
    return request_id


async def test_from_the_code_to_the_rating(wa: WaHarness) -> None:
    request_id = await _queued(wa)
    claimed = await claim_request(wa.world.core, request_id, BRUNO)
    assert claimed.won and claimed.session_id is not None
    await wa.deliver()
    assert "Bruno Lima" in wa.all_text(CLIENT)

    # The client writes and sends a photo: both reach the thread; the bytes come through Graph.
    thread = await thread_of(wa.world, claimed.session_id)
    wa.fake.add_media("1003383421387256", b"\xff\xd8\xff-jpeg", "image/jpeg")
    await wa.text(CLIENT, "Bom dia!")
    photo = fixture("image_message")["entry"][0]["changes"][0]["value"]["messages"][0]["image"]
    await wa.post(wa.message(CLIENT, type="image", image=photo))
    await wa.deliver()
    in_thread = wa.world.slack.to(thread)
    assert any("Ana Cliente: Bom dia!" in d.message.text for d in in_thread)
    relayed = [a for d in in_thread for a in d.message.attachments]
    assert [(a.kind, a.channel, a.ref) for a in relayed] == [
        ("photo", "whatsapp", "1003383421387256")
    ]
    content = await wa.channel.files.fetch(relayed[0])
    assert content.data == b"\xff\xd8\xff-jpeg"
    assert content.mime_type == "image/jpeg"

    # The consultant answers with text and a screenshot: uploaded, then sent by media id.
    shot = Attachment("photo", "slack", "https://files.slack/x.png", "tela.png", "image/png")
    await relay_from_staff(wa.world.core, thread, BRUNO, "Veja a tela", [shot])
    await wa.deliver()
    assert "Bruno Lima: Veja a tela" in wa.all_text(CLIENT)
    uploads = [c for c in wa.fake.calls if c.path.endswith("/media")]
    assert uploads and uploads[-1].files["file"] == SlackFiles.data
    images = [c for c in wa.fake.sent(CLIENT) if c.kind == "image"]
    assert images and images[-1].body["image"]["id"] in wa.fake.media

    # 45 minutes later the consultant ends: summary (2 periods = R$ 180,00), then 1-5 stars.
    wa.world.advance(minutes=45)
    await end_session(wa.world.core, claimed.session_id, by=BRUNO)
    await wa.deliver()
    assert "R$\xa0180,00" in "\n".join(c.text for c in wa.fake.sent(CLIENT)[-3:])
    stars = wa.ids_starting(CLIENT, "rate:")
    assert stars == [f"rate:{claimed.session_id}:{n}" for n in range(1, 6)]
    await wa.press(CLIENT, stars[4])
    await wa.deliver()
    assert "5 de 5" in wa.all_text(CLIENT)
    assert (await stored_session(wa.world, claimed.session_id)).rating == 5


async def test_the_bare_code_links_too(wa: WaHarness) -> None:
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, cast.access_code)
    await wa.deliver()
    assert "Metalúrgica Exemplo" in wa.all_text(CLIENT)


async def test_a_stale_button_says_it_expired_and_shows_the_state(wa: WaHarness) -> None:
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, f"codigo {cast.access_code}")
    await wa.deliver()
    before = len(wa.fake.sent(CLIENT))
    await wa.press(CLIENT, "terms_ok:999999")
    await wa.deliver()
    assert len(wa.fake.sent(CLIENT)) > before


async def test_the_address_is_the_wa_id(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    outbox = await wa.world.outbox(Address("whatsapp", CLIENT))
    assert outbox


async def test_documents_and_audio_go_both_ways(wa: WaHarness) -> None:
    request_id = await _queued(wa)
    claimed = await claim_request(wa.world.core, request_id, BRUNO)
    assert claimed.session_id is not None
    await wa.deliver()
    thread = await thread_of(wa.world, claimed.session_id)
    wa.fake.add_media("2001", b"%PDF-1.7 custos", "application/pdf")
    wa.fake.add_media("2002", b"OggS-voice", "audio/ogg; codecs=opus")
    document = {"id": "2001", "mime_type": "application/pdf", "filename": "custos.pdf"}
    await wa.post(wa.message(CLIENT, type="document", document=document))
    voice = {"id": "2002", "mime_type": "audio/ogg; codecs=opus", "voice": True}
    await wa.post(wa.message(CLIENT, type="audio", audio=voice))
    await wa.deliver()
    relayed = [a for d in wa.world.slack.to(thread) for a in d.message.attachments]
    assert [(a.kind, a.ref, a.name) for a in relayed] == [
        ("document", "2001", "custos.pdf"),
        ("voice", "2002", None),
    ]
    pdf = await wa.channel.files.fetch(relayed[0])
    assert (pdf.data, pdf.name) == (b"%PDF-1.7 custos", "custos.pdf")
    ogg = await wa.channel.files.fetch(relayed[1])
    assert ogg.data == b"OggS-voice" and ogg.name == "voice.ogg"

    # From the consultant: an audio note and a spreadsheet (not a WhatsApp media type).
    audio = Attachment("voice", "slack", "https://files.slack/a.ogg", "audio.ogg", "audio/ogg")
    sheet = Attachment("document", "slack", "https://files.slack/p.xlsx", "plano.xlsx", None)
    await relay_from_staff(wa.world.core, thread, BRUNO, "Segue", [audio, sheet])
    await wa.deliver()
    assert [c.kind for c in wa.fake.sent(CLIENT)[-3:]] == ["text", "audio", "document"]
    files = [c for c in wa.fake.sent(CLIENT) if c.kind == "document"]
    assert files[-1].body["document"]["filename"] == "plano.xlsx"


async def test_typed_commands_work_as_in_the_web_chat(wa: WaHarness) -> None:
    request_id = await _queued(wa)
    await wa.text(CLIENT, "/cancelar")
    await wa.deliver()
    async with wa.world.core.db.read() as uow:
        request = await uow.session.get(Request, request_id)
    assert request is not None and request.status != RequestStatus.QUEUED
    await wa.text(CLIENT, "/menu")
    await wa.deliver()
    titles = [title for _, title in wa.choices(CLIENT)]
    assert "Consultoria Online" in titles
