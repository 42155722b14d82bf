"""The whole way on the web, in a real browser: the bot runs as ``consultoria run`` (web only,
SQLite), headless Chromium opens its pages like people do.

A client in one browser profile gives their name with the access code and goes to the billing
summary (drawn as a receipt) and the rating, every message labelled with its sender and time, the
terms' lists as lists, the unread count in the tab's title while it is hidden; a consultant in
another signs in, accepts the request (the client shown by name) in the console, talks with
the client (seeing their own message in the thread) and ends the session (the billing summary
on its lines); a manager in a third sees the billed amount in the dashboard. Every page is saved
as a full-page screenshot under ``tests/artifacts/`` (``web-NN-<step>.png``); the client's chat
also at desktop width (``...-desktop``).
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Dialog, Page, ViewportSize, expect

from tests.browser.conftest import Screens, WebBot

pytestmark = pytest.mark.browser

COMPANY = "Metalúrgica Exemplo Ltda"
RATE = "200,00"  # R$ 200,00 per hour: the 30-minute minimum costs R$ 100,00
BILLED = "R$\xa0100,00"
CONSULTANT_KEY = "WBRUNO00001"
CONSULTANT = "Bruno Lima"
CONSULTANT_LOGIN, CONSULTANT_PASSWORD = "bruno", "senha-do-bruno-2026"
MANAGER = "Gustavo Gerente"
MANAGER_LOGIN, MANAGER_PASSWORD = "gerente", "senha-do-gerente-2026"
CLIENT = "Ana Souza"
ACCESS_LABEL = "Código de acesso da sua empresa"
AREA = "Custos"
DESCRIPTION = "Como fechar o custo do mês no sistema?"
FROM_CONSULTANT = "Olá! Vamos abrir o fechamento de custos juntos."
FROM_CLIENT = "Combinado, a tela de fechamento já está aberta aqui."
LIVE = 20_000  # ms: live updates (SSE) and the outbox's delivery, generously
PHONE = ViewportSize(width=420, height=860)
DESKTOP = ViewportSize(width=1280, height=900)
TIME = re.compile(r"^\d{2}:\d{2}$")


async def _shot_both_widths(page: Page, screens: Screens, step: str) -> None:
    """The client's chat as a phone shows it, then at desktop width (then a phone again)."""
    await screens.shot(page, step)
    await page.set_viewport_size(DESKTOP)
    await screens.shot(page, f"{step}-desktop")
    await page.set_viewport_size(PHONE)


async def _tab_hidden(page: Page, hidden: bool) -> None:
    """Make the page believe its tab was hidden (or shown again), as switching tabs does."""
    await page.evaluate(
        """(hidden) => {
            Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


async def _given_the_installation(bot: WebBot) -> str:
    """The company (rate R$ 200,00/h), the consultant with a web account, a manager account;
    the company's access code."""
    added = await bot.cli(
        "company", "add", "--name", COMPANY, "--product-line", "industrial", "--rate", RATE
    )
    code = re.search(r"Código de acesso: ([A-Z0-9]+)", added.stdout)
    assert code is not None, added.describe()
    await bot.cli(
        "staff",
        "add",
        "--slack-user",
        CONSULTANT_KEY,
        "--login",
        CONSULTANT_LOGIN,
        "--name",
        CONSULTANT,
        "--password-stdin",
        stdin=CONSULTANT_PASSWORD + "\n",
    )
    await bot.cli(
        "consultant", "add", "--slack-user", CONSULTANT_KEY, "--name", CONSULTANT, "--areas", AREA
    )
    await bot.cli(
        "staff",
        "add",
        "--login",
        MANAGER_LOGIN,
        "--name",
        MANAGER,
        "--role",
        "manager",
        "--password-stdin",
        stdin=MANAGER_PASSWORD + "\n",
    )
    return code.group(1)


async def _client_joins_the_queue(
    page: Page, bot: WebBot, access_code: str, screens: Screens
) -> None:
    """Access code, Consultoria Online, an area, a description, Aceito: the queue position."""
    chat = page.locator("#messages")
    await page.goto(f"{bot.url}/chat")
    await expect(page.get_by_label("Código de acesso da sua empresa")).to_be_visible()
    await expect(chat.get_by_text("preciso saber de qual empresa você é")).to_be_visible(
        timeout=LIVE
    )
    await screens.shot(page, "client-chat-opened")

    await page.get_by_label("Código de acesso da sua empresa").fill(access_code)
    await page.get_by_label("Seu nome").fill(CLIENT)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(chat.get_by_text(f"vinculado à empresa {COMPANY}")).to_be_visible(timeout=LIVE)
    await expect(page.get_by_label("Código de acesso da sua empresa")).to_be_hidden()
    consult = chat.get_by_role("button", name="Consultoria Online", exact=True)
    await expect(consult).to_be_visible(timeout=LIVE)
    await screens.shot(page, "client-linked-menu")

    await consult.click()
    await expect(chat.get_by_text("Em qual área é a sua dúvida?")).to_be_visible(timeout=LIVE)
    await screens.shot(page, "client-areas")
    await chat.get_by_role("button", name=AREA, exact=True).click()
    await expect(chat.get_by_text(f"Área: {AREA}.")).to_be_visible(timeout=LIVE)

    await page.get_by_label("Escreva sua mensagem").fill(DESCRIPTION)
    await page.get_by_role("button", name="Enviar", exact=True).click()
    accept = chat.get_by_role("button", name="Aceito", exact=True)
    await expect(accept).to_be_visible(timeout=LIVE)
    await expect(chat.get_by_text("R$\xa0200,00").first).to_be_visible()  # the company's own rate
    terms = chat.locator("li.message", has_text="Termos da Consultoria Online")
    await expect(terms.locator("ul > li", has_text="A cobrança mínima")).to_have_count(1)
    assert await terms.locator("ul").count() >= 4, "each of the terms' lists is a list"
    assert "- " not in await terms.locator("ul").first.inner_text()
    await _shot_both_widths(page, screens, "client-terms")

    await accept.click()
    await expect(chat.get_by_text("Você está na fila da Consultoria Online.")).to_be_visible(
        timeout=LIVE
    )
    await expect(chat.get_by_text("Posição: 1")).to_be_visible()
    await screens.shot(page, "client-in-queue")


async def _signs_in(page: Page, bot: WebBot, login: str, password: str, where: str) -> None:
    """Open ``where`` (redirected to /login), sign in, land back on ``where``."""
    await page.goto(f"{bot.url}{where}")
    await expect(page).to_have_url(re.compile(r"/login"))
    await page.get_by_label("Login").fill(login)
    await page.get_by_label("Senha").fill(password)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(re.escape(where)))


async def _consultant_accepts(page: Page, bot: WebBot, screens: Screens) -> None:
    """Bruno signs in, sees the request in the queue and presses Aceitar."""
    await page.goto(f"{bot.url}/login")
    await screens.shot(page, "staff-login")
    await _signs_in(page, bot, CONSULTANT_LOGIN, CONSULTANT_PASSWORD, "/console")
    row = page.locator("tr", has_text=DESCRIPTION)
    await expect(row).to_be_visible(timeout=LIVE)
    await expect(row).to_contain_text(COMPANY)
    await expect(row).to_contain_text(AREA)
    await expect(row).to_contain_text(CLIENT)  # the name given in the chat, not "#1"
    await screens.shot(page, "console-queue")
    await row.get_by_role("button", name="Aceitar").click()
    await expect(page).to_have_url(re.compile(r"/console/session/\d+$"))
    await expect(page.get_by_text(DESCRIPTION).first).to_be_visible()
    await expect(page.locator("dl.fields")).to_contain_text(f"{CONSULTANT} (responsável)")
    await screens.shot(page, "console-session-accepted")


async def _they_talk(client: Page, staff: Page, screens: Screens) -> None:
    """The client is told Bruno attends; they exchange one message each way."""
    chat = client.locator("#messages")
    await expect(chat.get_by_text(f"{CONSULTANT} vai fazer o seu atendimento agora")).to_be_visible(
        timeout=LIVE
    )
    await screens.shot(client, "client-assigned")

    service = chat.locator("li.message.from-service").first
    await expect(service.locator(".who")).to_have_text("Consultoria Online")
    await expect(chat.locator(".day-separator").first).to_have_text("Hoje")

    await _tab_hidden(client, True)
    await staff.get_by_role("textbox", name=re.compile("Mensagem ao cliente")).fill(FROM_CONSULTANT)
    await staff.get_by_role("button", name="Enviar", exact=True).click()
    await expect(chat.get_by_text(FROM_CONSULTANT)).to_be_visible(timeout=LIVE)
    await expect(client).to_have_title("(1) Consultoria Online")
    await _tab_hidden(client, False)
    await expect(client).to_have_title("Consultoria Online")
    reply = chat.locator("li.message", has_text=FROM_CONSULTANT)
    await expect(reply.locator(".who")).to_have_text(CONSULTANT)
    await expect(reply.locator(".avatar")).to_have_text("BL")
    await expect(reply.locator(".bubble")).to_have_text(FROM_CONSULTANT)  # no "Bruno Lima: "
    await expect(reply.locator("time")).to_have_text(TIME)
    mine = staff.locator("#live article.msg.mine", has_text=FROM_CONSULTANT)
    await expect(mine).to_have_count(1, timeout=LIVE)  # what Bruno wrote, in his thread
    await expect(mine.locator(".meta")).to_contain_text("Você")

    await client.get_by_label("Escreva sua mensagem").fill(FROM_CLIENT)
    await client.get_by_role("button", name="Enviar", exact=True).click()
    await expect(chat.get_by_text(FROM_CLIENT)).to_be_visible(timeout=LIVE)
    own = chat.locator("li.message.mine", has_text=FROM_CLIENT)
    await expect(own.locator(".who")).to_have_text("Você")
    await expect(own.locator("time")).to_have_text(TIME)
    await _shot_both_widths(client, screens, "client-conversation")

    thread = staff.locator("#live")
    await expect(thread.get_by_text(FROM_CLIENT)).to_be_visible(timeout=LIVE)
    await screens.shot(staff, "console-conversation")


async def _client_drops_and_pastes_files(client: Page, screens: Screens) -> None:
    """A file dragged onto the chat shows the drop zone and is sent when dropped; a file pasted
    into the message box is sent too (both through the chat's upload, like an attached one)."""
    chat = client.locator("#messages")
    zone = client.locator("#drop-zone")
    transfer = await client.evaluate_handle(
        """() => {
            const files = new DataTransfer();
            files.items.add(new File(["Saldo de custos de novembro"], "custos.txt",
                                     { type: "text/plain" }));
            return files;
        }"""
    )
    await client.locator("#chat").dispatch_event("dragenter", {"dataTransfer": transfer})
    await expect(zone).to_be_visible()
    await expect(zone).to_have_text("Solte o arquivo aqui para enviar")
    await screens.shot(client, "client-dragging-a-file")
    await client.locator("#chat").dispatch_event("drop", {"dataTransfer": transfer})
    await expect(zone).to_be_hidden()
    await expect(chat.locator("li.message.mine", has_text="custos.txt")).to_be_visible(timeout=LIVE)

    await client.evaluate(
        """() => {
            const files = new DataTransfer();
            files.items.add(new File(["Erro na tela 3"], "erro.txt", { type: "text/plain" }));
            document.getElementById("text").dispatchEvent(new ClipboardEvent("paste",
                { clipboardData: files, bubbles: true, cancelable: true }));
        }"""
    )
    await expect(chat.locator("li.message.mine", has_text="erro.txt")).to_be_visible(timeout=LIVE)


async def _consultant_ends(staff: Page, screens: Screens) -> None:
    """Encerrar (confirmed in the browser's dialog): the session page says it has ended."""
    questions: list[str] = []

    async def confirm(dialog: Dialog) -> None:
        questions.append(dialog.message)
        await dialog.accept()

    staff.once("dialog", confirm)
    await staff.locator("section.actions").get_by_role("button", name="Encerrar").click()
    await expect(staff.get_by_text("Este atendimento foi encerrado.")).to_be_visible(timeout=LIVE)
    assert questions == ["Encerrar este atendimento?"]
    await expect(staff.locator("#live").get_by_text(BILLED).first).to_be_visible(timeout=LIVE)
    summary = staff.locator("#live article.msg .text", has_text="Resumo da cobrança")
    lines = (await summary.inner_text()).splitlines()  # as shown: line breaks kept
    assert any(line.startswith("Total: ") and BILLED in line for line in lines), lines
    assert len(lines) >= 6, lines
    await screens.shot(staff, "console-session-ended")


async def _client_sees_the_bill_and_rates(client: Page, staff: Page, screens: Screens) -> None:
    """The summary: R$ 100,00 (30 minutes minimum at R$ 200,00/h); 5 stars; thanks."""
    chat = client.locator("#messages")
    summary = chat.locator("li", has_text="Atendimento encerrado. Obrigado!")
    await expect(summary).to_be_visible(timeout=LIVE)
    await expect(summary).to_contain_text(BILLED)
    receipt = summary.locator(".receipt")
    await expect(receipt.locator(".receipt-title")).to_have_text("Resumo da cobrança")
    await expect(receipt.locator(".receipt-total")).to_have_text(f"Total{BILLED}")
    await expect(receipt.locator(".receipt-line")).to_have_count(5)
    await expect(receipt.locator(".receipt-line dd").last).to_have_text("R$\xa0200,00")
    five = chat.get_by_role("button", name="5 ⭐", exact=True)
    await expect(five).to_be_visible(timeout=LIVE)
    await _shot_both_widths(client, screens, "client-billing-summary")
    await five.click()
    await expect(chat.get_by_text("Obrigado pela avaliação: 5 de 5!")).to_be_visible(timeout=LIVE)
    await screens.shot(client, "client-rated")
    await expect(staff.locator("#live").get_by_text("5 de 5").first).to_be_visible(timeout=LIVE)
    await screens.shot(staff, "console-session-rated")


async def _manager_sees_the_billing(page: Page, bot: WebBot, screens: Screens) -> None:
    """The manager signs in; the dashboard's billing page shows R$ 100,00 for the company in
    this month (one session, billed)."""
    await _signs_in(page, bot, MANAGER_LOGIN, MANAGER_PASSWORD, "/dashboard")
    await screens.shot(page, "dashboard-overview")
    await page.get_by_role("link", name="Cobrança", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/dashboard/billing"))
    month = datetime.now(ZoneInfo(bot.settings["timezone"])).strftime("%Y-%m")
    await expect(page.get_by_label("Mês")).to_have_value(month)
    row = page.locator("tr", has_text=COMPANY)
    await expect(row).to_be_visible(timeout=LIVE)
    await expect(row.locator("td.amount")).to_have_text(BILLED)
    await screens.shot(page, "dashboard-billing")


async def test_a_client_is_served_and_billed_through_the_web_pages(
    web_bot: WebBot, screens: Screens
) -> None:
    access_code = await _given_the_installation(web_bot)
    await web_bot.start()
    client = await screens.page("client", width=PHONE["width"], height=PHONE["height"])
    staff = await screens.page("consultant")
    manager = await screens.page("manager")

    await _client_joins_the_queue(client, web_bot, access_code, screens)
    await _consultant_accepts(staff, web_bot, screens)
    await _they_talk(client, staff, screens)
    await _client_drops_and_pastes_files(client, screens)
    await _consultant_ends(staff, screens)
    await _client_sees_the_bill_and_rates(client, staff, screens)
    await _manager_sees_the_billing(manager, web_bot, screens)

    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"
    assert screens.error_responses == [], "pages or requests answered with an error status"
    assert await web_bot.server.stop() == 0, web_bot.server.log()
