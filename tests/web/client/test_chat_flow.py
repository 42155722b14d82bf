"""A client in the web chat, from the access code to the rating, through real HTTP.

The real aiohttp app on 127.0.0.1, the real core on both engines, the real outbox dispatcher
delivering through the real WebSender; what the client sees is read from the SSE stream and the
history, as the page's JavaScript reads it. The staff side is the core's public functions, as the
console or Slack call them (claim with the consultant's key, replies in the session thread).
"""

from __future__ import annotations

from datetime import timedelta

from core.outbox import Address
from core.queue import claim_request
from core.sessions import relay_from_staff
from tests.web.client.helpers import (
    CONSULTANT,
    choice,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    staff_room,
    texts,
)
from tests.web.conftest import WebWorld


async def test_a_client_goes_from_the_access_code_to_the_rating(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()

    status, answer = await ana.post(
        "/chat/start", {"code": company.access_code, "message_id": message_id()}
    )
    assert (status, answer) == (200, {"ok": True, "linked": True, "named": False})
    await web.deliver()
    seen = await ana.events(at_least=2)
    assert "Metalúrgica Exemplo" in texts(seen)
    await press(ana, *choice(seen, "menu:consult"))
    await web.deliver()
    seen = await ana.events()
    area, _ = choice(seen, "area:")
    request_id = int(area.split(":")[1])
    await press(ana, f"area:{request_id}:3")  # Custos
    await web.deliver()
    assert "Custos" in texts(await ana.events())

    await say(ana, "Como fechar o custo do mês?")
    await web.deliver()
    seen = await ana.events(at_least=2)
    assert seen[0]["mine"] and seen[0]["text"] == "Como fechar o custo do mês?"
    assert "R$\xa0180,00" in texts(seen), "the terms show the company's own rate"
    await press(ana, *choice(seen, "terms_ok:"))
    await web.deliver()
    seen = await ana.events(at_least=3)
    queue_card = next(e for e in seen if e["purpose"] == "queue_card")
    assert "Posição: 1" in queue_card["text"]
    assert [c["action"] for c in queue_card["choices"]] == [
        f"leave:{request_id}",
        f"tobook:{request_id}",
    ]
    assert any("aguarda um consultor" in text for text in await staff_room(web, "staff:requests"))

    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.won and result.session_id is not None
    await web.deliver()
    seen = await ana.events(at_least=2)
    replaced = [e for e in seen if e["replaces"] == queue_card["ref"]]
    assert replaced and replaced[-1]["choices"] == [], "the queue card closed in place"
    assert "Bruna Consultora" in texts(seen)

    await say(ana, "Bom dia, preciso de ajuda com o custo médio")
    await web.deliver()
    card_ref = await _request_card_ref(web)
    assert any(
        "preciso de ajuda com o custo médio" in text
        for text in await staff_room(web, "staff:requests", card_ref)
    ), "the client's message reached the session thread of the console"
    thread = Address("web", "staff:requests", card_ref)
    await relay_from_staff(web.core, thread, CONSULTANT, "Olá! Vamos ver o custo médio juntos.")
    await web.deliver()
    seen = await ana.events(at_least=2)
    assert "Vamos ver o custo médio juntos." in texts(seen)

    web.clock.advance(timedelta(minutes=40))
    await say(ana, "/menu")  # a typed command, like Telegram's
    await press(ana, f"client_end:{result.session_id}")
    await web.deliver()
    seen = await ana.events(at_least=2)
    summary = texts(seen)
    assert "R$\xa0180,00" in summary, "40 minutes: two started periods of 30 at R$\xa0180,00/h"
    rate, ref = choice(seen, f"rate:{result.session_id}:5")
    await press(ana, rate, ref)
    await web.deliver()
    assert await ana.events()

    history = await ana.history()
    assert [m["id"] for m in history] == sorted(m["id"] for m in history)
    assert {m["id"] for m in ana.received} <= {m["id"] for m in history}


async def _request_card_ref(web: WebWorld) -> str:
    from sqlmodel import select

    from core.models import ConsultingSession

    async with web.core.db.uow() as uow:
        session = (await uow.session.exec(select(ConsultingSession))).one()
        assert session.thread_channel == "staff:requests" and session.thread_ref is not None
        return session.thread_ref
