"""Booking from the web chat: days, slots, duration, medium, terms, confirmation, my bookings."""

from __future__ import annotations

from tests.web.client.helpers import (
    choice,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    texts,
)
from tests.web.conftest import WebWorld


async def test_a_client_books_a_session_in_the_web_chat(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    await press(ana, "bdays")
    await web.deliver()
    seen = await ana.events()
    for prefix in ("bday:", "bslot:202611231500", "bdur:30", "bmed:0"):
        await press(ana, *choice(seen, prefix))
        await web.deliver()
        seen = await ana.events()
    assert "Nunca envie senhas aqui" in texts(seen), "Telefone asks for the number"
    await say(ana, "+55 11 98765-4321")
    await web.deliver()
    seen = await ana.events()
    assert "Meio: Telefone — (11) 98765-4321" in texts(seen)
    await press(ana, *choice(seen, "bok"))
    await web.deliver()
    seen = await ana.events()
    assert "Agendamento confirmado" in texts(seen)
    assert "R$\xa0180,00" in texts(seen), "the booking's terms show the company's rate"
    answer = await press(ana, *choice(seen, "bterms_ok:"))
    assert answer["ok"] is True
    await web.deliver()
    await ana.events()
    await press(ana, "menu:bookings")
    await web.deliver()
    mine = await ana.events()
    assert "15:00" in texts(mine) and "Nenhum agendamento" not in texts(mine)
    assert choice(mine, "bcancel:"), "a booking can be cancelled from the list"
