"""A company trying the bot: ``consultoria demo-data`` prints a chat address with the access code
filled in and the demo accounts' passwords; in a real browser the printed chat address links the
client at once, and the printed consultant account signs in to the printed console address."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.conftest import Screens, WebBot

pytestmark = pytest.mark.browser

LIVE = 20_000  # ms


def _printed(output: str, pattern: str) -> str:
    found = re.search(pattern, output)
    assert found is not None, f"{pattern!r} not in the demo-data output:\n{output}"
    return found.group(1)


async def test_the_printed_addresses_and_accounts_work_in_a_browser(
    web_bot: WebBot, screens: Screens
) -> None:
    screens.series = "demo"
    output = (await web_bot.cli("demo-data")).stdout
    company = _printed(output, r"Empresa: (.+?) \(")
    chat_url = _printed(output, r"Chat do cliente: (\S+)")
    console_url = _printed(output, r"Console da equipe: (\S+)")
    password = _printed(output, r"Conta consultora \(.*\) — senha: (\S+)")
    assert chat_url.startswith(f"{web_bot.url}/chat?code=")
    assert console_url == f"{web_bot.url}/console"
    await web_bot.start()

    client = await screens.page("client", width=420, height=860)
    await client.goto(chat_url)
    chat = client.locator("#messages")
    await expect(chat.get_by_text(f"vinculado à empresa {company}")).to_be_visible(timeout=LIVE)
    await expect(chat.get_by_role("button", name="Consultoria Online")).to_be_visible()
    await expect(client.get_by_label("Código de acesso da sua empresa")).to_be_hidden()
    await screens.shot(client, "client-linked-by-the-printed-address")

    staff = await screens.page("consultant")
    await staff.goto(console_url)
    await expect(staff).to_have_url(re.compile(r"/login"))
    await staff.get_by_label("Login").fill("consultora")
    await staff.get_by_label("Senha").fill(password)
    await staff.get_by_role("button", name="Entrar", exact=True).click()
    await expect(staff).to_have_url(console_url)
    await expect(
        staff.get_by_role("heading", name=re.compile("Pedidos aguardando"))
    ).to_be_visible()
    await screens.shot(staff, "console-signed-in")

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.error_responses == [], "pages or requests answered with an error status"
    assert await web_bot.server.stop() == 0, web_bot.server.log()
