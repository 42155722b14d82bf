"""Beside a session's conversation the console lists the contact's and the company's past
sessions (date, area, who attended, duration, billed amount, status; a link only where the
viewer may read the session) and the company's billed time in the current month; an ended
session still names everyone who took part; the conversation names each message's sender and
time, with a separator for each day."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from sqlmodel import col, select

from core.intake import handle_text
from core.models import Company, ConsultingSession
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
)


def _visible(markup: str) -> str:
    """Markup as its visible text on one line (no-break spaces kept)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _aside(page: str) -> str:
    """The page's aside, as visible text on one line."""
    found = re.search(r'<aside class="session-aside".*?</aside>', page, re.S)
    assert found is not None, "no aside on the session page"
    return _visible(found.group(0))


def _past_links(page: str) -> set[int]:
    """The past sessions the aside links to."""
    aside = re.search(r'<aside class="session-aside".*?</aside>', page, re.S)
    assert aside is not None
    return {int(i) for i in re.findall(r'href="/console/session/(\d+)"', aside.group(0))}


async def _newest_session(web: WebWorld) -> int:
    async with web.core.db.uow() as uow:
        rows = await uow.session.exec(
            select(ConsultingSession.id).order_by(col(ConsultingSession.id).desc())
        )
        found = rows.first()
    assert found is not None
    return found


async def _attend(
    web: WebWorld, staff: StaffBrowser, company: Company, client: int, minutes: int | None
) -> int:
    """Client ``client`` asks, ``staff`` accepts in the console and (with ``minutes``) ends
    after that long; the session's id."""
    _, request_id = await queued_client(web, company, client)
    await staff.get("/console")
    status, _ = await staff.post("/console/action", {"action": f"claim:{request_id}"})
    assert status == 200 and "/console/session/" in staff.last_url
    session_id = await _newest_session(web)
    await web.deliver()
    if minutes is not None:
        web.clock.advance(timedelta(minutes=minutes))
        await staff.get(f"/console/session/{session_id}")
        status, _ = await staff.post("/console/action", {"action": f"end:{session_id}"})
        assert status == 200
        await web.deliver()
    return session_id


async def test_past_sessions_and_the_month_show_beside_the_conversation(web: WebWorld) -> None:
    company = await given_company(web)  # R$ 180,00 an hour: R$ 90,00 a 30-minute period
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    await given_account(web, "sara", roles=("secretary",), name="Sara")
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")

    # November (the clock starts on Monday 23/11/2026 10:00): 40 minutes, two periods.
    november = await _attend(web, bruna, company, 1, 40)
    web.clock.advance(timedelta(days=8))  # Tuesday 01/12/2026
    bruna, carlos = await staff_browser(web), await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200 and await carlos.sign_in("carlos") == 200
    # December: another person of the company, attended by Carlos, 10 minutes (one period).
    colleague = await _attend(web, carlos, company, 2, 10)
    # The first client again, now with Bruna: the session on screen.
    current = await _attend(web, bruna, company, 1, None)

    status, page = await bruna.get(f"/console/session/{current}")
    assert status == 200
    aside = _aside(page)
    assert "Uso da empresa neste mês (12/2026)" in aside
    assert "30 min faturados" in aside  # November's session is not this month's
    assert "1 atendimento faturado · R$\xa090,00" in aside
    assert "Atendimentos anteriores" in aside
    assert f"nº {colleague} · 01/12/2026" in aside and f"nº {november} · 23/11/2026" in aside
    assert aside.index(f"nº {colleague}") < aside.index(f"nº {november}"), "newest first"
    assert "Contato: Cliente 2" in aside and "Carlos Consultor" in aside
    assert "10 min" in aside and "40 min" in aside
    assert "R$\xa0180,00" in aside and "encerrado" in aside and "Custos" in aside
    # Bruna may open her own November session, not Carlos's conversation with Cliente 2.
    assert _past_links(page) == {november}
    status, _ = await bruna.get(f"/console/session/{colleague}")
    assert status == 403

    sara = await staff_browser(web)
    await sara.sign_in("sara")
    _, page = await sara.get(f"/console/session/{current}")
    assert _past_links(page) == {november, colleague}  # a secretary reads every session

    # The conversation's live part carries no aside; the first session's page lists the others.
    _, part = await bruna.get(f"/console/session/{current}?part=1")
    assert "session-aside" not in part
    _, page = await bruna.get(f"/console/session/{november}")
    assert f"nº {current}" in _aside(page) and "em andamento" in _aside(page)


async def test_a_session_without_history_says_so(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    current = await _attend(web, bruna, company, 1, None)
    _, page = await bruna.get(f"/console/session/{current}")
    aside = _aside(page)
    assert "Nenhum atendimento anterior deste contato ou da empresa." in aside
    assert "nenhum atendimento faturado · R$\xa00,00" in aside


async def test_an_ended_session_names_everyone_who_took_part(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Especialista", areas=("Custos",))
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    session_id = await _attend(web, bruna, company, 1, None)
    await bruna.get(f"/console/session/{session_id}")
    status, _ = await bruna.post(f"/console/session/{session_id}/specialist", {"area": "Custos"})
    assert status == 200
    web.clock.advance(timedelta(minutes=20))
    await bruna.post("/console/action", {"action": f"end:{session_id}"})
    await web.deliver()

    _, page = await bruna.get(f"/console/session/{session_id}")
    assert "Este atendimento foi encerrado." in page
    people = re.search(r'<dd class="participants">(.*?)</dd>', page, re.S)
    assert people is not None
    assert html.unescape(people.group(1)) == (
        "Bruna Consultora (responsável), Carlos Especialista (especialista)"
    )


async def test_messages_show_sender_and_time_with_a_separator_per_day(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    bruna = await staff_browser(web)
    await bruna.sign_in("bruna")
    client, request_id = await queued_client(web, company, 1)
    await bruna.get("/console")
    await bruna.post("/console/action", {"action": f"claim:{request_id}"})
    session_id = await _newest_session(web)
    await web.deliver()
    await bruna.get(f"/console/session/{session_id}")
    await bruna.post(f"/console/session/{session_id}/send", {"text": "Bom dia!"})
    web.clock.advance(timedelta(days=1, minutes=5))  # Tuesday 24/11/2026 10:05
    await handle_text(web.core, client, "Voltei: o custo ainda não fecha.")
    await web.deliver()

    bruna = await staff_browser(web)  # a new day, a new sign-in
    await bruna.sign_in("bruna")
    _, page = await bruna.get(f"/console/session/{session_id}")
    days = [_visible(d) for d in re.findall(r'<div class="day-sep"[^>]*>(.*?)</div>', page, re.S)]
    assert days == ["Ontem · 23/11/2026", "Hoje · 24/11/2026"]
    today = page[page.index("Hoje") :]
    client_msg = re.search(r'<article class="msg client".*?</article>', today, re.S)
    assert client_msg is not None
    shown = _visible(client_msg.group(0))
    assert shown == "C Cliente 1 cliente 10:05 Voltei: o custo ainda não fecha."
    mine = re.search(r'<article class="msg mine".*?</article>', page, re.S)
    assert mine is not None
    shown = _visible(mine.group(0))
    assert shown == "V Você 10:00 Bom dia!"
    bot = re.search(r'<article class="msg message".*?</article>', page, re.S)
    assert bot is not None and "Consultoria Online" in bot.group(0)
