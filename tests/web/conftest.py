"""Fixtures of the web channel's tests: the real aiohttp app on 127.0.0.1, browsers with cookies.

``web``: a Core on the ``db`` fixture (both engines) with the manual clock and the staff rooms on
the web, the application of ``build_web_app`` listening on a free port, and the real outbox
dispatcher delivering through the real ``WebSender`` (``await web.deliver()``); the web files
under the test's temporary folder (``web.files``), deleted by retention like the runtime's.
``browser()``: a new browser (its own cookie jar) speaking HTTP to that server.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web as aioweb

from adapters.web.app import build_web_app
from adapters.web.context import WebConfig, WebContext
from adapters.web.files import WebFiles, WebFileSource
from adapters.web.hub import Hub
from adapters.web.sender import WebSender
from bot.bootstrap import assemble_core
from bot.wiring import WEB_STAFF_ROOMS
from core.clock import ManualClock
from core.context import Core
from core.db import Database
from core.files import FileSource
from core.outbox import OutboxDispatcher
from tests.scenario import default_config

QUIET = 0.3
"""Seconds without a new event after which a read of the stream is complete."""
_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@dataclass
class Browser:
    """One browser: its own cookies; pages, JSON POSTs with the page's CSRF token, events."""

    http: aiohttp.ClientSession
    base_url: str
    csrf: str = ""
    seen: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)

    async def open(self, path: str = "/chat", **headers: str) -> tuple[int, str]:
        """GET a page; remembers its CSRF token; (status, body)."""
        async with self.http.get(self.base_url + path, headers=headers) as response:
            body = await response.text()
            found = _CSRF.search(body)
            if found:
                self.csrf = found.group(1)
            return response.status, body

    async def post(
        self, path: str, body: Any, *, csrf: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        """POST JSON like chat.js (the page's CSRF token unless ``csrf`` is given)."""
        token = self.csrf if csrf is None else csrf
        headers = {"Accept": "application/json"}
        if token:
            headers["X-CSRF-Token"] = token
        async with self.http.post(self.base_url + path, json=body, headers=headers) as response:
            return response.status, await response.json()

    async def history(self) -> list[dict[str, Any]]:
        """``GET /chat/history``'s messages."""
        async with self.http.get(self.base_url + "/chat/history") as response:
            assert response.status == 200
            return list((await response.json())["messages"])

    async def events(
        self, path: str = "/chat/events", *, at_least: int = 1, seconds: float = 5.0
    ) -> list[dict[str, Any]]:
        """The SSE events after the last one seen: at least ``at_least``, then all already there.

        Stops once ``at_least`` came and the stream stayed quiet for a moment (or ``seconds``).
        """
        headers = {"Accept": "text/event-stream", "Last-Event-ID": str(self.seen)}
        found: list[dict[str, Any]] = []
        deadline = time.monotonic() + seconds
        async with self.http.get(self.base_url + path, headers=headers) as resp:
            assert resp.status == 200, await resp.text()
            assert resp.headers["Content-Type"].startswith("text/event-stream")
            while (left := deadline - time.monotonic()) > 0:
                wait = min(left, QUIET) if len(found) >= at_least else left
                try:
                    raw = await asyncio.wait_for(resp.content.readline(), wait)
                except TimeoutError:
                    break
                line = raw.decode().rstrip("\n")
                if line.startswith("id: "):
                    self.seen = int(line[4:])
                elif line.startswith("data: "):
                    found.append(json.loads(line[6:]))
        self.received.extend(found)
        return found


@dataclass
class WebWorld:
    """The running web app and what drives it (see the module docstring)."""

    core: Core
    clock: ManualClock
    hub: Hub
    dispatcher: OutboxDispatcher
    base_url: str
    browsers: list[Browser] = field(default_factory=list)
    files: WebFiles | None = None
    file_sources: dict[str, FileSource] = field(default_factory=dict)

    async def deliver(self) -> int:
        """Run the real dispatcher (web sender) until nothing is due; how many it delivered."""
        total = 0
        while handled := await self.dispatcher.run_once():
            total += handled
        return total

    async def browser(self, *, language: str | None = None) -> Browser:
        """A new browser (own cookie jar) that has opened the chat page."""
        jar = aiohttp.CookieJar(unsafe=True)
        http = aiohttp.ClientSession(cookie_jar=jar)
        found = Browser(http, self.base_url)
        self.browsers.append(found)
        headers = {"Accept-Language": language} if language else {}
        status, _ = await found.open("/chat", **headers)
        assert status == 200
        return found


async def until(condition: Callable[[], Awaitable[bool]], what: str, seconds: float = 5) -> None:
    """Wait (short real waits, for I/O) until ``condition`` holds."""
    started = time.monotonic()
    while not await condition():
        assert time.monotonic() - started < seconds, f"timed out waiting for: {what}"
        await asyncio.sleep(0.02)


@asynccontextmanager
async def served(ctx: WebContext, world_at: Callable[[str], WebWorld]) -> AsyncIterator[WebWorld]:
    """The app of ``ctx`` on a free port; the world ``world_at(base URL)`` makes, browsers closed
    and the app stopped after."""
    runner = aioweb.AppRunner(build_web_app(ctx), shutdown_timeout=2)
    await runner.setup()
    site = aioweb.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    world = world_at(f"http://127.0.0.1:{port}")
    try:
        yield world
    finally:
        for browser in world.browsers:
            await browser.http.close()
        await runner.cleanup()


@pytest.fixture
async def web(db: Database, clock: ManualClock, tmp_path: Path) -> AsyncIterator[WebWorld]:
    """The web app serving a Core on ``db`` (staff on the web), on a free port."""
    core = assemble_core(db, clock, default_config(staff=WEB_STAFF_ROOMS))
    hub = Hub()
    files = WebFiles(tmp_path / "web_files")
    ctx = WebContext(core, hub, WebConfig(files_dir=str(files.root)))
    sources: dict[str, FileSource] = {"web": WebFileSource(files)}
    core.files.forget_with("web", files.forget)
    sender = WebSender(db, clock, hub, files=files, file_sources=sources)
    dispatcher = OutboxDispatcher(db, clock, {"web": sender})

    def world_at(base_url: str) -> WebWorld:
        world = WebWorld(core, clock, hub, dispatcher, base_url)
        world.files, world.file_sources = files, sources
        return world

    async with served(ctx, world_at) as world:
        yield world
