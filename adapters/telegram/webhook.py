"""The webhook endpoint: an aiohttp app that checks Telegram's secret token, then processes.

Telegram sends ``X-Telegram-Bot-Api-Secret-Token`` with the secret given to ``setWebhook``. A
request without it, or with another, is refused with 403 and has no effect. A right one is
processed before the answer (the core's commit happens first), so a 200 means "acted on"; a
malformed body gets 400.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from telegram import Update

from adapters.telegram.handlers.common import TelegramApplication

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def webhook_handler(application: TelegramApplication, secret: str) -> Handler:
    """The aiohttp request handler for ``application``'s webhook (to mount on any server)."""

    async def receive(request: web.Request) -> web.Response:
        """Check the secret, decode the update, process it."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            logger.warning("telegram webhook: request with a missing or wrong secret refused")
            return web.Response(status=403, text="forbidden")
        try:
            payload = json.loads(await request.read())
            update = Update.de_json(payload, application.bot)
        except (ValueError, TypeError, KeyError):
            logger.warning("telegram webhook: malformed update refused")
            return web.Response(status=400, text="bad update")
        await application.process_update(update)
        return web.Response(text="ok")

    return receive


def webhook_app(application: TelegramApplication, secret: str, path: str) -> web.Application:
    """An aiohttp app serving ``POST path`` for ``application``."""
    app = web.Application()
    app.router.add_post(path, webhook_handler(application, secret))
    return app
