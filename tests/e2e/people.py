"""Several people at once, for the fault tests: clients who queue, consultants who accept."""

from __future__ import annotations

from sqlmodel import select

from core.models import ConsultingSession
from tests.e2e.harness import CHANNELS, E2E

AREAS = ("Manufatura", "Suprimentos", "Estoque", "Custos", "Comercial", "Financeiro")


async def client_queues(e2e: E2E, chat: str, code: str, area: str) -> int:
    """``/start <code>``, Consultoria Online, ``area``, a description, Aceito: the request id."""
    e2e.command(chat, f"/start {code}")
    await e2e.until(lambda: e2e.has_button(chat, "menu:consult"), f"{chat}: the menu")
    e2e.press(chat, "menu:consult")
    await e2e.until(lambda: e2e.has_button(chat, "area:"), f"{chat}: the areas")
    request_id = int(e2e.buttons(chat, "area:")[0].split(":")[1])
    e2e.press(chat, f"area:{request_id}:{AREAS.index(area)}")
    await e2e.until(lambda: any(area in t for t in e2e.texts(chat)[-1:]), f"{chat}: area")
    e2e.text(chat, f"Dúvida de {chat} sobre {area}")
    await e2e.until(lambda: e2e.has_button(chat, "terms_ok:"), f"{chat}: the terms")
    e2e.press(chat, f"terms_ok:{request_id}")
    await e2e.until(lambda: e2e.has_button(chat, f"leave:{request_id}"), f"{chat}: queue card")
    return request_id


def card_of(e2e: E2E, request_id: int) -> str | None:
    """The ts of the request card showing *Aceitar* for ``request_id`` (None if not yet out)."""
    wanted = f"claim:{request_id}"
    for call in e2e.posted(CHANNELS["requests"]):
        if call.args.get("thread_ts") is None and wanted in str(call.args.get("blocks")):
            return str(call.result["ts"])
    return None


async def accepts(e2e: E2E, request_id: int, user: str) -> tuple[str, int]:
    """``user`` clicks *Aceitar* on the request's card: the thread ts and the session id."""
    await e2e.until(lambda: card_of(e2e, request_id) is not None, f"card of {request_id}")
    card_ts = card_of(e2e, request_id)
    assert card_ts is not None
    assert await e2e.click(f"claim:{request_id}", user, message_ts=card_ts) == 200
    async with e2e.bot.core.db.uow() as uow:
        statement = select(ConsultingSession.id).where(ConsultingSession.request_id == request_id)
        (session_id,) = (await uow.session.exec(statement)).all()
    assert session_id is not None
    return card_ts, session_id
