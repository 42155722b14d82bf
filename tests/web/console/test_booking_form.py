"""The console's booking form: the core's checks beside the fields, nothing stored on refusal;
who may book for whom; the bookings list with cancel."""

from __future__ import annotations

import pytest
from sqlmodel import select

from core.companies import add_company
from core.consultants import consultant_by_staff_key
from core.models import Booking, BookingStatus
from core.web_accounts import account_by_login
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    count,
    given_account,
    given_company,
    given_consultant,
    staff_browser,
)


async def _secretary(web: WebWorld) -> tuple[StaffBrowser, int, str]:
    company = await given_company(web)
    assert company.id is not None
    bruna = await given_consultant(web, "bruna", "Bruna Consultora")
    await given_account(web, "sara", roles=("secretary",), name="Sara")
    browser = await staff_browser(web)
    assert await browser.sign_in("sara") == 200
    await browser.get("/console/agendar")
    return browser, company.id, bruna


def _form(company_id: int | str, **changes: str) -> dict[str, str]:
    # The manual clock: Monday 23/11/2026 10:00; Tuesday 24/11 is an ordinary working day.
    form = {
        "company": str(company_id),
        "date": "24/11/2026",
        "time": "14:00",
        "duration": "60",
        "medium": "Telefone",
        "area": "Custos",
        "notes": "Revisar custos",
    }
    form.update(changes)
    return form


@pytest.mark.parametrize(
    ("changes", "field", "shown"),
    [
        ({"date": "31/02/2026"}, "date", "Data inválida"),
        ({"date": "23/11/2026", "time": "08:00"}, "time", ""),
        ({"date": "29/11/2026"}, "date", ""),  # a Sunday
        ({"date": "25/12/2026"}, "date", ""),  # Christmas
        ({"time": "19:30"}, "time", ""),  # outside opening hours
        ({"time": "25:00"}, "time", "Horário inválido"),
        ({"company": "9999"}, "company", "Empresa 9999 não encontrada"),
        ({"company": ""}, "company", ""),
        ({"duration": "7"}, "duration", "Duração inválida"),
        ({"duration": "abc"}, "duration", "Duração inválida"),
        ({"medium": "pombo-correio"}, "medium", ""),
        ({"connection": "(11) 123"}, "connection", "não é um telefone válido"),
        ({"medium": "TeamViewer", "connection": "12"}, "connection", "ID do TeamViewer"),
        ({"area": "Astrologia"}, "area", ""),
    ],
)
async def test_bad_input_is_shown_beside_its_field_and_nothing_is_stored(
    web: WebWorld, changes: dict[str, str], field: str, shown: str
) -> None:
    browser, company_id, _ = await _secretary(web)
    status, page = await browser.post("/console/agendar", _form(company_id, **changes))
    assert status in (404, 422), page
    assert f'data-field="{field}"' in page
    assert shown in page
    assert "Traceback" not in page
    assert await count(web, Booking) == 0
    assert 'value="Revisar custos"' in page or "Revisar custos" in page  # what was typed is kept


async def test_a_secretary_books_and_cancels(web: WebWorld) -> None:
    browser, company_id, _ = await _secretary(web)
    status, page = await browser.post("/console/agendar", _form(company_id))
    assert status == 200, page
    assert "/console/bookings" in browser.last_url
    assert "24/11/2026 14:00–15:00" in page and "Bruna Consultora" in page
    assert await count(web, Booking) == 1
    booking_id = int(browser.last_url.rsplit("=", 1)[1])
    status, page = await browser.post(
        f"/console/bookings/{booking_id}/cancel", {"reason": "cliente pediu"}
    )
    assert status == 200
    assert f"Agendamento nº {booking_id} cancelado." in page
    assert await count(web, Booking, Booking.status == BookingStatus.CANCELLED) == 1


async def test_a_consultant_books_only_for_themselves(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Consultor")
    async with web.core.db.uow() as uow:
        accounts = {}
        for login in ("bruna", "carlos"):
            account = await account_by_login(uow, login)
            assert account is not None
            consultant = await consultant_by_staff_key(uow, account.staff_key)
            assert consultant is not None
            accounts[login] = consultant.id
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    _, page = await bruna.get("/console/agendar")
    assert "Carlos Consultor" not in page
    form = _form(company.id or 0, consultant=str(accounts["carlos"]))
    status, page = await bruna.post("/console/agendar", form)
    assert status == 403
    assert 'data-field="consultant"' in page
    assert await count(web, Booking) == 0
    status, _ = await bruna.post("/console/agendar", _form(company.id or 0))
    assert status == 200
    async with web.core.db.uow() as uow:
        booking = (await uow.session.exec(select(Booking))).one()
    assert booking.consultant_id == accounts["bruna"]


async def test_only_bookers_open_the_form(web: WebWorld) -> None:
    await given_account(web, "suporte", roles=("support",))
    browser = await staff_browser(web)
    await browser.sign_in("suporte")
    status, _ = await browser.get("/console/agendar")
    assert status == 403


async def test_a_company_no_consultant_serves_is_not_offered(web: WebWorld) -> None:
    browser, _, _ = await _secretary(web)
    async with web.core.db.uow() as uow:
        shop = await add_company(
            uow,
            web.clock,
            name="Loja do Varejo",
            cnpj=None,
            product_line="varejo",  # a product line not served online yet
            hourly_rate_cents=15000,
            lines=web.core.config.product_lines,
        )
        await uow.commit()
    _, page = await browser.get("/console/agendar")
    assert "Metalúrgica Exemplo" in page
    assert "Loja do Varejo" not in page
    status, page = await browser.post("/console/agendar", _form(shop.id or 0))
    assert status == 422 and 'data-field="company"' in page  # forced anyway: the core refuses
    assert "ainda não está disponível" in page
    assert await count(web, Booking) == 0
