"""*Transferir* (``transfer:<session>``): open the consultant modal."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, consultant_options
from adapters.slack.modals import transfer_modal
from core.context import Core


async def on_transfer(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then open the modal."""
    await ack()
    options = await consultant_options(core, exclude=acting_user(body))
    view = transfer_modal(int(action_argument(body)), options, core.config.language)
    await client.views_open(trigger_id=body["trigger_id"], view=view)
