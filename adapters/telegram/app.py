"""Builds the PTB Application for the client's channel, and runs it by polling or by webhook.

``build_application(config, core)`` wires the handlers (thin: parse, one core call, answer) on an
Application pointed at ``config.base_url`` (public Bot API, self-hosted Bot API server, or a
fake), with PTB's ``AIORateLimiter`` (no retries: the outbox retries). Business state stays in
the core: no ConversationHandler, no ``user_data``.

``TelegramChannel`` starts and stops it inside a running event loop (``run_polling`` would block
it): polling through PTB's Updater, or an aiohttp webhook server (see ``webhook.py``).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from aiohttp import web
from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, ApplicationBuilder
from telegram.request import HTTPXRequest

from adapters.telegram.config import TelegramConfig
from adapters.telegram.handlers import register_all
from adapters.telegram.handlers.common import Context, TelegramApplication
from adapters.telegram.ordering import PerChatOrder
from adapters.telegram.webhook import webhook_app
from core.context import Core
from core.messages import t

__all__ = ["TelegramChannel", "TelegramConfig", "build_application", "set_commands"]

logger = logging.getLogger(__name__)

COMMANDS = ("start", "ajuda", "cancelar", "agendamentos", "suporte", "convidar", "sair")
"""The commands Telegram shows in its menu (descriptions in pt-BR and en)."""


def _request(config: TelegramConfig, read_timeout: float) -> HTTPXRequest:
    return HTTPXRequest(
        connection_pool_size=16,
        connect_timeout=config.request_timeout,
        read_timeout=read_timeout,
        write_timeout=config.request_timeout,
        pool_timeout=config.request_timeout,
    )


RATE_LIMITER_LOGGER = "telegram.ext.AIORateLimiter"


class OneLineRateLimit(logging.Filter):
    """The rate limiter's handled 429 (the outbox retries it later) as one warning line.

    PTB logs it with ``logger.exception`` (an ERROR and a traceback) when no retries are left,
    which is always here (``max_retries=0``: the outbox retries).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite an error with a traceback into a one-line warning (keeps every record)."""
        if record.exc_info and record.levelno >= logging.ERROR:
            error = record.exc_info[1]
            record.msg, record.args = "telegram rate limit hit: %s (the outbox retries)", (error,)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _quiet_rate_limiter() -> None:
    limiter_logger = logging.getLogger(RATE_LIMITER_LOGGER)
    if not any(isinstance(f, OneLineRateLimit) for f in limiter_logger.filters):
        limiter_logger.addFilter(OneLineRateLimit())


async def _log_error(update: object, context: Context) -> None:
    """Log what a handler raised (handlers already answered the person)."""
    logger.error("telegram update failed: %r", update, exc_info=context.error)


def build_application(config: TelegramConfig, core: Core) -> TelegramApplication:
    """The PTB Application with every handler registered, pointed at ``config.base_url``."""
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.base_url)
        .base_file_url(config.base_file_url)
        .request(_request(config, config.request_timeout))
        .get_updates_request(_request(config, config.request_timeout + config.poll_timeout))
        .concurrent_updates(PerChatOrder())
    )
    if config.rate_limit:
        # AIORateLimiter's generic argument (int: per-call retries) differs from the builder's.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=0))  # type: ignore[arg-type]
        _quiet_rate_limiter()
    application: TelegramApplication = builder.build()
    register_all(application, core)
    application.add_error_handler(_log_error)
    return application


async def set_commands(application: TelegramApplication) -> None:
    """Register the commands with Telegram: pt-BR as the default list, and English."""
    for language in ("pt-BR", "en"):
        commands = [BotCommand(name, t(f"tg.command.{name}", language)) for name in COMMANDS]
        code = None if language == "pt-BR" else "en"
        await application.bot.set_my_commands(commands, language_code=code)
    pt = [BotCommand(name, t(f"tg.command.{name}", "pt-BR")) for name in COMMANDS]
    await application.bot.set_my_commands(pt, language_code="pt")


class TelegramChannel:
    """Runs ``application`` in the current loop: polling or webhook, per ``config.mode``."""

    def __init__(
        self, application: TelegramApplication, config: TelegramConfig, *, serve: bool = True
    ) -> None:
        """``serve=False``: in webhook mode, register the webhook but let the caller serve it
        (``webhook.webhook_handler`` mounted on its own web server)."""
        self.application = application
        self.config = config
        self.serve = serve
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self) -> None:
        """Initialise, register the commands, start processing and receiving updates."""
        await self.application.initialize()
        await set_commands(self.application)
        await self.application.start()
        if self.config.mode == "polling":
            assert self.application.updater is not None
            await self.application.updater.start_polling(
                poll_interval=self.config.poll_interval,
                timeout=timedelta(seconds=self.config.poll_timeout),
                allowed_updates=Update.ALL_TYPES,
            )
            return
        assert self.config.webhook_url and self.config.webhook_secret
        if self.serve:
            await self._serve_webhook()
        await self.application.bot.set_webhook(
            self.config.webhook_url,
            secret_token=self.config.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )

    async def _serve_webhook(self) -> None:
        assert self.config.webhook_secret
        app = webhook_app(self.application, self.config.webhook_secret, self.config.webhook_path)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.webhook_listen, self.config.webhook_port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        logger.info("telegram webhook listening on port %s", self.port)

    async def stop(self) -> None:
        """Stop receiving, finish the updates in hand, shut down."""
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
