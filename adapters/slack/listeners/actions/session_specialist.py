"""*Chamar especialista* (``specialist:<session>``): open the consultant-or-area modal."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, consultant_options
from adapters.slack.modals import specialist_modal
from core.context import Core


async def on_specialist(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then open the modal (the trigger is valid for 3 seconds)."""
    await ack()
    options = await consultant_options(core, exclude=acting_user(body))
    view = specialist_modal(
        int(action_argument(body)), options, list(core.config.areas), core.config.language
    )
    await client.views_open(trigger_id=body["trigger_id"], view=view)
