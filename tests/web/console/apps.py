"""The web app served with other settings than the ``web`` fixture's (Slack beside, https)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from adapters.web.context import WebConfig, WebContext
from adapters.web.hub import Hub
from adapters.web.sender import WebSender
from bot.bootstrap import assemble_core
from bot.wiring import WEB_STAFF_ROOMS
from core.clock import ManualClock
from core.db import Database
from core.outbox import OutboxDispatcher, Sender
from tests.fakes.recording import RecordingSender
from tests.scenario import default_config
from tests.web.conftest import WebWorld, served


@asynccontextmanager
async def running_app(
    db: Database,
    clock: ManualClock,
    config: WebConfig,
    *,
    slack: RecordingSender | None = None,
    **core_config: Any,
) -> AsyncIterator[WebWorld]:
    """The app on a free port; with ``slack`` the staff rooms are Slack channels sent there.

    ``core_config``: fields of the core's configuration to replace (``hours=...``).
    """
    staff: Any = {} if slack is not None else {"staff": WEB_STAFF_ROOMS}
    core = assemble_core(db, clock, default_config(**staff, **core_config))
    hub = Hub()
    ctx = WebContext(core, hub, config)
    senders: dict[str, Sender] = {"web": WebSender(db, clock, hub)}
    if slack is not None:
        senders["slack"] = slack
    dispatcher = OutboxDispatcher(db, clock, senders)
    async with served(ctx, lambda url: WebWorld(core, clock, hub, dispatcher, url)) as world:
        yield world
