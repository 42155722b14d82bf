"""Helpers of the sign-in and console tests: staff accounts, a staff browser, queued clients.

Set-up goes through the core's public functions (accounts, roles, consultants, the client's
intake); the staff side is driven over real HTTP with HTML forms, like a person with a browser.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from sqlmodel import SQLModel, col, func, select

from core import intake
from core.consultants import add_consultant
from core.models import Company, WebMessage
from core.outbox import Address
from core.queue import set_status
from tests.web.conftest import WebWorld
from tests.web.helpers import PASSWORD as PASSWORD
from tests.web.helpers import given_account as given_account
from tests.web.helpers import given_company as given_company

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_NONCE = re.compile(r'name="nonce" value="([^"]+)"')
AREAS = (
    "Manufatura",
    "Suprimentos",
    "Estoque",
    "Custos",
    "Comercial",
    "Financeiro",
    "Administrativo",
)


@dataclass
class StaffBrowser:
    """A staff member's browser: its own cookies, HTML pages and form posts."""

    http: aiohttp.ClientSession
    base_url: str
    csrf: str = ""
    nonce: str = ""
    last_url: str = ""
    cookies_set: list[str] = field(default_factory=list)

    def _remember(self, body: str) -> None:
        found = _CSRF.search(body)
        if found:
            self.csrf = found.group(1)
        nonce = _NONCE.search(body)
        if nonce:
            self.nonce = nonce.group(1)

    async def get(self, path: str, **headers: str) -> tuple[int, str]:
        """GET a page (redirects followed); (status, body)."""
        async with self.http.get(self.base_url + path, headers=headers) as response:
            body = await response.text()
            self.last_url = str(response.url)
            self._remember(body)
            return response.status, body

    async def get_raw(self, path: str) -> aiohttp.ClientResponse:
        """GET without following redirects (the response is read)."""
        async with self.http.get(self.base_url + path, allow_redirects=False) as response:
            await response.read()
            return response

    async def post(
        self,
        path: str,
        data: dict[str, str],
        *,
        csrf: str | None = None,
        nonce: bool = True,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        """POST a form with the page's CSRF token (``csrf`` overrides; "" sends none)."""
        form = dict(data)
        token = self.csrf if csrf is None else csrf
        if token:
            form["csrf_token"] = token
        if nonce and "nonce" not in form and self.nonce:
            form["nonce"] = self.nonce
        async with self.http.post(self.base_url + path, data=form, headers=headers) as response:
            body = await response.text()
            self.last_url = str(response.url)
            for history in response.history:
                self.cookies_set += history.headers.getall("Set-Cookie", [])
            self._remember(body)
            return response.status, body

    async def sign_in(self, login: str, password: str = PASSWORD, **headers: str) -> int:
        """Open /login and submit it; the final status (200 after the redirect when it worked)."""
        await self.get("/login", **headers)
        form = {"login": login, "password": password}
        status, _ = await self.post("/login", form, headers=headers)
        return status


async def staff_browser(web: WebWorld) -> StaffBrowser:
    """A new browser (own cookie jar) on the running app."""
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    browser = StaffBrowser(http, web.base_url)

    web.browsers.append(browser)  # type: ignore[arg-type]  # the fixture closes its .http
    return browser


async def given_consultant(
    web: WebWorld, login: str, name: str, *, areas: tuple[str, ...] = AREAS
) -> str:
    """A consultant with a web account, available; their staff key."""
    key = await given_account(web, login, name=name)
    async with web.core.db.uow() as uow:
        await add_consultant(
            uow,
            web.clock,
            staff_key=key,
            name=name,
            areas=list(areas),
            known_areas=list(web.core.config.areas),
        )
        await uow.commit()
    await set_status(web.core, key, "disponivel")
    return key


def client_address(number: int) -> Address:
    """The web address of browser client ``number`` (``c:`` + a hash, as the chat makes it)."""
    digest = hashlib.sha256(f"client-{number}".encode()).hexdigest()[:40]
    return Address("web", f"c:{digest}")


async def queued_client(
    web: WebWorld,
    company: Company,
    number: int,
    *,
    area_index: int = 3,
    description: str = "Como fechar o custo do mês?",
) -> tuple[Address, int]:
    """A web client who links, asks for consulting, describes and accepts: (address, request)."""
    address = client_address(number)
    core = web.core
    await intake.start(core, address, code=company.access_code, name=f"Cliente {number}")
    await intake.begin_consulting(core, address)
    request_id = await _draft_request(web, address)
    await intake.choose_area(core, address, request_id, area_index)
    await intake.handle_text(core, address, description)
    await intake.accept_terms(core, address, request_id)
    await web.deliver()
    return address, request_id


async def _draft_request(web: WebWorld, address: Address) -> int:
    """The request id carried by the area question's buttons (``area:<request>:<index>``)."""
    await web.deliver()
    async with web.core.db.uow() as uow:
        rows = await uow.session.exec(
            select(WebMessage)
            .where(WebMessage.address == address.id)
            .order_by(col(WebMessage.id).desc())
        )
        for row in rows.all():
            for choice in row.payload.get("choices", ()):
                if str(choice.get("action", "")).startswith("area:"):
                    return int(str(choice["action"]).split(":")[1])
    raise AssertionError("no area question for the client")


async def texts_at(web: WebWorld, address: str, thread: str | None = None) -> list[str]:
    """Texts of the web messages delivered to ``address`` (and ``thread``), oldest first."""
    async with web.core.db.uow() as uow:
        statement = select(WebMessage).where(WebMessage.address == address)
        if thread is not None:
            statement = statement.where(WebMessage.thread == thread)
        rows = await uow.session.exec(statement.order_by(col(WebMessage.id)))
        return [str(row.payload.get("text") or "") for row in rows.all()]


async def count(web: WebWorld, model: type[SQLModel], *where: Any) -> int:
    """How many rows of ``model`` (matching ``where``) are stored."""
    async with web.core.db.uow() as uow:
        statement = select(func.count()).select_from(model)
        if where:
            statement = statement.where(*where)
        return int((await uow.session.exec(statement)).one())
