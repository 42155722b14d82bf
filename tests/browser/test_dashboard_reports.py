"""The operations reports in a real browser: each chart drawn with its values and categories, the
tables, the CSV links, no JavaScript error; on a desktop and on a phone (charts fit the screen).
Screenshots: ``web-reports-NN-*.png`` in ``tests/artifacts/``."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Screens
from tests.scenario import World
from tests.web.conftest import WebWorld, web  # noqa: F401 - the in-process app, a fixture
from tests.web.dashboard.reports_helpers import operations_day
from tests.web.helpers import PASSWORD, given_account

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db", ["sqlite"], indirect=True)]


async def _signed_in(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/login?next=/dashboard/reports?month=2026-11")
    await page.get_by_label("Login").fill("gerente")
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/dashboard/reports\?month=2026-11$"))


async def _charts(page: Page) -> dict[str, Any]:
    """Each chart's written values, categories and legend, and its width against the window's."""
    found: list[dict[str, Any]] = await page.evaluate(
        """() => [...document.querySelectorAll("svg.chart")].map((svg) => {
          const texts = (kind) => [...svg.querySelectorAll("text." + kind)].map(
            (el) => el.textContent);
          const box = svg.getBoundingClientRect();
          return {
            title: svg.querySelector("title").textContent,
            values: texts("value"), categories: texts("category"),
            legend: [...svg.querySelectorAll("g.legend text")].map((el) => el.textContent),
            bars: svg.querySelectorAll("rect.bar").length,
            right: box.right, window: window.innerWidth,
            page_width: document.documentElement.scrollWidth,
          };
        })"""
    )
    return {chart["title"]: chart for chart in found}


async def _look(page: Page, screens: Screens, step: str) -> None:
    charts = await _charts(page)
    csat = charts["CSAT por consultor (%)"]
    assert csat["values"] == ["100%", "0%"], csat
    assert csat["categories"] == ["Bruno Lima", "Diego Ramos"], csat
    waits = charts["Espera por hora de entrada na fila (minutos)"]
    assert waits["values"] == ["10", "10", "20", "20"] and waits["bars"] == 4, waits
    assert waits["categories"] == ["10:00", "11:00"] and waits["legend"] == ["mediana", "p90"]
    used = charts["Utilização por consultor (%)"]
    assert used["values"] == ["33,3%", "0%", "16,7%"], used
    assert used["categories"] == ["Bruno Lima", "Carla Souza", "Diego Ramos"], used
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
    await _signed_in(desktop, web.base_url)
    await _look(desktop, screens, "reports-month")

    phone = await screens.page("manager-phone", width=390, height=844)
    await _signed_in(phone, web.base_url)
    await _look(phone, screens, "phone-reports-month")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.console_errors == []
