"""The operations reports over real HTTP: a day made through the core, every figure on the page
and in each CSV; roles; bad periods; revenue equal to the billing CSV."""

from __future__ import annotations

import csv
import io
import re

from core.billing_records import billed_sessions, write_export_csv
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import BRUNO
from tests.web.conftest import Browser, WebWorld
from tests.web.dashboard.helpers import get, signed_in
from tests.web.dashboard.reports_helpers import operations_day

NOVEMBER = "/dashboard/reports?month=2026-11"


def section(html: str, name: str) -> str:
    """The report's section of the page."""
    found = re.search(rf'<section class="card report" id="{name}".*?</section>', html, re.S)
    assert found is not None, name
    return found.group(0)


def _text(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell).strip()


def table(html: str, name: str) -> list[list[str]]:
    """The report's rows as the page writes them (body rows, then the total row)."""
    part = section(html, name)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", part, re.S)
    return [[_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows[1:]]


async def report_csv(browser: Browser, name: str, query: str = "month=2026-11") -> list[list[str]]:
    """The report's CSV, checked to be a UTF-8 CSV download named after the report and month."""
    status, body, headers = await get(browser, f"/dashboard/reports/{name}.csv?{query}")
    assert status == 200, body
    assert headers["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{name}-2026-11.csv"' in headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(body)))


async def test_a_manager_reads_every_report_of_the_month_on_the_page_and_in_csv(
    web: WebWorld,
) -> None:
    await operations_day(World(web.core, web.clock))
    manager = await signed_in(web, "gerente", roles=("manager",))

    status, html, _ = await get(manager, NOVEMBER)
    assert status == 200
    assert "Período: de 01/11/2026 a 30/11/2026." in html
    assert table(html, "csat-consultant") == [
        ["Bruno Lima", "1", "1", "5,0", "100,0%"],
        ["Diego Ramos", "1", "0", "3,0", "0,0%"],
        ["Total", "2", "1", "4,0", "50,0%"],
    ]
    assert table(html, "csat-area") == [
        ["Custos", "2", "1", "4,0", "50,0%"],
        ["Total", "2", "1", "4,0", "50,0%"],
    ]
    assert table(html, "csat-month") == [
        ["11/2026", "2", "1", "4,0", "50,0%"],
        ["Total", "2", "1", "4,0", "50,0%"],
    ]
    assert table(html, "conversion") == [
        ["11/2026", "2", "1", "1", "50,0%"],
        ["Total", "2", "1", "1", "50,0%"],
    ]
    # Ana, Beto, Caio (booking) and Dora's conversion accepted; Dora and Beto refused once.
    assert table(html, "refusals") == [
        ["11/2026", "6", "2", "33,3%"],
        ["Total", "6", "2", "33,3%"],
    ]
    assert table(html, "no-shows") == [
        ["11/2026", "1", "1", "100,0%"],
        ["Total", "1", "1", "100,0%"],
    ]
    assert table(html, "waits") == [
        ["10:00", "1", "10,0", "10,0"],
        ["11:00", "1", "20,0", "20,0"],
        ["Total", "2", "15,0", "20,0"],
    ]
    # Bruno: 10:00-12:00 and 14:00-14:30; Carla and Diego: 10:00-12:00 (opening hours).
    assert table(html, "utilisation") == [
        ["Bruno Lima", "150", "50", "33,3%"],
        ["Carla Souza", "120", "0", "0,0%"],
        ["Diego Ramos", "120", "20", "16,7%"],
        ["Total", "390", "70", "17,9%"],
    ]
    assert table(html, "revenue") == [
        ["Metalúrgica Exemplo", "1", "11/2026", "2", "70", "3", "R$\xa0270,00"],
        ["Total", "", "", "2", "70", "3", "R$\xa0270,00"],
    ]

    assert await report_csv(manager, "csat-consultant") == [
        ["consultant", "rated", "satisfied", "average", "csat_pct"],
        ["Bruno Lima", "1", "1", "5.0", "100.0"],
        ["Diego Ramos", "1", "0", "3.0", "0.0"],
        ["Total", "2", "1", "4.0", "50.0"],
    ]
    assert await report_csv(manager, "conversion") == [
        ["month", "support", "converted", "refused", "conversion_pct"],
        ["2026-11", "2", "1", "1", "50.0"],
        ["Total", "2", "1", "1", "50.0"],
    ]
    assert (await report_csv(manager, "waits"))[1:] == [
        ["10:00", "1", "10.0", "10.0"],
        ["11:00", "1", "20.0", "20.0"],
        ["Total", "2", "15.0", "20.0"],
    ]
    assert await report_csv(manager, "utilisation") == [
        ["consultant", "available_minutes", "billed_minutes", "utilisation_pct"],
        ["Bruno Lima", "150", "50", "33.3"],
        ["Carla Souza", "120", "0", "0.0"],
        ["Diego Ramos", "120", "20", "16.7"],
        ["Total", "390", "70", "17.9"],
    ]
    assert (await report_csv(manager, "no-shows"))[1] == ["2026-11", "1", "1", "100.0"]
    assert (await report_csv(manager, "refusals"))[1] == ["2026-11", "6", "2", "33.3"]
    header, *rows, total = await report_csv(manager, "revenue")
    assert header == [
        "company",
        "company_id",
        "month",
        "sessions",
        "minutes",
        "periods",
        "amount_cents",
        "amount",
    ]
    assert [row[0] for row in rows] == ["Metalúrgica Exemplo"]
    assert total[-2:] == ["27000", "R$\xa0270,00"]


async def test_revenue_is_the_billing_csv_total_to_the_cent(web: WebWorld) -> None:
    await operations_day(World(web.core, web.clock))
    manager = await signed_in(web, "gerente", roles=("manager",))
    async with web.core.db.uow() as uow:
        rows = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
    billing_total = write_export_csv(rows, io.StringIO(), tz=SAO_PAULO, language="pt-BR")
    _, body, _ = await get(manager, "/dashboard/billing.csv?month=2026-11")
    *_, billing_last = list(csv.reader(io.StringIO(body)))
    *_, revenue_total = await report_csv(manager, "revenue")
    assert int(revenue_total[-2]) == billing_total == int(billing_last[10]) == 27000


async def test_an_empty_month_says_so_in_every_chart_and_table(web: WebWorld) -> None:
    await operations_day(World(web.core, web.clock))
    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, "/dashboard/reports?month=2026-10")
    assert status == 200
    assert table(html, "waits") == []
    assert '<p class="no-rows">Sem dados neste período</p>' in section(html, "waits")
    assert table(html, "utilisation")[-1] == ["Total", "0", "0", "-"]
    assert html.count('class="no-data">Sem dados neste período<') == 3
    status, html, _ = await get(manager, NOVEMBER)
    assert html.count("<svg") == 3 and 'class="no-data"' not in html


async def test_a_range_of_months_adds_them_up_and_is_capped(web: WebWorld) -> None:
    await operations_day(World(web.core, web.clock))
    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, "/dashboard/reports?from=2026-10&to=2026-12")
    assert status == 200
    assert table(html, "no-shows") == [
        ["10/2026", "0", "0", "-"],
        ["11/2026", "1", "1", "100,0%"],
        ["12/2026", "0", "0", "-"],
        ["Total", "1", "1", "100,0%"],
    ]
    assert 'href="/dashboard/reports/no-shows.csv?from=2026-10&amp;to=2026-12"' in html
    status, html, _ = await get(manager, "/dashboard/reports?from=2025-01&to=2027-01")
    assert status == 400 and "Intervalo longo demais: no máximo 24 meses." in html


async def test_bad_periods_are_refused_in_the_managers_language(web: WebWorld) -> None:
    manager = await signed_in(web, "gerente", roles=("manager",))
    for query, text in (
        ("month=novembro", "Mês inválido: novembro. Use aaaa-mm"),
        ("month=2026-13", "Mês inválido: 2026-13."),
        ("month=9999-12", "Mês inválido: 9999-12."),
        ("from=2026-11", "Intervalo inválido"),
        ("from=2026-12&to=2026-11", "Intervalo inválido"),
        ("month=2026-11&from=2026-10&to=2026-11", "Informe um mês ou um intervalo"),
        ("month=" + "9" * 5000, "Mês inválido"),
    ):
        status, html, _ = await get(manager, "/dashboard/reports?" + query)
        assert status == 400 and text in html, query
        assert "Traceback" not in html
        status, body, _ = await get(manager, "/dashboard/reports/waits.csv?" + query)
        assert status == 400 and text in body, query
    english = await signed_in(web, "manager", roles=("manager",), language="en")
    status, body, _ = await get(english, "/dashboard/reports/waits.csv?month=nov")
    assert status == 400 and body.startswith("Invalid month: nov. Use yyyy-mm")
    status, body, _ = await get(manager, "/dashboard/reports/secret.csv?month=2026-11")
    assert status == 404


async def test_only_managers_and_admins_see_the_reports(web: WebWorld) -> None:
    await operations_day(World(web.core, web.clock))
    consultant = await signed_in(web, "bruno", staff_key=BRUNO)
    secretary = await signed_in(web, "sara", roles=("secretary",))
    for browser in (consultant, secretary):
        for path in (NOVEMBER, "/dashboard/reports/revenue.csv?month=2026-11"):
            status, body, _ = await get(browser, path)
            assert status == 403, path
            assert "R$" not in body
    admin = await signed_in(web, "admin", roles=("admin",))
    status, html, _ = await get(admin, NOVEMBER)
    assert status == 200 and 'href="/dashboard/reports" class="active"' in html


async def test_an_english_speaking_manager_reads_the_reports_in_english(web: WebWorld) -> None:
    await operations_day(World(web.core, web.clock))
    manager = await signed_in(web, "manager", roles=("manager",), language="en")
    status, html, _ = await get(manager, NOVEMBER)
    assert status == 200
    assert "Support to consulting conversion" in html
    assert table(html, "csat-month")[0] == ["11/2026", "2", "1", "4.0", "50.0%"]
    assert table(html, "revenue")[0][-1] == "R$270.00"
