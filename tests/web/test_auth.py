"""Staff sign-in over real HTTP: passwords, wrong logins, throttling, expiry, CSRF, roles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlmodel import col
from yarl import URL

from adapters.web.context import WebConfig
from core.clock import ManualClock
from core.db import Database
from core.models import ConsultantStatus, WebLogin
from core.web_logins import token_digest
from tests.web.conftest import WebWorld
from tests.web.console.apps import running_app
from tests.web.console.helpers import (
    StaffBrowser,
    count,
    given_account,
    given_consultant,
    staff_browser,
)


async def test_a_secretary_signs_in_with_a_hashed_password_and_an_http_only_cookie(
    web: WebWorld,
) -> None:
    await given_account(web, "sara", roles=("secretary",), name="Sara Secretária")
    browser = await staff_browser(web)
    assert await browser.sign_in("Sara") == 200
    assert browser.last_url.endswith("/console")
    status, page = await browser.get("/console")
    assert status == 200 and "Sara Secretária" in page
    cookie = next(c for c in browser.cookies_set if c.startswith("cw_staff="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert await count(web, WebLogin, col(WebLogin.token_sha256) == token_digest(token)) == 1
    assert await count(web, WebLogin, col(WebLogin.token_sha256) == token) == 0


async def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(web: WebWorld) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    await browser.get("/login")
    wrong = await browser.post("/login", {"login": "sara", "password": "errada-123"})
    await browser.get("/login")
    unknown = await browser.post("/login", {"login": "ninguem", "password": "errada-123"})
    for status, page in (wrong, unknown):
        assert status == 401
        assert "Login ou senha incorretos." in page
    assert await count(web, WebLogin) == 0
    english = await staff_browser(web)
    english_headers = {"Accept-Language": "en-US,en;q=0.8"}
    await english.get("/login", **english_headers)
    form = {"login": "sara", "password": "nope-1234"}
    status, page = await english.post("/login", form, headers=english_headers)
    assert status == 401 and "Wrong login or password." in page


async def test_repeated_failures_are_throttled_then_allowed_again(web: WebWorld) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    for _ in range(5):
        assert await browser.sign_in("sara", "errada-123") == 401
    status = await browser.sign_in("sara")
    assert status == 429
    _, page = await browser.get("/login")
    status, page = await browser.post("/login", {"login": "sara", "password": "senha-boa-123"})
    assert status == 429 and "Muitas tentativas" in page
    assert await count(web, WebLogin) == 0
    web.clock.advance(timedelta(minutes=16))
    assert await browser.sign_in("sara") == 200


async def test_a_session_expires_unless_used_and_then_asks_to_sign_in_again(
    web: WebWorld,
) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    assert await browser.sign_in("sara") == 200
    web.clock.advance(timedelta(hours=11))
    assert (await browser.get_raw("/console")).status == 200  # used: the expiry slides
    web.clock.advance(timedelta(hours=11))
    assert (await browser.get_raw("/console")).status == 200
    web.clock.advance(timedelta(hours=13))
    response = await browser.get_raw("/console")
    assert response.status == 303
    location = URL(response.headers["Location"])
    assert location.path == "/login" and location.query["next"] == "/console"
    assert await count(web, WebLogin) == 0


async def test_a_post_without_the_right_csrf_token_is_refused_and_changes_nothing(
    web: WebWorld,
) -> None:
    key = await given_consultant(web, "bruna", "Bruna Consultora")
    browser = await staff_browser(web)
    assert await browser.sign_in("bruna") == 200
    for token in ("", "not-the-token"):
        status, page = await browser.post("/console/status", {"status": "ausente"}, csrf=token)
        assert status == 403
        assert "O formulário expirou" in page
    async with web.core.db.uow() as uow:
        from core.consultants import consultant_by_staff_key

        consultant = await consultant_by_staff_key(uow, key)
        assert consultant is not None and consultant.status == ConsultantStatus.AVAILABLE
    status, _ = await browser.post("/console/status", {"status": "ausente"})
    assert status == 200


async def test_signing_out_ends_the_session(web: WebWorld) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    assert await browser.sign_in("sara") == 200
    await browser.get("/console")
    status, _ = await browser.post("/logout", {})
    assert status == 200 and "/login" in browser.last_url
    assert await count(web, WebLogin) == 0
    assert (await browser.get_raw("/console")).status == 303


async def test_the_console_needs_a_signed_in_staff_member(web: WebWorld) -> None:
    await given_account(web, "visitante")  # an account without any role
    await given_account(web, "gerente", roles=("manager",))
    anonymous = await staff_browser(web)
    response = await anonymous.get_raw("/console/agendar")
    assert response.status == 303
    assert response.headers["Location"].startswith("/login?next=")
    for login in ("visitante", "gerente"):
        browser = await staff_browser(web)
        await browser.sign_in(login)
        status, page = await browser.get("/console")
        assert status == 403
        assert "Sua conta não tem acesso a esta página." in page


async def test_an_english_account_reads_the_console_in_english(web: WebWorld) -> None:
    await given_account(web, "sam", roles=("secretary",), language="en")
    browser = await staff_browser(web)
    assert await browser.sign_in("sam") == 200
    _, page = await browser.get("/console")
    assert "Waiting requests" in page and "Sign out" in page


@pytest.fixture
async def https_web(db: Database, clock: ManualClock) -> AsyncIterator[WebWorld]:
    """The app behind an https public URL (only the URL is set: the sign-in reads it)."""
    config = WebConfig(public_url="https://consultoria.example.com.br")
    async with running_app(db, clock, config) as world:
        yield world


async def test_behind_an_https_public_url_the_staff_cookies_are_secure(
    https_web: WebWorld,
) -> None:
    await given_account(https_web, "sara", roles=("secretary",))
    # The browser is told this test server is the https site (a real one would be).
    jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=https_web.base_url)
    browser = StaffBrowser(aiohttp.ClientSession(cookie_jar=jar), https_web.base_url)
    https_web.browsers.append(browser)  # type: ignore[arg-type]  # the fixture closes its .http
    form_page = await browser.get_raw("/login")
    login_cookie = next(
        c for c in form_page.headers.getall("Set-Cookie") if c.startswith("cw_login_csrf=")
    )
    assert "Secure" in login_cookie and "HttpOnly" in login_cookie
    assert await browser.sign_in("sara") == 200
    cookie = next(c for c in browser.cookies_set if c.startswith("cw_staff="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    status, page = await browser.get("/console")
    assert status == 200 and "Sara" in page


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example/x",
        "/%0A/evil.example/x",
        "/%0D/evil.example/x",
        "//evil.example/x",
        "/%5Cevil.example",
        "https://evil.example/",
        "/%20/evil.example",
    ],
)
async def test_after_signing_in_only_a_local_path_is_followed(web: WebWorld, target: str) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    assert await browser.sign_in("sara") == 200
    response = await browser.get_raw(f"/login?next={target}")
    assert response.status == 303
    assert response.headers["Location"] == "/console"


async def test_a_local_path_is_where_signing_in_goes_back_to(web: WebWorld) -> None:
    await given_account(web, "sara", roles=("secretary",))
    browser = await staff_browser(web)
    assert await browser.sign_in("sara") == 200
    response = await browser.get_raw("/login?next=%2Fconsole%2Fagendar%3Fday%3D2026-12-03")
    assert response.headers["Location"] == "/console/agendar?day=2026-12-03"


async def test_one_logins_typos_do_not_lock_out_colleagues_behind_the_same_address(
    web: WebWorld,
) -> None:
    await given_account(web, "sara", roles=("secretary",))
    await given_account(web, "bruna", roles=("secretary",))
    browser = await staff_browser(web)
    for _ in range(5):
        assert await browser.sign_in("sara", "errada-123") == 401
    assert await browser.sign_in("sara") == 429
    colleague = await staff_browser(web)  # the same 127.0.0.1, as behind an office's proxy
    assert await colleague.sign_in("bruna") == 200


async def test_an_address_guessing_many_logins_is_throttled_too(
    db: Database, clock: ManualClock
) -> None:
    async with running_app(db, clock, WebConfig(sign_in_per_address=12)) as web:
        await given_account(web, "sara", roles=("secretary",))
        browser = await staff_browser(web)
        for n in range(12):
            assert await browser.sign_in(f"ninguem{n}", "errada-123") == 401
        assert await browser.sign_in("sara") == 429
        web.clock.advance(timedelta(minutes=16))
        assert await browser.sign_in("sara") == 200


async def test_every_process_counts_the_same_failures(
    web: WebWorld, db: Database, clock: ManualClock
) -> None:
    await given_account(web, "sara", roles=("secretary",))
    async with running_app(db, clock, WebConfig()) as other:  # a second process, same database
        here, there = await staff_browser(web), await staff_browser(other)
        for browser in (here, there, here, there, here):
            assert await browser.sign_in("sara", "errada-123") == 401
        assert await there.sign_in("sara") == 429
        assert await here.sign_in("sara") == 429


async def test_behind_the_trusted_proxy_each_visitor_has_their_own_address_count(
    db: Database, clock: ManualClock
) -> None:
    config = WebConfig(sign_in_per_address=3, trusted_proxies=("127.0.0.1",))
    async with running_app(db, clock, config) as web:
        await given_account(web, "sara", roles=("secretary",))
        guesser = await staff_browser(web)
        via_proxy = {"X-Forwarded-For": "203.0.113.7"}
        for n in range(3):
            assert await guesser.sign_in(f"ninguem{n}", "errada-123", **via_proxy) == 401
        assert await guesser.sign_in("sara", **via_proxy) == 429
        sara = await staff_browser(web)  # another visitor through the same proxy
        assert await sara.sign_in("sara", **{"X-Forwarded-For": "198.51.100.20"}) == 200
        forged = {"X-Forwarded-For": "198.51.100.20, 203.0.113.7"}  # a hop the proxy didn't add
        status, _ = await guesser.get("/login", **forged)
        assert status == 400
        assert (await guesser.get("/healthz"))[0] != 400, "health checks may come directly"
