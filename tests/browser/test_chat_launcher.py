"""The chat on a vendor's site, in a real browser: one ``<script>`` tag shows the launcher.

The vendor's page is served from another port of 127.0.0.1 (same site as the bot, so the chat's
cookie works in the frame), allowed by ``CONSULTORIA_WEB_FRAME_ANCESTORS``. The bubble opens
the chat in a floating panel, where the client links and asks for a consultant; the panel's
close button closes it; when the consultant accepts, the bubble shows the unread count; opening
the panel clears it and Escape closes it. On a phone the panel takes the whole screen.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from playwright.async_api import FrameLocator, Page, expect

from tests.browser.conftest import Screens, WebBot
from tests.browser.harness import free_port
from tests.browser.test_whole_way_web import (
    ACCESS_LABEL,
    AREA,
    CLIENT,
    DESCRIPTION,
    LIVE,
    _consultant_accepts,
    _given_the_installation,
)

pytestmark = pytest.mark.browser

VENDOR_PAGE = """<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Portal do Cliente — ERP Exemplo</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Portal do Cliente</h1><p>Notas fiscais, boletos e treinamentos do seu ERP.</p>
<script src="{bot}/chat/widget.js" async></script></body></html>
"""


@pytest.fixture
async def vendor(web_bot: WebBot) -> AsyncIterator[str]:
    """The vendor's site (one page with the tag) on another port; allowed to frame the chat."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    web_bot.env["CONSULTORIA_WEB_FRAME_ANCESTORS"] = origin

    async def page(_request: web.Request) -> web.Response:
        return web.Response(text=VENDOR_PAGE.format(bot=web_bot.url), content_type="text/html")

    app = web.Application()
    app.router.add_get("/", page)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield origin
    finally:
        await runner.cleanup()


def _chat(page: Page) -> FrameLocator:
    return page.frame_locator("iframe[title='Consultoria Online']")


async def _client_joins_the_queue(frame: FrameLocator, access_code: str) -> None:
    """Inside the panel: the access code and name, Consultoria Online, an area, the question,
    Aceito."""
    chat = frame.locator("#messages")
    await frame.get_by_label(ACCESS_LABEL).fill(access_code)
    await frame.get_by_label("Seu nome").fill(CLIENT)
    await frame.get_by_role("button", name="Entrar", exact=True).click()
    consult = chat.get_by_role("button", name="Consultoria Online", exact=True)
    await expect(consult).to_be_visible(timeout=LIVE)
    await consult.click()
    await chat.get_by_role("button", name=AREA, exact=True).click()
    await expect(chat.get_by_text(f"Área: {AREA}.")).to_be_visible(timeout=LIVE)
    await frame.get_by_label("Escreva sua mensagem").fill(DESCRIPTION)
    await frame.get_by_role("button", name="Enviar", exact=True).click()
    await chat.get_by_role("button", name="Aceito", exact=True).click()
    await expect(chat.get_by_text("Posição: 1")).to_be_visible(timeout=LIVE)


async def test_the_launcher_opens_the_chat_and_counts_what_came_while_closed(
    web_bot: WebBot, vendor: str, screens: Screens
) -> None:
    screens.series = "launcher"
    access_code = await _given_the_installation(web_bot)
    await web_bot.start()
    site = await screens.page("client")
    staff = await screens.page("consultant")
    bubble = site.locator("button.consultoria-launcher")
    badge = bubble.locator(".consultoria-unread")
    panel = site.locator(".consultoria-panel")

    await site.goto(vendor)
    await expect(bubble).to_have_attribute("aria-label", "Abrir o chat")
    await expect(panel).to_be_hidden()
    await expect(site.locator("iframe")).to_have_count(0)  # nothing loaded before it is opened
    await bubble.click()
    await expect(panel).to_be_visible()
    frame = _chat(site)
    await expect(frame.get_by_label(ACCESS_LABEL)).to_be_visible(timeout=LIVE)
    await expect(frame.locator(".chat-subtitle")).to_be_hidden()  # the panel's compact page
    await _client_joins_the_queue(frame, access_code)
    await screens.shot(site, "open")

    await frame.get_by_role("button", name="Fechar o chat").click()
    await expect(panel).to_be_hidden()
    await expect(badge).to_be_hidden()

    await _consultant_accepts(staff, web_bot, screens)
    await expect(badge).to_be_visible(timeout=LIVE)
    await expect(badge).to_have_text(re.compile(r"^[1-9]$"))
    await expect(bubble).to_have_attribute("aria-label", re.compile(r"^Abrir o chat \([1-9]\)$"))
    await screens.shot(site, "closed-unread")

    await bubble.click()
    await expect(panel).to_be_visible()
    await expect(badge).to_be_hidden()
    await expect(frame.get_by_text("vai fazer o seu atendimento agora")).to_be_visible()
    await site.keyboard.press("Escape")
    await expect(panel).to_be_hidden()

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.error_responses == [], "pages or requests answered with an error status"


async def test_on_a_phone_the_panel_takes_the_whole_screen(
    web_bot: WebBot, vendor: str, screens: Screens
) -> None:
    screens.series = "launcher-phone"
    await web_bot.start()
    site = await screens.page("client", width=390, height=844)
    await site.goto(vendor)
    await screens.shot(site, "closed")

    await site.locator("button.consultoria-launcher").click()
    panel = site.locator(".consultoria-panel")
    await expect(panel).to_be_visible()
    await expect(_chat(site).get_by_label(ACCESS_LABEL)).to_be_visible(timeout=LIVE)
    box = await panel.bounding_box()
    assert box is not None and (box["width"], box["height"]) == (390, 844)
    await expect(site.locator("button.consultoria-launcher")).to_be_hidden()
    await screens.shot(site, "open")

    await _chat(site).get_by_role("button", name="Fechar o chat").click()
    await expect(panel).to_be_hidden()
    await expect(site.locator("button.consultoria-launcher")).to_be_visible()
    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
