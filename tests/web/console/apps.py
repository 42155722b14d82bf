"""The web app served with other settings than the ``web`` fixture's (Slack beside, https)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web as aioweb

from adapters.web.app import build_web_app
from adapters.web.context import WebConfig, WebContext
from adapters.web.hub import Hub
from adapters.web.sender import WebSender
from bot.wiring import WEB_STAFF_ROOMS
from core.clock import ManualClock
from core.context import Core
from core.db import Database
from core.dispatcher import OutboxDispatcher
from core.outbox import Sender
from tests.fakes.recording import RecordingSender
from tests.scenario import default_config
from tests.web.conftest import WebWorld


@asynccontextmanager
async def running_app(
    db: Database, clock: ManualClock, config: WebConfig, *, slack: RecordingSender | None = None
) -> AsyncIterator[WebWorld]:
    """The app on a free port; with ``slack`` the staff rooms are Slack channels sent there."""
    staff: Any = {} if slack is not None else {"staff": WEB_STAFF_ROOMS}
    core = Core(db, clock, default_config(**staff))
    hub = Hub()
    runner = aioweb.AppRunner(build_web_app(WebContext(core, hub, config)), shutdown_timeout=2)
    await runner.setup()
    site = aioweb.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    senders: dict[str, Sender] = {"web": WebSender(db, clock, hub)}
    if slack is not None:
        senders["slack"] = slack
    dispatcher = OutboxDispatcher(db, clock, senders)
    world = WebWorld(core, clock, hub, dispatcher, f"http://127.0.0.1:{port}")
    try:
        yield world
    finally:
        for browser in world.browsers:
            await browser.http.close()
        await runner.cleanup()
