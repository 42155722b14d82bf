"""The composer's saved replies picker in a real browser: ``/`` at the start lists the replies
rendered for the client, typing filters them, arrows and Enter insert one for editing, Esc closes
the list, and the edited text is sent to the client. Screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from core.replies import ReplyDraft, create_reply
from tests.browser.conftest import Screens
from tests.web.conftest import WebWorld
from tests.web.conftest import web as web  # the app served in this test's event loop
from tests.web.console.helpers import (
    PASSWORD,
    given_account,
    given_company,
    given_consultant,
    queued_client,
    texts_at,
)

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db", ["sqlite"], indirect=True)]

LIVE = 10_000  # ms
WELCOME = "Olá, Cliente! Sou Bruna Consultora, da equipe que atende a Metalúrgica Exemplo."


async def _sign_in(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/login?next=/console")
    await page.get_by_label("Login").fill("bruna")
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/console$"))


async def test_the_slash_picker_inserts_a_reply_to_edit_and_send(
    web: WebWorld, screens: Screens
) -> None:
    screens.series = "console-replies"
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    client, request_id = await queued_client(web, company, 1)
    for title, text in (
        ("Boas-vindas", "Olá, {cliente}! Sou {consultor}, da equipe que atende a {empresa}."),
        ("Fechamento do mês", "Vamos abrir o fechamento do mês, {cliente}."),
        ("Encerramento", "Obrigada pelo contato, {primeiro_nome}. Até logo!"),
    ):
        await create_reply(web.core, ReplyDraft(title, text, "pt-BR"), by="web:gerente")

    page = await screens.page("consultant")
    await _sign_in(page, web.base_url)
    await (
        page.locator(f'tr[data-request="{request_id}"]')
        .get_by_role("button", name="Aceitar")
        .click()
    )
    await expect(page).to_have_url(re.compile(r"/console/session/\d+$"))
    session_url = page.url
    await web.deliver()

    composer = page.get_by_role("textbox", name=re.compile("Mensagem ao cliente"))
    picker = page.locator("#reply-picker")
    await composer.press_sequentially("/")
    options = picker.get_by_role("option")
    await expect(options).to_have_count(3, timeout=LIVE)
    await expect(options.first).to_contain_text("Boas-vindas")
    await expect(options.first).to_contain_text("Olá, Cliente!")
    await screens.shot(page, "picker-open")

    await composer.press_sequentially("fech")
    await expect(options).to_have_count(1, timeout=LIVE)
    await expect(options.first).to_contain_text("Fechamento do mês")
    await composer.press("Escape")
    await expect(picker).to_be_hidden()
    assert await composer.input_value() == "/fech"

    await composer.fill("")
    await composer.press_sequentially("/")
    await expect(options).to_have_count(3, timeout=LIVE)
    await composer.press("ArrowDown")
    await composer.press("ArrowUp")
    await expect(options.first).to_have_attribute("aria-selected", "true")
    await composer.press("Enter")
    await expect(picker).to_be_hidden()
    await expect(composer).to_have_value(WELCOME)
    await composer.press("End")
    await composer.press_sequentially(" Como posso ajudar?")
    await screens.shot(page, "inserted")
    await page.get_by_role("button", name="Enviar", exact=True).click()
    await web.deliver()
    sent = f"{WELCOME} Como posso ajudar?"
    assert any(sent in line for line in await texts_at(web, client.id))

    phone = await screens.page("consultant-phone", width=390, height=844)
    await _sign_in(phone, web.base_url)
    await phone.goto(session_url)
    phone_box = phone.get_by_role("textbox", name=re.compile("Mensagem ao cliente"))
    await phone_box.press_sequentially("/enc")
    phone_options = phone.locator("#reply-picker").get_by_role("option")
    await expect(phone_options).to_have_count(1, timeout=LIVE)
    box = await phone.locator("#reply-picker").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    await screens.shot(phone, "phone-picker")
    await phone_options.first.click()
    await expect(phone_box).to_have_value("Obrigada pelo contato, Cliente. Até logo!")


async def _manager_in(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/login?next=/dashboard/replies")
    await page.get_by_label("Login").fill("gerente")
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/dashboard/replies$"))


async def test_a_manager_keeps_the_replies_in_the_dashboard(
    web: WebWorld, screens: Screens
) -> None:
    screens.series = "dashboard-replies"
    await given_account(web, "gerente", roles=("manager",), name="Gerente Geral")
    page = await screens.page("manager")
    await _manager_in(page, web.base_url)

    await page.get_by_label("Título").fill("Boas-vindas")
    await page.get_by_label("Texto").fill("Olá, {cliente}! Sou {consultor}, da {empresa}.")
    await page.get_by_role("button", name="Salvar").click()
    await expect(page.locator(".reply-preview")).to_have_text(
        "Olá, Maria! Sou Gerente Geral, da Empresa Exemplo."
    )
    await page.get_by_label("Texto").fill("Olá, {nome}!")
    await page.get_by_role("button", name="Salvar").click()
    await expect(page.get_by_role("alert")).to_contain_text("Campo desconhecido no texto: {nome}.")
    await screens.shot(page, "refused")
    await page.get_by_role("link", name="Voltar").click()
    await expect(page.locator("tr[data-reply]")).to_have_count(1)
    await screens.shot(page, "list")
    phone = await screens.page("manager-phone", width=390, height=844)
    await _manager_in(phone, web.base_url)
    await screens.shot(phone, "phone-list")
