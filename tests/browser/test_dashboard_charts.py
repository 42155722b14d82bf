"""The dashboard's charts with one day of data, in a real browser: labelled bars with their
values and the day's date, a legend and the period in words, on a desktop and on a phone (the
chart fits the screen). Screenshots: ``web-charts-NN-*.png`` in ``tests/artifacts/``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Screens
from tests.browser.dashboard_pages import charts_on, manager_signed_in
from tests.scenario import World
from tests.scenarios.sessions_helpers import given_cast
from tests.web.conftest import WebWorld, web  # noqa: F401 - the in-process app, a fixture
from tests.web.dashboard.helpers import day_of_sessions
from tests.web.helpers import given_account

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db", ["sqlite"], indirect=True)]

WAITS = "Tempo de espera por dia (minutos): mediana e p90"


async def _look(page: Page, screens: Screens, step: str) -> None:
    charts = await charts_on(page, "day")
    waits, sessions = charts[WAITS], charts["Sessões por dia"]
    assert waits["values"] == ["15", "20"] and waits["axis"] == ["23/11"], waits
    assert waits["legend"] == ["mediana", "p90"] and waits["bars"] == 2, waits
    assert sessions["values"] == ["2"] and sessions["axis"] == ["23/11"], sessions
    assert sessions["legend"] == ["Sessões iniciadas"], sessions
    for chart in (waits, sessions):
        assert chart["right"] <= chart["window"] and chart["page_width"] <= chart["window"]
    period = page.locator("p.chart-period")
    await expect(period).to_have_text("Período: de 25/10/2026 a 23/11/2026 (30 dias).")
    await screens.shot(page, step)
    close_up = screens.folder / f"web-charts-{len(screens.taken) + 1:02d}-{step}-close-up.png"
    await page.locator("section.card", has=page.locator("svg.chart")).screenshot(path=str(close_up))
    screens.taken.append(close_up)


async def test_a_one_day_chart_is_labelled_bars_on_a_desktop_and_a_phone(
    web: WebWorld,  # noqa: F811 - the fixture imported above
    screens: Screens,
) -> None:
    screens.series = "charts"
    world = World(web.core, web.clock)
    await day_of_sessions(world, await given_cast(world), (10, 20))
    web.clock.set(web.clock.now() - timedelta(days=1))
    await given_account(web, "gerente", roles=("manager",), name="Gustavo Gerente")

    desktop = await screens.page("manager", width=1280, height=900)
    await manager_signed_in(desktop, web.base_url, "/dashboard")
    await _look(desktop, screens, "dashboard-one-day")

    phone = await screens.page("manager-phone", width=390, height=844)
    await manager_signed_in(phone, web.base_url, "/dashboard")
    await _look(phone, screens, "phone-dashboard-one-day")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
