"""A stand-in for ``bot.runtime.Runtime`` built from the pieces, used until (or unless) it exists.

It does what the Runtime contract says: the database upgraded, default terms, the Telegram
channel (polling or webhook), the Slack channel, the outbox dispatcher and the timer loop as
``run_forever`` tasks in the current event loop. ``make_bot`` prefers the real Runtime.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from dataclasses import replace
from typing import Any, Protocol

from adapters.slack.app import build_app, build_client
from adapters.slack.channel import SlackChannel
from adapters.slack.files import SlackFileSource
from adapters.slack.sender import SlackSender
from adapters.telegram.app import TelegramChannel, build_application
from adapters.telegram.files import TelegramFileSource
from adapters.telegram.sender import TelegramSender
from bot import schema
from bot.bootstrap import timer_handlers
from bot.channels import slack_config, telegram_config
from bot.platforms import document_sources
from bot.settings import Settings
from bot.wiring import build_core, database
from core.clock import Clock, SystemClock
from core.context import Core
from core.db import Database
from core.files import FileSource
from core.outbox import OutboxDispatcher, Sender
from core.terms import ensure_default_terms
from core.timers import TimerLoop


class BotLike(Protocol):
    """The part of the Runtime contract the end-to-end tests use."""

    core: Core
    db: Database
    http_port: int | None

    async def start(self) -> None:
        """Start everything."""

    async def stop(self, *, flush_timeout: float = 10.0) -> None:
        """Stop everything."""


class PiecesBot:
    """Everything one bot process runs, assembled here exactly as the Runtime would."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        worker: str | None = None,
        request_timeout: float = 2.0,
        idle: float = 0.5,
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.worker = worker
        self.request_timeout = request_timeout
        self.idle = idle
        self.http_port: int | None = None
        self.telegram: TelegramChannel | None = None
        self.slack: SlackChannel | None = None
        self.dispatcher: OutboxDispatcher | None = None
        self.timer_loop: TimerLoop | None = None
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Migrate, publish the default terms, start both channels and both loops."""
        self.db = database(self.settings)
        await schema.upgrade(self.db)
        async with self.db.uow() as uow:
            await ensure_default_terms(uow, self.clock)
            await uow.commit()
        self.core = build_core(self.settings, self.db, self.clock)
        tg_config = telegram_config(self.settings)
        sl_config = slack_config(self.settings)
        assert tg_config is not None and sl_config is not None
        tg_config = replace(
            tg_config, chat_interval=0.0, request_timeout=self.request_timeout, poll_timeout=1.0
        )
        sl_config.timeout = int(max(1, self.request_timeout))
        application = build_application(tg_config, self.core)
        self.telegram = TelegramChannel(application, tg_config)
        self.slack = SlackChannel(build_app(self.core, sl_config), sl_config, port=0)
        await self.telegram.start()
        await self.slack.start()
        self.http_port = self.slack.port
        sl_config.rate_limit_retries = 0  # the sender leaves a 429 to the outbox's backoff
        files: dict[str, FileSource] = {
            **document_sources(self.settings, self.core),
            "telegram": TelegramFileSource(application.bot),
            "slack": SlackFileSource(sl_config.bot_token, timeout=self.request_timeout),
        }
        senders: dict[str, Sender] = {
            "telegram": TelegramSender(application.bot, files, chat_interval=0.0),
            "slack": SlackSender(build_client(sl_config), files),
        }
        self.dispatcher = OutboxDispatcher(self.db, self.clock, senders, worker=self.worker)
        self.timer_loop = TimerLoop(self.core, timer_handlers(), worker=self.worker)
        for loop in (self.dispatcher, self.timer_loop):
            self._tasks.append(asyncio.create_task(loop.run_forever(self._stop, self.idle)))

    def wake(self) -> None:
        """Run the dispatcher and the timer loop now."""
        for loop in (self.dispatcher, self.timer_loop):
            if loop is not None:
                loop.wake()

    async def stop(self, *, flush_timeout: float = 10.0) -> None:
        """Flush the outbox for up to ``flush_timeout`` s, stop the loops, then the channels."""
        if self.dispatcher is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(flush_timeout):
                    while await self.dispatcher.pending_count():
                        self.dispatcher.wake()
                        await asyncio.sleep(0.05)
        self._stop.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for channel in (self.slack, self.telegram):
            if channel is not None:
                await channel.stop()
        await self.db.dispose()


def runtime_class() -> Any | None:
    """``bot.runtime.Runtime`` once helper R has written it, else None."""
    try:
        module = importlib.import_module("bot.runtime")
    except ImportError:
        return None
    return getattr(module, "Runtime", None)


def make_bot(settings: Settings, *, clock: Clock | None = None, worker: str | None = None) -> Any:
    """The real Runtime when it exists, else the stand-in built from the pieces."""
    runtime = runtime_class()
    if runtime is not None:
        return runtime(settings, clock=clock, worker=worker)
    return PiecesBot(settings, clock=clock, worker=worker)


def wake(bot: Any) -> None:
    """Wake a bot's dispatcher and timer loop (best effort on the Runtime's attribute names)."""
    if hasattr(bot, "wake"):
        bot.wake()
        return
    for name in ("dispatcher", "timer_loop", "timers", "outbox"):
        loop = getattr(bot, name, None)
        if loop is not None and hasattr(loop, "wake"):
            loop.wake()


def shorten_timeouts(bot: Any, seconds: float) -> None:
    """Make the senders' HTTP clients give up on a hung call after ``seconds``.

    The Runtime has no setting for them (PTB's request timeout is 10 s, Slack's client 30 s), so a
    hang would cost that much wall-clock time per fault; the fault tests shorten them here.
    """
    import aiohttp
    import httpx

    dispatcher = getattr(bot, "dispatcher", None)
    if dispatcher is None:
        return
    slack = dispatcher.senders.get("slack")
    if slack is not None:
        slack.client.timeout = int(max(1, seconds))
        session = getattr(slack, "_session", None)  # kept alive by the running dispatcher
        if session is not None:
            session._timeout = aiohttp.ClientTimeout(total=seconds)
    telegram = dispatcher.senders.get("telegram")
    if telegram is not None:
        request = telegram.bot._request[1]  # PTB: (getUpdates request, every other call)
        request._client.timeout = httpx.Timeout(seconds)
