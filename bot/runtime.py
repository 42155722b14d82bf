"""Everything one bot process runs, in the current event loop.

``start``: settings checked, database upgraded, default terms published, the configured channels
verified with their platforms, the outbox dispatcher and the timer loop running, cross-process
wake-ups (PostgreSQL ``LISTEN/NOTIFY``, which also wake the web pages' live streams), the web
server (HTTP mode, or the web channel: client chat, staff console, dashboard), then the channels
receiving. With no token at all the web channel is the one channel (``web_address``).
``stop``: receiving stops first (web server, Telegram polling, Slack socket), the updates and
Slack listeners in hand finish, the loops end their round, the outbox is flushed (what is due
now, within ``flush_timeout``), then everything closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.exc import DBAPIError, OperationalError

from adapters.slack.channel import SlackChannel
from adapters.telegram.app import TelegramChannel
from adapters.web.app import build_web_app
from adapters.web.context import WebConfig, WebContext
from adapters.web.hub import Hub
from adapters.whatsapp.channel import WhatsAppChannel
from bot import schema
from bot.bootstrap import timer_handlers, unreachable_hook
from bot.checks import StartupError, check_settings, env_name
from bot.metrics import Metrics
from bot.notify import Notifier
from bot.platforms import open_platforms
from bot.settings import Settings
from bot.web import TelegramRoute, WebServer
from bot.wiring import backup_plan, build_core, database, display_url
from core.backups import ensure_backup_timer
from core.clock import Clock, SystemClock
from core.context import Core
from core.db import Database
from core.messages import t
from core.outbox import OutboxDispatcher
from core.privacy import ensure_retention_timer
from core.queue import ensure_closing_timer
from core.statements import ensure_statement_timer
from core.terms import ensure_default_terms
from core.timers import TimerLoop
from core.unit_of_work import ALL

logger = logging.getLogger(__name__)

OUTSIDE_CHANNELS = frozenset({"email", "webhook"})
"""Channels whose receivers are outside servers that may answer slowly (an SMTP server, a
webhook receiver): their own dispatcher, so a slow one never holds up a chat message."""

BOLT_LISTENER_TASK = "run_ack_function_asynchronously"


class Runtime:
    """Everything one bot process runs, in the current event loop (see the module docstring)."""

    core: Core
    db: Database
    dispatcher: OutboxDispatcher
    outside_dispatcher: OutboxDispatcher
    timer_loop: TimerLoop

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        worker: str | None = None,
        idle: float = 1.0,
    ) -> None:
        """``idle``: seconds the loops sleep when nothing wakes them (a safety net)."""
        self.settings = settings
        self.clock = clock or SystemClock()
        self.worker = worker or settings.worker_name
        self.idle = idle
        self.telegram: TelegramChannel | None = None
        self.whatsapp: WhatsAppChannel | None = None
        self.slack: SlackChannel | None = None
        self.http_port: int | None = None
        self.web: WebServer | None = None
        self.notifier: Notifier | None = None
        self.metrics: Metrics | None = None
        self.hub = Hub()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._db: Database | None = None

    @property
    def http_mode(self) -> bool:
        """True when this process serves HTTP (web channel, webhook, Slack events, or asked for)."""
        return self.settings.serves_http

    @property
    def web_address(self) -> str | None:
        """The client chat's address once the web channel serves (None when it is off)."""
        if not self.settings.web_channel_on or self.http_port is None:
            return None
        if self.settings.web_public_url:
            return f"{self.settings.public_url}/chat"
        return f"http://{self.settings.local_host}:{self.http_port}/chat"

    async def start(self) -> None:
        """Start everything; StartupError (naming the setting) when something is wrong."""
        check_settings(self.settings)
        try:
            await self._start()
        except BaseException:
            await self._close()
            raise

    async def _start(self) -> None:
        settings = self.settings
        self._db = self.db = database(settings)
        await self._prepare_database()
        self.core = build_core(settings, self.db, self.clock)
        await ensure_retention_timer(self.core)
        await ensure_statement_timer(self.core)
        await ensure_closing_timer(self.core)
        await ensure_backup_timer(self.core, backup_plan(settings))
        found = await open_platforms(settings, self.core, self.hub)
        self.telegram, self.slack = found.telegram, found.slack
        self.whatsapp = found.whatsapp
        senders = found.senders or {}
        chats = {name: s for name, s in senders.items() if name not in OUTSIDE_CHANNELS}
        outside = {name: s for name, s in senders.items() if name in OUTSIDE_CHANNELS}
        self.dispatcher = OutboxDispatcher(
            self.db,
            self.clock,
            chats,
            worker=self.worker,
            on_unreachable=unreachable_hook(self.core),
            elsewhere=outside,
        )
        self.outside_dispatcher = OutboxDispatcher(
            self.db, self.clock, outside, worker=self.worker, elsewhere=chats
        )
        handlers = timer_handlers(backup_plan(settings))
        self.timer_loop = TimerLoop(self.core, handlers, worker=self.worker)
        for loop in (self.dispatcher, self.outside_dispatcher, self.timer_loop):
            self._tasks.append(asyncio.create_task(loop.run_forever(self._stop, self.idle)))
        # The live pages look again on another process's commits only: this process's own web
        # deliveries wake exactly the pages they concern (waking every page on each of its own
        # commits made every stream re-read, a hundred reads per commit under load).
        self.notifier = Notifier(self.db, self._wake_loops, foreign=self.hub.notify_all)
        await self.notifier.start()
        self.metrics = Metrics(self.db, self.clock)
        if self.http_mode:
            await self._start_web(found.slack_app if settings.slack_mode == "http" else None)
        if self.telegram is not None:
            await self.telegram.start()
        if self.slack is not None and settings.slack_mode == "socket":
            await self.slack.start()
        logger.info(
            "bot running worker=%s telegram=%s slack=%s whatsapp=%s web=%s http_port=%s "
            "database=%s",
            self.dispatcher.worker,
            settings.telegram_mode if self.telegram else "off",
            settings.slack_mode if self.slack else "off",
            "on" if self.whatsapp else "off",
            "on" if settings.web_channel_on else "off",
            self.http_port,
            display_url(self.db.url),
        )
        if self.web_address is not None:
            logger.info("Consultoria Online: %s", self.web_address)

    async def _prepare_database(self) -> None:
        try:
            await schema.upgrade(self.db)
        except (OperationalError, DBAPIError, OSError) as error:
            detail = str(getattr(error, "orig", None) or error).strip().splitlines()
            raise StartupError(
                env_name("database_url"),
                t(
                    "startup.unreachable",
                    self.settings.language,
                    detail=detail[0] if detail else type(error).__name__,
                ),
            ) from error
        async with self.db.uow() as uow:
            await ensure_default_terms(uow, self.clock)
            await uow.commit()
        opened = await self.db.warm()
        if opened:
            logger.info("database pools warmed: %d connections open", opened)

    async def _start_web(self, slack_app: object | None) -> None:
        settings = self.settings
        route = None
        if self.telegram is not None and settings.telegram_mode == "webhook":
            secret = self.telegram.config.webhook_secret
            assert secret is not None
            route = TelegramRoute(
                self.telegram.application, secret, self.telegram.config.webhook_path
            )
        assert self.metrics is not None
        web_app = build_web_app(self._web_context()) if settings.web_channel_on else None
        self.web = WebServer(
            self.db,
            self.metrics,
            host=settings.http_host,
            port=settings.http_port,
            telegram=route,
            slack=self.slack.app if self.slack is not None and slack_app is not None else None,
            web_app=web_app,
            metrics_token=(
                settings.metrics_token.get_secret_value() if settings.metrics_token else None
            ),
            core=self.core,
            whatsapp=self.whatsapp,
        )
        try:
            await self.web.start()
        except OSError as error:  # the port is taken, or the host is not this machine's
            raise StartupError(
                env_name("http_port"),
                t("startup.unreachable", settings.language, detail=str(error)),
            ) from error
        self.http_port = self.web.port

    def _web_context(self) -> WebContext:
        settings = self.settings
        config = WebConfig(
            language=settings.language,
            session_hours=settings.web_session_hours,
            public_url=settings.public_url,
            secure_cookies=settings.public_url.startswith("https://"),
            retention_hours=settings.message_retention_hours,
            frame_ancestors=settings.web_frame_ancestors,
            staff_on_web=not settings.slack_configured,
            files_dir=settings.web_files_dir,
            trusted_proxies=settings.trusted_proxies,
        )
        return WebContext(self.core, self.hub, config)

    async def wait_idle(self, seconds: float = 10.0) -> None:
        """Wait (at most ``seconds``) until the loops rest and no wake-up is on its way to them.

        For tests: ``start`` returns while the loops' first rounds may still run.
        """
        async with asyncio.timeout(seconds):
            while not self._resting():  # noqa: ASYNC110 (no one event: three objects' states)
                await asyncio.sleep(0.01)

    def _resting(self) -> bool:
        notifier = self.notifier
        loops = (self.dispatcher, self.outside_dispatcher, self.timer_loop)
        return all(loop.resting for loop in loops) and (notifier is None or notifier.quiet)

    def wake(self) -> None:
        """Run the dispatcher and the timer loop now; live web pages look for news."""
        self.hub.notify_all()
        self._wake_loops()

    def _wake_loops(self, written: frozenset[str] = ALL) -> None:
        """Run the loops that what was ``written`` concerns (see ``Wakeable.wake``) now."""
        for name in ("dispatcher", "outside_dispatcher", "timer_loop"):
            loop = getattr(self, name, None)
            if loop is not None:
                loop.wake(written)

    async def stop(self, *, flush_timeout: float = 10.0) -> None:
        """Stop taking work, finish what is in hand, flush the outbox, close everything."""
        if self.web is not None:
            await self.web.stop_listening()
        if self.telegram is not None:
            await _stop_receiving(self.telegram)
        if self.slack is not None:
            await self.slack.stop()
        await _wait_for_bolt_listeners(flush_timeout)
        if self.web is not None:
            await self.web.stop()
        self._stop.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if hasattr(self, "dispatcher"):
            await self._flush(flush_timeout)
        await self._close()

    async def _flush(self, seconds: float) -> None:
        """Deliver what is due now, for at most ``seconds``."""
        delivered = 0
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                for dispatcher in (self.dispatcher, self.outside_dispatcher):
                    while handled := await dispatcher.run_once():
                        delivered += handled
        left = await self.dispatcher.pending_count()
        logger.info("outbox flushed delivered=%s left=%s", delivered, left)

    async def _close(self) -> None:
        if self.notifier is not None:
            await self.notifier.stop()
        if self.web is not None:
            await self.web.stop()
        for channel in (self.slack, self.telegram):
            if channel is not None:
                try:
                    await channel.stop()
                except Exception:
                    logger.warning("closing %s failed", type(channel).__name__, exc_info=True)
        if self.whatsapp is not None:
            await self.whatsapp.close()
        self._stop.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._db is not None:
            db, self._db = self._db, None
            await db.dispose()


async def _stop_receiving(channel: TelegramChannel) -> None:
    """Stop polling and let the updates already received be handled (the bot stays open)."""
    application = channel.application
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()


async def _wait_for_bolt_listeners(seconds: float) -> None:
    """Wait (bounded) for bolt's listener tasks that acknowledged before running."""
    busy = [
        task
        for task in asyncio.all_tasks()
        if not task.done() and getattr(task.get_coro(), "__name__", "") == BOLT_LISTENER_TASK
    ]
    if busy:
        await asyncio.wait(busy, timeout=seconds)
