"""A consultant's console in a real browser, against the web app served in this test (its clock
and hub at hand): the queue counts new requests in the tab's title while the tab is hidden, and
with the alerts turned on (asked for notification permission only then) plays a tone and shows
a desktop notification; the session page puts the contact's and the company's past sessions and
the month's billed time beside the conversation (below it on a phone), names each message's
sender and time, shows "<cliente> está digitando…", tells the client's chat while the
consultant types, sends an image pasted into the composer or dropped on the conversation; an
ended session still names its participants. Screenshots at 1280 and 390 pixels wide."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.async_api import Page, expect
from sqlmodel import select

from core.intake import handle_text
from core.models import WebMessage
from tests.browser.conftest import Screens
from tests.web.conftest import WebWorld, until
from tests.web.conftest import web as web  # the app served in this test's event loop
from tests.web.console.helpers import (
    PASSWORD,
    given_company,
    given_consultant,
    queued_client,
    staff_browser,
)
from tests.web.helpers import only_session

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db", ["sqlite"], indirect=True)]

LIVE = 10_000  # ms
TITLE = "Console da equipe"

# Stand-ins recorded by the page: notifications (permission asked, shown), tones played, and
# a tab the test hides and shows again.
_WATCH = """
window.__alerts = { asked: 0, shown: [], tones: 0 };
window.__hidden = false;
function FakeNotification(title, options) {
  window.__alerts.shown.push((options && options.body) || title);
  this.close = function () {};
}
FakeNotification.permission = localStorage.getItem("test.permission") || "default";
FakeNotification.requestPermission = function (callback) {
  window.__alerts.asked += 1;
  FakeNotification.permission = "granted";
  localStorage.setItem("test.permission", "granted");
  if (callback) { callback("granted"); }
  return Promise.resolve("granted");
};
window.Notification = FakeNotification;
var RealAudio = window.AudioContext;
window.AudioContext = function () {
  var context = new RealAudio();
  var make = context.createOscillator.bind(context);
  context.createOscillator = function () {
    var oscillator = make();
    var start = oscillator.start.bind(oscillator);
    oscillator.start = function (when) { window.__alerts.tones += 1; start(when); };
    return oscillator;
  };
  return context;
};
Object.defineProperty(document, "hidden", {
  configurable: true, get: function () { return window.__hidden; }
});
document.hasFocus = function () { return !window.__hidden; };
"""

_PASTE = """([kind, selector]) => {
  const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82,
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  const name = kind === "paste" ? "image.png" : "arrastada.png";
  const file = new File([bytes], name, { type: "image/png" });
  const data = new DataTransfer();
  data.items.add(file);
  const target = document.querySelector(selector);
  const event = kind === "paste"
    ? new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
    : new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}"""


async def _hide(page: Page, hidden: bool) -> None:
    await page.evaluate(
        "(hidden) => { window.__hidden = hidden;"
        " document.dispatchEvent(new Event('visibilitychange')); }",
        hidden,
    )


async def _sign_in(page: Page, base_url: str) -> None:
    await page.goto(f"{base_url}/login?next=/console")
    await page.get_by_label("Login").fill("bruna")
    await page.get_by_label("Senha").fill(PASSWORD)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/console$"))


async def test_the_consultants_console_in_a_browser(web: WebWorld, screens: Screens) -> None:
    screens.series = "console"
    company = await given_company(web)
    await given_consultant(web, "bruna", "Bruna Consultora")
    await given_consultant(web, "carlos", "Carlos Especialista", areas=("Custos",))
    # A past session of the same client: 40 minutes with Bruna, billed R$ 180,00.
    http = await staff_browser(web)
    await http.sign_in("bruna")
    client, first = await queued_client(web, company, 1)
    await http.get("/console")
    await http.post("/console/action", {"action": f"claim:{first}"})
    past = await only_session(web)
    await web.deliver()
    web.clock.advance(timedelta(minutes=40))
    await http.get(f"/console/session/{past.id}")
    await http.post("/console/action", {"action": f"end:{past.id}"})
    await web.deliver()
    web.clock.advance(timedelta(minutes=30))
    client, request_id = await queued_client(web, company, 1, description="Custo da produção")

    page = await screens.page("consultant")
    await page.add_init_script(_WATCH)
    await _sign_in(page, web.base_url)
    await expect(page.locator(f'tr[data-request="{request_id}"]')).to_be_visible()
    await expect(page).to_have_title(TITLE)
    await screens.shot(page, "queue")

    # Hidden tab: a new request counts in the title; no tone nor notification until turned on.
    await _hide(page, True)
    _, second = await queued_client(web, company, 2, description="Estoque negativo")
    await expect(page.locator(f'tr[data-request="{second}"]')).to_be_attached(timeout=LIVE)
    await expect(page).to_have_title(f"(1) {TITLE}", timeout=LIVE)
    assert await page.evaluate("window.__alerts") == {"asked": 0, "shown": [], "tones": 0}
    await _hide(page, False)
    await expect(page).to_have_title(TITLE)

    toggle = page.get_by_label("Alertas")
    await expect(toggle).not_to_be_checked()
    await toggle.check()
    assert (await page.evaluate("window.__alerts"))["asked"] == 1
    await page.reload()
    await expect(page.get_by_label("Alertas")).to_be_checked()  # remembered
    await _hide(page, True)
    await queued_client(web, company, 3, description="Custo de frete")
    await expect(page).to_have_title(f"(1) {TITLE}", timeout=LIVE)
    alerts = await page.evaluate("window.__alerts")
    assert alerts["shown"] == ["Novo pedido na fila"] and alerts["tones"] == 1, alerts
    await _hide(page, False)
    await expect(page).to_have_title(TITLE)

    phone = await screens.page("consultant-phone", width=390, height=844)
    await _sign_in(phone, web.base_url)
    await screens.shot(phone, "phone-queue")

    # The session: past sessions and the month beside the conversation.
    await (
        page.locator(f'tr[data-request="{request_id}"]')
        .get_by_role("button", name="Aceitar")
        .click()
    )
    await expect(page).to_have_url(re.compile(r"/console/session/\d+$"))
    session_id = int(page.url.rsplit("/", 1)[1])
    await web.deliver()
    aside = page.locator("aside.session-aside")
    await expect(aside).to_contain_text("1 h 00 min")
    await expect(aside).to_contain_text("R$\xa0180,00")
    await expect(aside.get_by_role("link", name=f"nº {past.id} · 23/11/2026")).to_be_visible()
    box_main = await page.locator(".session-main").bounding_box()
    box_aside = await aside.bounding_box()
    assert box_main and box_aside and box_aside["x"] > box_main["x"] + box_main["width"] - 1

    await handle_text(web.core, client, "Boa tarde! O custo da produção não fecha.")
    await web.deliver()
    said = page.locator("#live article.msg.client", has_text="O custo da produção não fecha.")
    await expect(said).to_be_visible(timeout=LIVE)
    await expect(said.locator(".meta")).to_contain_text("Cliente 1")
    await expect(said.locator(".meta time")).to_have_text("11:10")

    web.hub.typing(f"typing:session:{session_id}", "cookie:client-1", "Cliente 1", "client")
    await expect(page.locator("#typing")).to_have_text("Cliente 1 está digitando…", timeout=LIVE)
    await screens.shot(page, "session-history-typing")

    # The consultant types: the client's chat is told (never for a // note).
    composer = page.get_by_role("textbox", name=re.compile("Mensagem ao cliente"))
    await composer.press_sequentially("Vamos ver")
    key = f"typing:client:{client.id}"

    async def told() -> bool:
        return bool(web.hub.typing_after([key], 0, "client-page"))

    await until(told, "the client's chat told the consultant is typing")
    await composer.fill("")

    # An image pasted into the composer, another dropped on the conversation: sent to the client.
    assert await page.evaluate(_PASTE, ["paste", "#composer textarea"])
    mine = page.locator("#live article.msg.mine .attachment")
    await expect(mine.filter(has_text="image.png")).to_be_visible(timeout=LIVE)
    assert await page.evaluate(_PASTE, ["drop", "section.conversation"])
    await expect(mine.filter(has_text="arrastada.png")).to_be_visible(timeout=LIVE)
    await web.deliver()

    async def client_got_files() -> bool:
        async with web.core.db.uow() as uow:
            statement = select(WebMessage).where(WebMessage.address == client.id)
            rows = (await uow.session.exec(statement)).all()
        names = {a.get("name") for row in rows for a in row.payload.get("attachments", ())}
        return {"image.png", "arrastada.png"} <= names

    await until(client_got_files, "the client received both files")
    await screens.shot(page, "session-files-sent")

    phone_session = phone
    await phone_session.goto(f"{web.base_url}/console/session/{session_id}")
    main = await phone_session.locator(".session-main").bounding_box()
    below = await phone_session.locator("aside.session-aside").bounding_box()
    assert main and below and below["y"] >= main["y"] + main["height"] - 1, "aside below on a phone"
    width = await phone_session.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing spills sideways"
    await screens.shot(phone_session, "phone-session")

    # A specialist joins, the session ends: its page still names both.
    await page.locator("#specialist").get_by_label("Área").select_option("Custos")
    await page.locator("#specialist").get_by_role("button", name="Chamar").click()
    await web.deliver()
    page.once("dialog", lambda dialog: dialog.accept())
    await page.locator("section.actions").get_by_role("button", name="Encerrar").click()
    await expect(page.get_by_text("Este atendimento foi encerrado.")).to_be_visible(timeout=LIVE)
    await web.deliver()
    await page.reload()
    await expect(page.locator("dd.participants")).to_have_text(
        "Bruna Consultora (responsável), Carlos Especialista (especialista)"
    )
    await screens.shot(page, "session-ended-participants")
    await phone_session.reload()
    await expect(phone_session.locator("dd.participants")).to_contain_text("Carlos Especialista")
    await screens.shot(phone_session, "phone-session-ended")

    assert screens.page_errors == [], screens.page_errors
    assert screens.console_errors == [], screens.console_errors
