"""Helpers of the dashboard tests: staff accounts signed in through the real /login form."""

from __future__ import annotations

import re
from datetime import timedelta

import aiohttp

from core.sessions import end_session
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BETO, BRUNO, DIEGO, Cast, claimed, queued
from tests.web.conftest import Browser, WebWorld
from tests.web.helpers import PASSWORD, given_account

_FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


async def signed_in(
    web: WebWorld,
    login: str,
    *,
    roles: tuple[str, ...] = (),
    staff_key: str | None = None,
    language: str = "pt-BR",
) -> Browser:
    """A browser signed in as a new account ``login`` holding ``roles``."""
    await given_account(
        web, login, key=staff_key, roles=roles, name=login.title(), language=language
    )
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    browser = Browser(http, web.base_url)
    web.browsers.append(browser)
    async with http.get(web.base_url + "/login") as response:
        found = _FORM_TOKEN.search(await response.text())
        assert found is not None
    form = {"login": login, "password": PASSWORD, "csrf_token": found.group(1), "next": ""}
    async with http.post(web.base_url + "/login", data=form, allow_redirects=False) as response:
        assert response.status == 303, await response.text()
    return browser


async def get(browser: Browser, path: str) -> tuple[int, str, dict[str, str]]:
    """GET ``path`` without following redirects: (status, body, headers)."""
    async with browser.http.get(browser.base_url + path, allow_redirects=False) as response:
        return response.status, await response.text(), dict(response.headers)


async def post_form(browser: Browser, path: str, form: dict[str, str]) -> tuple[int, str, str]:
    """POST a form without following redirects: (status, body, Location)."""
    async with browser.http.post(
        browser.base_url + path, data=form, allow_redirects=False
    ) as response:
        return response.status, await response.text(), response.headers.get("Location", "")


async def day_of_sessions(world: World, cast: Cast, waits: tuple[int, ...]) -> None:
    """Ana (then Beto), each taken after ``waits`` minutes, their sessions ended; then the same
    hour of the next day."""
    start = world.clock.now()
    for address, consultant, wait in zip((ANA, BETO), (BRUNO, DIEGO), waits, strict=False):
        request_id = await queued(world, cast, address)
        world.advance(minutes=wait)
        session_id = await claimed(world, request_id, consultant)
        world.advance(minutes=5)
        await end_session(world.core, session_id, by=consultant)
    world.clock.set(start + timedelta(days=1))
