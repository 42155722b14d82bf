"""The manager dashboard over real HTTP: billing and CSV, consents, roles, live panel, charts."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time

from adapters.web.context import WebConfig
from core.billing_records import billed_sessions, write_export_csv
from core.booking import Actor, BookingOrder, book
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
from core.sessions import end_session
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BETO,
    BRUNO,
    SECRETARY,
    Cast,
    claimed,
    given_cast,
    queued,
)
from tests.web.conftest import Browser, WebWorld
from tests.web.console.apps import running_app
from tests.web.dashboard.helpers import get, signed_in


async def _billed_session(web: WebWorld) -> tuple[Cast, int]:
    """Ana's consulting session with Bruno, 50 minutes at R$ 180,00/h (billed R$ 180,00)."""
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    web.clock.advance(timedelta(minutes=50))
    await end_session(web.core, session_id, by=BRUNO)
    async with web.core.db.uow() as uow:
        contact = await find_contact(uow, ANA)
    assert contact is not None and contact.id is not None
    return cast, contact.id


def _cells(html: str, company_id: int) -> list[str]:
    row = re.search(rf'<tr data-company="{company_id}">(.*?)</tr>', html, re.S)
    assert row is not None, html
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]


async def test_a_manager_sees_the_billed_amount_per_company_and_month_and_the_csv_matches(
    web: WebWorld,
) -> None:
    cast, _ = await _billed_session(web)
    manager = await signed_in(web, "gerente", roles=("manager",))

    status, html, _ = await get(manager, "/dashboard/billing?month=2026-11")
    assert status == 200
    company, ended, billed, duration, periods, amount, media, _link = _cells(html, cast.company_id)
    assert (company, ended, billed, duration, periods, amount, media) == (
        "Metalúrgica Exemplo",
        "1",
        "1",
        "50 min",
        "2",
        "R$\xa0180,00",
        "Chat 1",
    )
    assert re.search(r'class="num total">R\$\xa0180,00<', html)

    status, body, headers = await get(manager, "/dashboard/billing.csv?month=2026-11")
    assert status == 200
    assert headers["Content-Type"].startswith("text/csv")
    assert 'filename="cobranca-2026-11.csv"' in headers["Content-Disposition"]
    header, *rows, total = list(csv.reader(io.StringIO(body)))
    assert [row[header.index("amount_cents")] for row in rows] == ["18000"]
    assert total[header.index("amount")] == "R$\xa0180,00"
    async with web.core.db.uow() as uow:  # what `consultoria billing export` writes
        exported = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
    expected = io.StringIO()
    write_export_csv(exported, expected, tz=SAO_PAULO, language="pt-BR")
    assert body == expected.getvalue()

    status, html, _ = await get(manager, "/dashboard/billing?month=2026-10")
    assert status == 200 and "Nenhuma sessão neste mês." in html
    status, html, _ = await get(manager, "/dashboard/billing?month=novembro")
    assert status == 400 and "Mês inválido: novembro" in html
    assert "Traceback" not in html


async def test_a_session_billed_at_the_minimum_shows_its_duration_and_the_period_charged(
    web: WebWorld,
) -> None:
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    session_id = await claimed(world, await queued(world, cast, ANA), BRUNO)
    web.clock.advance(timedelta(minutes=1))  # one minute, billed as the 30-minute minimum
    await end_session(web.core, session_id, by=BRUNO)
    manager = await signed_in(web, "gerente", roles=("manager",))

    status, html, _ = await get(manager, "/dashboard/billing?month=2026-11")
    assert status == 200
    headers = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", html)]
    assert headers[3:6] == ["Duração", "Períodos cobrados", "Valor"]
    assert "Minutos cobrados" not in html
    _, _, _, duration, periods, amount, _, _ = _cells(html, cast.company_id)
    assert (duration, periods, amount) == ("1 min", "1", "R$\xa090,00")
    assert "Cobra-se cada período iniciado de 30 min, no mínimo 1 por sessão" in html
    status, body, _ = await get(manager, "/dashboard/billing.csv?month=2026-11")
    header, row, _total = list(csv.reader(io.StringIO(body)))
    assert (row[header.index("minutes")], row[header.index("periods")]) == ("1", "1")


async def test_the_consent_page_shows_the_exact_terms_version_and_text(web: WebWorld) -> None:
    _, ana = await _billed_session(web)
    manager = await signed_in(web, "gerente", roles=("manager",))

    status, html, _ = await get(manager, "/dashboard/contacts?q=ana")
    assert status == 200
    assert f'href="/dashboard/contacts/{ana}"' in html and "Ana Cliente" in html
    _, by_company, _ = await get(manager, "/dashboard/contacts?q=metal%C3%BArgica")
    assert f'href="/dashboard/contacts/{ana}"' in by_company
    _, none, _ = await get(manager, "/dashboard/contacts?q=zzz")
    assert "Nenhum contato encontrado" in none

    status, html, _ = await get(manager, f"/dashboard/contacts/{ana}")
    assert status == 200
    assert "Aceito" in html
    assert re.search(r'class="terms-version">versão 1 \(pt-BR\)<', html)
    assert re.search(r'class="rate">R\$\xa0180,00<', html)
    assert "23/11/2026 10:00" in html
    sha = re.search(r'class="sha">([0-9a-f]{64})<', html)
    assert sha is not None
    assert "confere com o texto abaixo" in html
    assert "R$\xa0180,00 por hora" in html or "R$\xa0180,00" in html.split("<pre>")[1]
    assert "/export.json" not in html  # the LGPD actions are the admins'


async def test_without_the_manager_role_the_dashboard_is_refused(web: WebWorld) -> None:
    await _billed_session(web)
    consultant = await signed_in(web, "bruno", staff_key=BRUNO)
    for path in ("/dashboard", "/dashboard/billing", "/dashboard/billing.csv", "/dashboard/live"):
        status, body, _ = await get(consultant, path)
        assert status == 403, path
        assert "R$\xa0180,00" not in body

    nobody = Browser(consultant.http.__class__(), web.base_url)
    web.browsers.append(nobody)
    status, _, headers = await get(nobody, "/dashboard/billing")
    assert status == 303 and headers["Location"].startswith("/login?next=")


async def test_erasing_a_contact_needs_an_admin_and_the_csrf_token(web: WebWorld) -> None:
    _, ana = await _billed_session(web)
    manager = await signed_in(web, "gerente", roles=("manager",))
    admin = await signed_in(web, "admin", roles=("admin",))
    page = f"/dashboard/contacts/{ana}"

    for path in (f"{page}/erase", f"{page}/export.json"):
        status, _, _ = await get(manager, path)
        assert status == 403, path
    status, _, _ = await post_form_json(manager, f"{page}/erase", with_token=True)
    assert status == 403

    status, body, headers = await get(admin, f"{page}/export.json")
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    assert json.loads(body)["contact"]["name"] == "Ana Cliente"

    status, html, _ = await get(admin, page)
    assert f'href="{page}/erase"' in html
    status, html, _ = await get(admin, f"{page}/erase")
    assert status == 200 and "Isto não pode ser desfeito." in html
    status, _, _ = await post_form_json(admin, f"{page}/erase", with_token=False)
    assert status == 403
    _, still, _ = await get(admin, page)
    assert "Ana Cliente" in still

    status, _, location = await post_form_json(admin, f"{page}/erase", with_token=True)
    assert status == 303 and location == f"{page}?erased=1"
    _, html, _ = await get(admin, location)
    assert "Dados pessoais apagados em" in html and "Ana Cliente" not in html
    assert "versão 1 (pt-BR)" in html  # the consent is kept
    _, billing, _ = await get(admin, "/dashboard/billing?month=2026-11")
    assert re.search(r'class="num total">R\$\xa0180,00<', billing)


async def post_form_json(browser: Browser, path: str, *, with_token: bool) -> tuple[int, str, str]:
    """Open the page before (for its CSRF token), then POST the form with or without it."""
    await browser.open(path)
    form = {"csrf_token": browser.csrf} if with_token else {}
    async with browser.http.post(
        browser.base_url + path, data=form, allow_redirects=False
    ) as response:
        return response.status, await response.text(), response.headers.get("Location", "")


async def _panel(browser: Browser, seconds: float = 5.0) -> str:
    """The first ``panel`` event of /dashboard/live."""
    deadline = time.monotonic() + seconds
    async with browser.http.get(
        browser.base_url + "/dashboard/live", headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        while time.monotonic() < deadline:
            line = (await asyncio.wait_for(response.content.readline(), seconds)).decode()
            if line.startswith("data: "):
                return str(json.loads(line[6:])["html"])
    raise AssertionError("no panel event")


def _figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">[^<]*<strong>([^<]*)</strong>', html)
    assert found is not None, html
    return found.group(1)


async def test_the_overview_shows_the_queue_live_the_weeks_bookings_and_the_charts(
    web: WebWorld,
) -> None:
    cast, ana = await _billed_session(web)
    world = World(web.core, web.clock)
    tuesday = datetime.combine(date(2026, 11, 24), clock_time(14), tzinfo=SAO_PAULO)
    await book(
        web.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=ana,
            consultant_id=cast.consultant_ids[BRUNO],
            area="Custos",
            starts_at=tuesday,
            duration=timedelta(minutes=30),
            medium="Telefone",
        ),
        by=Actor.staff(SECRETARY),
    )
    manager = await signed_in(web, "gerente", roles=("manager",))
    panel = await _panel(manager)
    assert _figure(panel, "waiting") == "0" and "Ninguém aguardando." in panel
    assert "Bruno Lima" in panel

    await queued(world, cast, BETO)
    web.clock.advance(timedelta(minutes=7))
    panel = await _panel(manager)
    assert _figure(panel, "waiting") == "1"
    assert _figure(panel, "oldest") == "7 min"

    status, html, _ = await get(manager, "/dashboard")
    assert status == 200
    assert 'data-figure="waiting">' in html
    booking = re.search(r'<span class="booking" data-booking="\d+">([^<]*)</span>', html)
    assert booking is not None and booking.group(1).startswith("14:00–14:30 Metalúrgica Exemplo")
    assert "terça-feira 24/11" in html
    chart = re.search(r"<svg[^>]*>\s*<title>Sessões por dia</title>.*?</svg>", html, re.S)
    assert chart is not None
    sessions = re.findall(r'class="bar"[^>]*data-day="([\d-]+)" data-value="(\d+)"', chart[0])
    assert sessions == [("2026-11-23", "1")]  # a bar for the one day with a session
    waits = re.findall(r'data-series="mediana" data-day="([\d-]+)" data-value="([\d,]+)"', html)
    assert waits == [("2026-11-23", "0")]  # Ana was taken at once


async def test_the_dashboard_speaks_english_to_an_english_speaking_manager(web: WebWorld) -> None:
    cast, _ = await _billed_session(web)
    manager = await signed_in(web, "manager", roles=("manager",), language="en")
    status, html, _ = await get(manager, "/dashboard/billing?month=2026-11")
    assert status == 200
    assert "Sessions and billing per company" in html
    assert _cells(html, cast.company_id)[3:6] == ["50 min", "2", "R$180.00"]


async def test_a_forged_company_in_the_export_link_is_a_clear_400(web: WebWorld) -> None:
    manager = await signed_in(web, "gerente", roles=("manager",))
    for company in ("9" * 30, "2147483648", "0", "-1", "1e3", "%C2%B9"):
        status, body, _ = await get(
            manager, f"/dashboard/billing.csv?month=2026-11&company={company}"
        )
        assert status == 400, company
        assert "Empresa inválida" in body, company


async def test_the_calendar_has_the_columns_and_rows_of_the_opening_hours(
    db: Database, clock: ManualClock
) -> None:
    saturdays = OpeningHours(
        HoursConfig(
            timezone=SAO_PAULO,
            weekly=parse_weekly_schedule("mon-fri 08:00-12:00 13:30-18:00; sat 07:00-12:30"),
        )
    )
    async with running_app(db, clock, WebConfig(), hours=saturdays) as web:
        cast, ana = await _billed_session(web)
        saturday = datetime.combine(date(2026, 11, 28), clock_time(7), tzinfo=SAO_PAULO)
        await book(
            web.core,
            BookingOrder(
                company_id=cast.company_id,
                contact_id=ana,
                consultant_id=cast.consultant_ids[BRUNO],
                area="Custos",
                starts_at=saturday,
                duration=timedelta(minutes=30),
                medium="Telefone",
            ),
            by=Actor.staff(SECRETARY),
        )
        manager = await signed_in(web, "gerente", roles=("manager",))
        status, html, _ = await get(manager, "/dashboard")
    assert status == 200
    heads = re.findall(r"<th(?: class=\"[^\"]*\")?>([^<]*)</th>", html)
    assert "sábado 28/11" in heads and not any(h.startswith("domingo") for h in heads)
    assert re.search(r'<span class="booking" data-booking="\d+">07:00–07:30', html)
    rows = re.findall(r"<tr><th[^>]*>(\d\d):00</th>", html)
    assert rows[0] == "07" and rows[-1] == "17"
