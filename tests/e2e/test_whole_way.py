"""The whole way, one running bot (real PTB polling, real bolt over HTTP) against both fakes.

A client from ``/start <code>`` to the rating, a consultant in Slack with a specialist called in,
then a secretary's ``/agendar`` for that client, the reminders and the booked session starting on
time. Every assertion reads what a person would see: the fake Telegram chat and the fake Slack.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from core.models import BillingRecord
from tests.e2e.harness import CHANNELS, E2E
from tests.fakes import slack_signing as signing
from tests.scenarios.booking_helpers import TUESDAY, at
from tests.scenarios.sessions_helpers import BRUNO, CARLA, SECRETARY, given_cast, stored_session

CHAT = "4201"
REQUESTS = CHANNELS["requests"]
PHOTO = b"\xff\xd8\xff\xe0client-photo"
SCREENSHOT = b"\x89PNG\r\n\x1a\nconsultant-screenshot"


async def _client_queues(e2e: E2E) -> int:
    """/start <code>, Consultoria Online, Custos, a description, Aceito: the request id."""
    cast = await given_cast(e2e.world)
    e2e.command(CHAT, f"/start {cast.access_code}")
    await e2e.until(lambda: e2e.has_button(CHAT, "menu:consult"), "the menu")
    assert any("Metalúrgica Exemplo" in text for text in e2e.texts(CHAT))
    e2e.press(CHAT, "menu:consult")
    await e2e.until(lambda: e2e.has_button(CHAT, "area:"), "the areas")
    request_id = int(e2e.buttons(CHAT, "area:")[0].split(":")[1])
    e2e.press(CHAT, f"area:{request_id}:3")  # Custos
    await e2e.until(lambda: "Custos" in e2e.texts(CHAT)[-1], "the area chosen")
    e2e.text(CHAT, "Como fechar o custo do mês?")
    await e2e.until(lambda: e2e.has_button(CHAT, "terms_ok:"), "the terms")
    assert any("R$\xa0180,00" in text for text in e2e.texts(CHAT))  # the company's own rate
    e2e.press(CHAT, f"terms_ok:{request_id}")
    await e2e.until(lambda: e2e.has_button(CHAT, "leave:"), "the queue card")
    return request_id


async def _consultant_accepts(e2e: E2E, request_id: int) -> str:
    """Bruno clicks *Aceitar* on the request card; the card's ts (the session thread)."""
    await e2e.until(lambda: bool(e2e.posted(REQUESTS)), "the request card")
    card = e2e.posted(REQUESTS)[0]
    card_ts = str(card.result["ts"])
    assert "Metalúrgica Exemplo" in str(card.args.get("blocks"))
    assert await e2e.click(f"claim:{request_id}", BRUNO, message_ts=card_ts) == 200
    await e2e.until(lambda: any("Bruno Lima" in t for t in e2e.texts(CHAT)), "Bruno assigned")
    return card_ts


async def _ten_messages_each_way(e2e: E2E, thread: str) -> None:
    """The client writes nine texts and a photo; Bruno answers nine texts and a screenshot."""
    for n in range(1, 10):
        e2e.text(CHAT, f"cliente diz {n:02d}")
    e2e.photo(CHAT, "PHOTO1", PHOTO, caption="cliente diz 10 (foto)")

    def from_client() -> list[str]:
        return [t for t in e2e.posted_texts(REQUESTS, thread) if "cliente diz" in t]

    await e2e.until(lambda: len(from_client()) >= 10, "ten client messages in the thread")
    await e2e.until(lambda: bool(e2e.slack.uploads), "the photo uploaded")
    assert [t.split("cliente diz ")[1][:2] for t in from_client()] == [
        f"{n:02d}" for n in range(1, 11)
    ]
    assert list(e2e.slack.uploads.values()) == [PHOTO]
    (upload,) = e2e.slack.calls_to("files.completeUploadExternal")
    assert upload.args.get("thread_ts") == thread and upload.args.get("channel_id") == REQUESTS

    for n in range(1, 10):
        reply = e2e.thread_reply(BRUNO, f"consultor diz {n:02d}", thread)
        assert await e2e.event(reply, event_id=f"EvR{n:02d}") == 200
    url = e2e.slack.add_file("tela.png", SCREENSHOT, "image/png")
    shot = {"id": "F1", "name": "tela.png", "mimetype": "image/png", "url_private": url}
    reply = e2e.thread_reply(
        BRUNO, "consultor diz 10 (tela)", thread, subtype="file_share", files=[shot]
    )
    assert await e2e.event(reply, event_id="EvR10") == 200

    def to_client() -> list[str]:
        return [t for t in e2e.texts(CHAT) if "consultor diz" in t]

    await e2e.until(lambda: len(to_client()) >= 10, "ten consultant messages in Telegram")
    await e2e.until(lambda: bool(e2e.telegram.sent_to(CHAT, "sendPhoto")), "the screenshot")
    assert [t.split("consultor diz ")[1][:2] for t in to_client()] == [
        f"{n:02d}" for n in range(1, 11)
    ]
    assert all(t.startswith("Bruno Lima:") for t in to_client())
    assert [c.files["photo"] for c in e2e.telegram.sent_to(CHAT, "sendPhoto")] == [SCREENSHOT]


async def _specialist_called(e2e: E2E, session_id: int, thread: str) -> None:
    """Bruno presses *Chamar especialista* and picks Estoque: Carla is invited into the thread."""
    button = f"specialist:{session_id}"
    assert await e2e.click(button, BRUNO, message_ts=thread, thread_ts=thread) == 200
    (opened,) = e2e.slack.calls_to("views.open")
    view = opened.json_arg("view")
    assert view["callback_id"] == "session_specialist"
    payload = signing.view_submission(
        "session_specialist",
        {"area": {"area": {"selected_option": {"value": "Estoque"}}}},
        user_id=BRUNO,
        private_metadata=str(session_id),
    )
    assert await e2e.submit(payload) == 200
    mention = f"<@{CARLA}>"
    await e2e.until(
        lambda: any(mention in t for t in e2e.posted_texts(REQUESTS, thread)), "Carla invited"
    )


async def _ended_billed_and_rated(e2e: E2E, session_id: int, thread: str) -> None:
    """45 minutes later Bruno ends: R$ 180,00 everywhere; the client gives 5 stars."""
    await e2e.quiet()
    before = len(e2e.texts(CHAT))
    e2e.clock.advance(timedelta(minutes=45))
    assert await e2e.click(f"end:{session_id}", BRUNO, message_ts=thread, thread_ts=thread) == 200
    await e2e.until(lambda: e2e.has_button(CHAT, f"rate:{session_id}:"), "the rating buttons")
    await e2e.until(lambda: bool(e2e.posted(CHANNELS["billing"])), "the billing card")
    await e2e.quiet()
    summary = [t for t in e2e.texts(CHAT)[before:] if "R$\xa0180,00" in t]
    assert len(summary) == 1 and "2" in summary[0]
    assert sum("R$\xa0180,00" in t for t in e2e.posted_texts(REQUESTS, thread)) == 1
    (billing_card,) = e2e.posted(CHANNELS["billing"])
    fields = [
        f["text"] for b in billing_card.json_arg("blocks") if b.get("fields") for f in b["fields"]
    ]
    assert "*Total*\nR$\xa0180,00" in fields and "*Períodos*\n2" in fields
    e2e.press(CHAT, f"rate:{session_id}:5")
    await e2e.until(lambda: any("5 de 5" in t for t in e2e.texts(CHAT)), "the thanks")
    await e2e.until(
        lambda: any("5 de 5" in t for t in e2e.posted_texts(REQUESTS, thread)), "rating in thread"
    )
    assert (await stored_session(e2e.world, session_id)).rating == 5
    async with e2e.bot.core.db.uow() as uow:
        records = (await uow.session.exec(select(BillingRecord))).all()
    assert [(r.session_id, r.periods, r.amount_cents) for r in records] == [(session_id, 2, 18000)]


async def _booked_reminded_and_started(e2e: E2E) -> None:
    """The secretary books Tuesday 14:00 with Bruno; reminders the day before and 15 min before;
    at 14:00 the session starts and both sides are told."""
    answer = await e2e.command_as(
        "/agendar", "Metalúrgica 24/11 14:00 60 teamviewer <@U0BRUNO|bruno>", SECRETARY
    )
    assert answer.startswith("Agendado: nº ") and "24/11/2026 14:00–15:00" in answer
    assert "Ana Cliente" in answer
    booking_id = int(answer.split("nº ")[1].split()[0])
    await e2e.quiet()
    assert sum("24/11/2026" in t for t in e2e.texts(CHAT)) == 1
    assert any("24/11/2026" in t for t in e2e.posted_texts(BRUNO))

    for moment, left in (
        (at(TUESDAY, "14:00") - timedelta(days=1), "1 dia"),
        (at(TUESDAY, "13:45"), "15 min"),
    ):
        e2e.clock.set(moment)
        await e2e.quiet()
        await e2e.until(
            lambda left=left: any(  # type: ignore[misc]
                f"nº {booking_id} começa daqui a" in t and left in t for t in e2e.texts(CHAT)
            ),
            f"the client's reminder ({left})",
        )
        await e2e.until(
            lambda: any(
                f"nº {booking_id} começa daqui a" in t for t in e2e.posted_texts(BRUNO)[-1:]
            ),
            f"Bruno's reminder ({left})",
        )
    reminders = [t for t in e2e.texts(CHAT) if "começa daqui a" in t]
    assert len(reminders) == 2
    e2e.clock.set(at(TUESDAY, "14:00"))
    started = f"O agendamento nº {booking_id} começou agora"
    await e2e.until(lambda: any(started in t for t in e2e.posted_texts(BRUNO)), "Bruno told")
    await e2e.until(
        lambda: any(f"nº {booking_id} começou" in t for t in e2e.texts(CHAT)), "the client told"
    )
    await e2e.quiet()
    assert sum(started in t for t in e2e.posted_texts(BRUNO)) == 1


async def test_the_whole_way_from_start_code_to_a_booked_session(e2e: E2E) -> None:
    request_id = await _client_queues(e2e)
    thread = await _consultant_accepts(e2e, request_id)
    await e2e.quiet()
    session = await _session_of_request(e2e, request_id)
    await _ten_messages_each_way(e2e, thread)
    await _specialist_called(e2e, session, thread)
    await _ended_billed_and_rated(e2e, session, thread)
    await _booked_reminded_and_started(e2e)
    # Nothing a person received twice: every text to the client is distinct but the menus.
    relayed = [t for t in e2e.texts(CHAT) if "consultor diz" in t]
    assert len(relayed) == len(set(relayed)) == 10


async def _session_of_request(e2e: E2E, request_id: int) -> int:
    from core.models import ConsultingSession

    async with e2e.bot.core.db.uow() as uow:
        found = (
            await uow.session.exec(
                select(ConsultingSession.id).where(ConsultingSession.request_id == request_id)
            )
        ).all()
    (session_id,) = found
    assert session_id is not None
    return int(session_id)
