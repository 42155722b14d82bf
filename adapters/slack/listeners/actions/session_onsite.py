"""*Recomendar presencial* (``onsite:<session>``): open the reason modal."""

from __future__ import annotations

import re

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, action_argument
from adapters.slack.modals import onsite_modal
from core.context import Core

ACTION = re.compile(r"^onsite:\d+$")


def register(app: AsyncApp, core: Core) -> None:
    """Listen for *Recomendar presencial* clicks."""

    @app.action(ACTION)
    async def on_onsite(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        """Acknowledge, then open the modal."""
        await ack()
        view = onsite_modal(int(action_argument(body)), core.config.language)
        await client.views_open(trigger_id=body["trigger_id"], view=view)
