"""The staff pages look like a tool, in a real browser: the console's and the dashboard's top bar
is one bar (links on the left, the name and *Sair* on the right, a coloured background), table
cells have room, label/value pairs sit in two columns without the browser's indentation, and on
a phone the top bar still shows *Sair* and nothing spills sideways off the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Screens, WebBot

pytestmark = pytest.mark.browser

PASSWORD = "senha-da-demo-2026"

# A console-like fragment built in the page: what the stylesheet makes of the console's classes.
_PROBE = """() => {
  const main = document.querySelector("main.page");
  const box = document.createElement("section");
  box.className = "card";
  box.innerHTML = '<table class="queue"><thead><tr><th>Nº</th></tr></thead>'
    + '<tbody><tr><td>1</td></tr></tbody></table>'
    + '<dl class="fields"><dt>Empresa</dt><dd>Demo</dd></dl>';
  main.appendChild(box);
  const style = (selector) => getComputedStyle(box.querySelector(selector));
  const dt = box.querySelector("dt").getBoundingClientRect();
  const dd = box.querySelector("dd").getBoundingClientRect();
  const found = {
    td_padding: parseFloat(style("td").paddingLeft),
    th_padding: parseFloat(style("th").paddingLeft),
    dd_margin: parseFloat(style("dd").marginLeft),
    pair_on_one_line: Math.abs(dt.top - dd.top) < 2 && dd.left > dt.right,
  };
  box.remove();
  return found;
}"""


async def _top_bar(page: Page) -> dict[str, Any]:
    """Where the top bar's parts are, and its colour."""
    found: dict[str, Any] = await page.evaluate(
        """() => {
      const bar = document.querySelector("header.topbar");
      const rect = (el) => el.getBoundingClientRect();
      const nav = rect(bar.querySelector("nav"));
      const out = rect(bar.querySelector(".who button"));
      return {
        background: getComputedStyle(bar).backgroundColor,
        height: rect(bar).height,
        nav_left: nav.left, nav_top: nav.top, nav_bottom: nav.bottom,
        out_left: out.left, out_right: out.right, out_top: out.top,
        page_width: document.documentElement.scrollWidth, window: window.innerWidth,
      };
    }"""
    )
    return found


async def test_the_console_and_dashboard_have_a_top_bar_tidy_tables_and_fit_a_phone(
    web_bot: WebBot, screens: Screens
) -> None:
    screens.series = "look"
    await web_bot.cli("demo-data", "--password", PASSWORD)
    await web_bot.start()

    staff = await screens.page("manager")
    await staff.goto(f"{web_bot.url}/console")
    await staff.get_by_label("Login").fill("gerente")
    await staff.get_by_label("Senha").fill(PASSWORD)
    await staff.get_by_role("button", name="Entrar", exact=True).click()
    await expect(staff).to_have_url(re.compile(r"/console$"))

    for path in ("/console", "/dashboard"):
        await staff.goto(web_bot.url + path)
        bar = await _top_bar(staff)
        assert bar["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), bar
        assert bar["height"] < 80, f"{path}: one bar, not stacked links ({bar})"
        assert bar["nav_left"] < 400 and bar["out_right"] > 1100, f"{path}: {bar}"
        assert bar["out_top"] < bar["nav_bottom"], f"{path}: Sair beside the links ({bar})"
        probe = await staff.evaluate(_PROBE)
        assert probe["td_padding"] >= 8 and probe["th_padding"] >= 8, probe
        assert probe["dd_margin"] == 0 and probe["pair_on_one_line"], probe
        await screens.shot(staff, path.strip("/"))

    cells = await staff.evaluate(
        """() => [...document.querySelectorAll("table.consultants td")].map(
          (td) => parseFloat(getComputedStyle(td).paddingLeft))"""
    )
    assert cells and min(cells) >= 8, cells
    await staff.goto(f"{web_bot.url}/dashboard/billing")
    await screens.shot(staff, "dashboard-billing")

    phone = await screens.page("manager-phone", width=390, height=800)
    await phone.goto(f"{web_bot.url}/login?next=/console")
    await phone.get_by_label("Login").fill("gerente")
    await phone.get_by_label("Senha").fill(PASSWORD)
    await phone.get_by_role("button", name="Entrar", exact=True).click()
    await expect(phone).to_have_url(re.compile(r"/console$"))
    for path in ("/console", "/dashboard"):
        await phone.goto(web_bot.url + path)
        bar = await _top_bar(phone)
        assert bar["out_right"] <= bar["window"], f"{path}: Sair within the screen ({bar})"
        assert bar["page_width"] <= bar["window"], f"{path}: nothing spills sideways ({bar})"
        await screens.shot(phone, f"phone-{path.strip('/')}")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.error_responses == [], screens.error_responses
