"""The operations reports in a real browser: each chart drawn with its values and categories, the
tables, the CSV links, no JavaScript error; on a desktop and on a phone (charts fit the screen).
Screenshots: ``web-reports-NN-*.png`` in ``tests/artifacts/``."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Screens
from tests.browser.dashboard_pages import charts_on, manager_signed_in
from tests.scenario import World
from tests.web.conftest import WebWorld, web  # noqa: F401 - the in-process app, a fixture
from tests.web.dashboard.reports_helpers import operations_day
from tests.web.helpers import given_account

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db", ["sqlite"], indirect=True)]


async def _look(page: Page, screens: Screens, step: str) -> None:
    charts = await charts_on(page, "category")
    csat = charts["CSAT por consultor (%)"]
    assert csat["values"] == ["100%", "0%"], csat
    assert csat["axis"] == ["Bruno Lima", "Diego Ramos"], csat
    waits = charts["Espera por hora de entrada na fila (minutos)"]
    assert waits["values"] == ["10", "10", "20", "20"] and waits["bars"] == 4, waits
    assert waits["axis"] == ["10:00", "11:00"] and waits["legend"] == ["mediana", "p90"]
    used = charts["Utilização por consultor (%)"]
    assert used["values"] == ["33,3%", "0%", "16,7%"], used
    assert used["axis"] == ["Bruno Lima", "Carla Souza", "Diego Ramos"], used
    for chart in charts.values():
        assert chart["right"] <= chart["window"] and chart["page_width"] <= chart["window"]
    await expect(page.locator("section#revenue tfoot")).to_contain_text("R$\xa0270,00")
    link = page.locator("section#revenue a", has_text="Baixar CSV")
    await expect(link).to_have_attribute("href", "/dashboard/reports/revenue.csv?month=2026-11")
    await screens.shot(page, step)


async def test_the_reports_draw_their_charts_on_a_desktop_and_a_phone(
    web: WebWorld,  # noqa: F811 - the fixture imported above
    screens: Screens,
) -> None:
    screens.series = "reports"
    await operations_day(World(web.core, web.clock))
    await given_account(web, "gerente", roles=("manager",), name="Gustavo Gerente")

    desktop = await screens.page("manager", width=1280, height=900)
    await manager_signed_in(desktop, web.base_url, "/dashboard/reports?month=2026-11")
    await _look(desktop, screens, "reports-month")

    phone = await screens.page("manager-phone", width=390, height=844)
    await manager_signed_in(phone, web.base_url, "/dashboard/reports?month=2026-11")
    await _look(phone, screens, "phone-reports-month")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.console_errors == []
