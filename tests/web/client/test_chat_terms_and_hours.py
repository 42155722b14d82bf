"""SPEC rules in the web chat: refusing the terms bills nothing; closed hours offer a booking."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import func, select

from core.models import BillingRecord, Consent, Request
from tests.web.client.helpers import (
    choice,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    texts,
)
from tests.web.conftest import Browser, WebWorld

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


async def _to_the_terms(web: WebWorld) -> tuple[Browser, list[dict[str, Any]]]:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await press(ana, *choice(await ana.events(at_least=2), "menu:consult"))
    await web.deliver()
    asked, _ = choice(await ana.events(), "area:")
    await press(ana, f"area:{asked.split(':')[1]}:3")
    await web.deliver()
    await ana.events()
    await say(ana, "Como fechar o custo do mês?")
    await web.deliver()
    return ana, await ana.events(at_least=2)


async def test_refusing_the_terms_queues_nothing_and_bills_nothing(web: WebWorld) -> None:
    ana, seen = await _to_the_terms(web)
    await press(ana, *choice(seen, "terms_no:"))
    await web.deliver()
    shown = texts(await ana.events())
    assert "nada será cobrado" in shown
    assert "suporte técnico gratuito" in shown
    async with web.core.db.uow() as uow:
        consents = (await uow.session.exec(select(Consent))).all()
        queued = (await uow.session.exec(select(Request).where(Request.status == "queued"))).all()
        billed = (await uow.session.exec(select(func.count()).select_from(BillingRecord))).one()
    assert [c.accepted for c in consents] == [False]
    assert queued == []
    assert billed == 0


async def test_outside_opening_hours_the_chat_names_the_next_opening_before_any_terms(
    web: WebWorld,
) -> None:
    web.clock.set(datetime(2026, 11, 23, 12, 30, tzinfo=SAO_PAULO))  # Monday, lunch break
    _ana, events = await _to_the_terms(web)
    assert "fora do horário de atendimento" in texts(events)
    assert "13:30" in texts(events)
    offered = [c["action"] for e in events for c in e["choices"]]
    assert not any(a.startswith("terms_ok:") for a in offered), "no paid terms while closed"
    assert "bday:20261123" in offered, "booking offered from today, the first day still open"
    async with web.core.db.uow() as uow:
        billed = (await uow.session.exec(select(func.count()).select_from(BillingRecord))).one()
    assert billed == 0
