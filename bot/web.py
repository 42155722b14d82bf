"""The one web server of an HTTP-mode process: web channel, Telegram webhook, Slack events, health.

- the web channel's pages (client chat, staff console, dashboard) when it is on: the routes of
  ``adapters.web.app.build_web_app`` are this server's application, the routes below added to it;

- ``POST <telegram_webhook_path>``: the Telegram adapter's webhook handler (secret checked; 503
  until the PTB application runs, so Telegram retries instead of losing the update);
- ``GET|POST <whatsapp_webhook_path>``: the WhatsApp webhook (Meta's handshake; notifications
  checked against ``X-Hub-Signature-256``), when WhatsApp is configured;
- ``POST /slack/events``: bolt's request handler for the same ``AsyncApp`` (signature checked);
- ``GET /calendar/<token>.ics``: a consultant's bookings as an iCalendar feed
  (``adapters.web.feed``), when given the core;
- ``/api/v1/...`` and ``GET /api/openapi.json``: the REST API (``adapters.api``), always;
- ``GET /healthz``: 200 when the database answers, 503 otherwise (for the load balancer);
- ``GET /metrics``: Prometheus text, figures read from the database at scrape time, only with
  ``Authorization: Bearer <metrics_token>`` (401 otherwise; 404 when no token is configured).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from sqlalchemy import text

from adapters.api import mount as mount_api
from adapters.slack.channel import EVENTS_PATH
from adapters.telegram.handlers.common import TelegramApplication
from adapters.telegram.webhook import Handler, webhook_handler
from adapters.web.feed import add_feed_route
from adapters.whatsapp.channel import WhatsAppChannel
from bot.metrics import CONTENT_TYPE, Metrics
from core.context import Core
from core.db import Database

logger = logging.getLogger(__name__)

HEALTH_TIMEOUT = 5.0


@dataclass
class TelegramRoute:
    """The Telegram webhook to mount: the application, its secret and its path."""

    application: TelegramApplication
    secret: str
    path: str


class WebServer:
    """Serves the routes above on ``host:port`` (port 0: a free one; ``port`` after start)."""

    def __init__(
        self,
        db: Database,
        metrics: Metrics,
        *,
        host: str,
        port: int,
        telegram: TelegramRoute | None = None,
        slack: AsyncApp | None = None,
        web_app: web.Application | None = None,
        metrics_token: str | None = None,
        core: Core | None = None,
        whatsapp: WhatsAppChannel | None = None,
    ) -> None:
        self.db = db
        self.core = core
        self.metrics_token = metrics_token
        self.metrics = metrics
        self.host = host
        self.port = port
        self.telegram = telegram
        self.slack = slack
        self.web_app = web_app
        self.whatsapp = whatsapp
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    def app(self) -> web.Application:
        """The aiohttp application with every route (the web channel's, if given, plus these)."""
        app = self.web_app if self.web_app is not None else web.Application()
        app.router.add_get("/healthz", self.health)
        if self.core is not None:
            add_feed_route(app, self.core)
            mount_api(app, self.core)
        if self.metrics_token:
            app.router.add_get("/metrics", self.scrape)
        if self.telegram is not None:
            app.router.add_post(self.telegram.path, self._telegram_handler(self.telegram))
        if self.slack is not None:
            app.router.add_post(EVENTS_PATH, self.slack_events)
        if self.whatsapp is not None:
            self.whatsapp.mount(app)
        return app

    async def start(self) -> None:
        """Listen."""
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=10.0)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self.host, self.port)
        await self._site.start()
        self.port = int(self._runner.addresses[0][1])
        logger.info("web server listening host=%s port=%s", self.host, self.port)

    async def stop_listening(self) -> None:
        """Refuse new connections; requests in progress go on."""
        if self._site is not None:
            site, self._site = self._site, None
            await site.stop()

    async def stop(self) -> None:
        """Stop listening, let requests in progress finish, close."""
        await self.stop_listening()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def health(self, _request: web.Request) -> web.Response:
        """200 when ``SELECT 1`` answers within a few seconds, 503 otherwise."""
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT):
                async with self.db.uow() as uow:
                    await uow.session.execute(text("SELECT 1"))
        except Exception as error:
            logger.warning("health check failed: %s", error)
            return web.Response(status=503, text="database unavailable\n")
        return web.Response(text="ok\n")

    async def scrape(self, request: web.Request) -> web.Response:
        """The Prometheus metrics (401 without the token; 503 when the database does not answer)."""
        assert self.metrics_token
        sent = request.headers.get("Authorization", "")
        expected = f"Bearer {self.metrics_token}"
        if not secrets.compare_digest(sent.encode(), expected.encode()):
            return web.Response(
                status=401, text="unauthorized\n", headers={"WWW-Authenticate": "Bearer"}
            )
        try:
            body = await self.metrics.render()
        except Exception as error:
            logger.warning("metrics scrape failed: %s", error)
            return web.Response(status=503, text="database unavailable\n")
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def slack_events(self, request: web.Request) -> web.Response:
        """Hand the request to bolt (it checks the signature and acknowledges)."""
        assert self.slack is not None
        response = await self.slack.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    @staticmethod
    def _telegram_handler(route: TelegramRoute) -> Handler:
        receive = webhook_handler(route.application, route.secret)

        async def guarded(request: web.Request) -> web.StreamResponse:
            if not route.application.running:
                return web.Response(status=503, text="starting or stopping")
            return await receive(request)

        return guarded
