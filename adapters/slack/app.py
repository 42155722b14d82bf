"""Builds the Slack bolt ``AsyncApp``: the Web API client, the error handler and every listener.

The listeners are the rows of ``adapters.slack.listeners.LISTENERS`` (kind, matcher, handler);
:func:`build_app` registers each of them, in that order, with the core bound.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.listeners import LISTENERS
from core.context import Core
from core.messages import t

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://slack.com/api/"


@dataclass
class SlackConfig:
    """What the Slack adapter needs: tokens, mode, the Web API base URL and staff channel ids.

    The channel ids mirror ``core.config.staff`` (the core addresses its posts there); the adapter
    uses them to know which channels' thread replies are sessions.
    """

    bot_token: str
    signing_secret: str = ""  # required in HTTP mode; Socket Mode does not sign
    app_token: str | None = None
    mode: Literal["socket", "http"] = "socket"
    api_base_url: str = DEFAULT_API_BASE_URL
    bot_user_id: str | None = None
    requests_channel: str | None = None
    support_channel: str | None = None
    billing_channel: str | None = None
    onsite_channel: str | None = None
    links_channel: str | None = None
    rate_limit_retries: int = 2
    connection_retries: int = 2
    timeout: int = 30

    def __post_init__(self) -> None:
        if not self.api_base_url.endswith("/"):
            self.api_base_url += "/"  # the client joins method names with urljoin

    def thread_channels(self) -> frozenset[str]:
        """Channels whose thread replies are relayed (requests and support)."""
        return frozenset(c for c in (self.requests_channel, self.support_channel) if c)


def build_client(config: SlackConfig) -> AsyncWebClient:
    """An ``AsyncWebClient`` on ``config.api_base_url`` that waits out 429s and retries drops."""
    handlers: list[AsyncRetryHandler] = [
        AsyncRateLimitErrorRetryHandler(max_retry_count=config.rate_limit_retries),
        AsyncConnectionErrorRetryHandler(max_retry_count=config.connection_retries),
    ]
    return AsyncWebClient(
        token=config.bot_token,
        base_url=config.api_base_url,
        timeout=config.timeout,
        retry_handlers=handlers,
    )


def build_app(core: Core, config: SlackConfig, client: AsyncWebClient | None = None) -> AsyncApp:
    """The bolt app with every listener registered; it acknowledges before calling the core."""
    app = AsyncApp(
        signing_secret=config.signing_secret,
        client=client or build_client(config),
        # Answer Slack only after the listener ran (and the core committed): an event acknowledged
        # before a crash would otherwise be lost, since Slack does not retry acknowledged events.
        process_before_response=True,
    )
    _register_error_handler(app, core)
    _register_listeners(app, core)
    return app


def _register_listeners(app: AsyncApp, core: Core) -> None:
    """``app.<kind>(matcher)(handler)`` for every row of ``LISTENERS``, the core bound."""
    for listener in LISTENERS:
        register = {
            "command": app.command,
            "action": app.action,
            "options": app.options,
            "view": app.view,
            "event": app.event,
        }[listener.kind]
        register(listener.matcher)(listener.bound(core))
        logger.debug("slack listener registered: %s %s", listener.kind, listener.matcher)


def _register_error_handler(app: AsyncApp, core: Core) -> None:
    @app.error
    async def on_error(error: Exception, body: dict[str, Any], client: AsyncWebClient) -> None:
        """Log an unexpected failure with its context; tell the user briefly, no stack trace."""
        logger.exception("slack listener failed: %s", _describe(body), exc_info=error)
        await apologise(client, body, t("error.unexpected", core.config.language))


def _describe(body: dict[str, Any]) -> str:
    kind = body.get("type") or ("command" if "command" in body else "?")
    event = body.get("event") or {}
    return (
        f"type={kind} command={body.get('command')} event={event.get('type')} "
        f"id={body.get('event_id')}"
    )


async def apologise(client: AsyncWebClient, body: dict[str, Any], text: str) -> None:
    """Best effort: an ephemeral apology to the user of ``body``, if there is one and a channel."""
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    event = body.get("event") or {}
    user = user or event.get("user")
    channel = channel or event.get("channel")
    if not (user and channel):
        return
    try:
        await client.chat_postEphemeral(channel=channel, user=user, text=text)
    except Exception:  # the apology itself must never raise
        logger.warning("could not send the apology to %s in %s", user, channel, exc_info=True)
