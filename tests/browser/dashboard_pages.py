"""What the dashboard's browser tests share: signing the manager in, and reading its charts."""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Page, expect

from tests.web.helpers import PASSWORD


async def manager_signed_in(page: Page, base_url: str, path: str) -> None:
    """Sign ``gerente`` in through the login form, landing on ``path``."""
    await page.goto(f"{base_url}/login?next={path}")
    await page.get_by_label("Login").fill("gerente")
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(re.escape(path) + "$"))


async def charts_on(page: Page, axis: str) -> dict[str, dict[str, Any]]:
    """Each chart by its title: the values written, the ``axis`` labels (``text.<axis>``), the
    legend, the bars, and its right edge and the page's width against the window's."""
    found: list[dict[str, Any]] = await page.evaluate(
        """(axis) => [...document.querySelectorAll("svg.chart")].map((svg) => {
          const texts = (kind) => [...svg.querySelectorAll("text." + kind)].map(
            (el) => el.textContent);
          const box = svg.getBoundingClientRect();
          return {
            title: svg.querySelector("title").textContent,
            values: texts("value"), axis: texts(axis),
            legend: [...svg.querySelectorAll("g.legend text")].map((el) => el.textContent),
            bars: svg.querySelectorAll("rect.bar").length,
            right: box.right, window: window.innerWidth,
            page_width: document.documentElement.scrollWidth,
          };
        })""",
        axis,
    )
    return {chart["title"]: chart for chart in found}
