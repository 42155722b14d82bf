"""*Recomendar presencial* (``onsite:<session>``): open the reason modal."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, action_argument
from adapters.slack.modals import onsite_modal
from core.context import Core


async def on_onsite(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then open the modal."""
    await ack()
    view = onsite_modal(int(action_argument(body)), core.config.language)
    await client.views_open(trigger_id=body["trigger_id"], view=view)
