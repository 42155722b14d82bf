"""*Converter em consultoria* (``convert:<session>``) on a support card or in its thread."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, action_key, guarded
from core.context import Core
from core.support import convert_to_consulting


async def on_convert(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then convert: the client gets the terms; a refusal is shown privately."""
    await ack()
    session_id = int(action_argument(body))
    work = convert_to_consulting(
        core, session_id, by_staff_key=acting_user(body), inbound=action_key(body)
    )
    await guarded(core, client, body, work)
