"""Leaving a message when closed, in a real browser: the client's chat offers *Deixar recado*
beside booking and keeps the next text; the console's *Recados* page shows it to the team, who
take it (*Vou responder*) — on a desktop and on a phone."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import Screens, WebBot

pytestmark = pytest.mark.browser

LIVE = 20_000  # ms
PASSWORD = "senha-da-demo-2026"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MESSAGE = "Preciso fechar o custo do mês. Podem me ligar amanhã cedo?"


def _closed_now() -> str:
    """Opening hours that are not now: one hour, three days from today (São Paulo)."""
    today = datetime.now(ZoneInfo("America/Sao_Paulo")).weekday()
    return f"{DAYS[(today + 3) % 7]} 10:00-11:00"


def _printed(output: str, pattern: str) -> str:
    found = re.search(pattern, output)
    assert found is not None, f"{pattern!r} not in the demo-data output:\n{output}"
    return found.group(1)


async def _leave_a_message(client: Page, chat_url: str) -> None:
    await client.goto(chat_url)
    chat = client.locator("#messages")
    await chat.get_by_role("button", name="Consultoria Online").click(timeout=LIVE)
    await chat.get_by_role("button", name="Custos").last.click(timeout=LIVE)
    await client.locator("#text").fill("Como fechar o custo do mês?")
    await client.get_by_role("button", name="Enviar").click()
    await expect(chat.get_by_text("Estamos fora do horário de atendimento agora")).to_be_visible(
        timeout=LIVE
    )
    await chat.get_by_role("button", name="Deixar recado").last.click()
    await expect(chat.get_by_text("Escreva o seu recado")).to_be_visible(timeout=LIVE)
    await client.locator("#text").fill(MESSAGE)
    await client.get_by_role("button", name="Enviar").click()
    await expect(chat.get_by_text("Recado guardado.")).to_be_visible(timeout=LIVE)


async def _sign_in(page: Page, url: str, login: str) -> None:
    await page.goto(f"{url}/login?next=/console/offline")
    await page.get_by_label("Login").fill(login)
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/console/offline$"))


async def test_a_client_leaves_a_message_and_the_team_takes_it(
    web_bot: WebBot, screens: Screens
) -> None:
    screens.series = "offline"
    web_bot.env["CONSULTORIA_OPENING_HOURS"] = _closed_now()
    output = (await web_bot.cli("demo-data", "--password", PASSWORD)).stdout
    chat_url = _printed(output, r"Chat do cliente: (\S+)")
    await web_bot.start()

    client = await screens.page("client", width=420, height=900)
    await _leave_a_message(client, chat_url)
    await screens.shot(client, "client-phone-message-kept")

    staff = await screens.page("consultant")
    await _sign_in(staff, web_bot.url, "consultora")
    item = staff.locator("article.offline-message")
    await expect(item.get_by_text(MESSAGE)).to_be_visible()
    await expect(item.get_by_text("Aguardando alguém da equipe")).to_be_visible()
    await screens.shot(staff, "console-open-message")
    await item.get_by_role("button", name="Vou responder").click()
    await expect(item.get_by_text(re.compile(r"^Com .+ desde "))).to_be_visible()
    await screens.shot(staff, "console-taken")

    chat = client.locator("#messages")
    await expect(chat.get_by_text("viu o seu recado e vai responder em breve")).to_be_visible(
        timeout=LIVE
    )
    await screens.shot(client, "client-phone-someone-answers")

    desktop = await screens.page("client-desktop")
    await _leave_a_message(desktop, chat_url)
    await screens.shot(desktop, "client-desktop-message-kept")

    phone = await screens.page("consultant-phone", width=390, height=800)
    await _sign_in(phone, web_bot.url, "consultora")
    width = await phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "nothing spills sideways on a phone"
    await screens.shot(phone, "console-phone")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
