"""Runs the bolt ``AsyncApp`` inside the current event loop: Socket Mode or an HTTP endpoint.

Socket Mode (the default) needs no public URL: the app-level token (``xapp-``) asks
``apps.connections.open`` (on ``config.api_base_url``, so a fake can answer) for a WebSocket URL
and bolt acknowledges each envelope on that socket. HTTP mode serves ``/slack/events`` with aiohttp;
bolt verifies every request's signature with the signing secret (401 otherwise).
"""

from __future__ import annotations

import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.app import SlackConfig

__all__ = ["EVENTS_PATH", "SlackChannel"]

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
"""Where Slack posts events, commands and interactions in HTTP mode."""


class SlackChannel:
    """Starts and stops ``app`` per ``config.mode``; ``port`` is the HTTP port once started."""

    def __init__(
        self, app: AsyncApp, config: SlackConfig, *, host: str = "127.0.0.1", port: int = 3000
    ) -> None:
        self.app = app
        self.config = config
        self.host = host
        self.port = port
        self._handler: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        """Connect the socket, or listen on ``host:port`` (0 picks a free port).

        The listeners' Web API calls share one HTTP session until :meth:`stop` (bolt hands the
        app client's session to each request's client): without it slack_sdk opens a new
        session, so a new connection and TLS handshake, for every call.
        """
        if self.app.client.session is None:
            timeout = aiohttp.ClientTimeout(total=self.app.client.timeout)
            self._session = aiohttp.ClientSession(timeout=timeout)
            self.app.client.session = self._session
        try:
            if self.config.mode == "socket":
                await self._start_socket()
            else:
                await self._start_http()
        except BaseException:
            await self._close_session()
            raise

    async def _start_socket(self) -> None:
        token = self.config.app_token
        if not token:
            raise ValueError("Slack Socket Mode needs CONSULTORIA_SLACK_APP_TOKEN (xapp-...)")
        web_client = AsyncWebClient(
            token=token, base_url=self.config.api_base_url, timeout=self.config.timeout
        )
        # Ask for the first URL here so a bad token fails start() instead of retrying forever.
        opened = await web_client.apps_connections_open(app_token=token)
        self._handler = AsyncSocketModeHandler(self.app, token, web_client=web_client)
        self._handler.client.wss_uri = str(opened["url"])
        await self._handler.connect_async()  # type: ignore[no-untyped-call]
        logger.info("slack socket mode connected")

    async def _start_http(self) -> None:
        if not self.config.signing_secret:
            raise ValueError("Slack HTTP mode needs CONSULTORIA_SLACK_SIGNING_SECRET")
        self._runner = web.AppRunner(self.app.web_app(path=EVENTS_PATH, port=self.port))
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        address = self._runner.addresses[0]
        self.port = int(address[1])
        logger.info("slack events listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def stop(self) -> None:
        """Close the socket or the HTTP server; safe to call twice or before ``start``."""
        if self._handler is not None:
            handler, self._handler = self._handler, None
            await handler.close_async()  # type: ignore[no-untyped-call]
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        await self._close_session()

    async def _close_session(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            if self.app.client.session is session:
                self.app.client.session = None
            await session.close()
