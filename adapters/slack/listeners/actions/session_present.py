"""*Cliente presente* (``present:<session>``): the booked client is there; billing starts."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, action_key, guarded
from core.context import Core
from core.sessions import mark_client_present


async def on_present(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then mark the client present; a refusal is shown privately."""
    await ack()
    session_id, user = int(action_argument(body)), acting_user(body)
    work = mark_client_present(core, session_id, by_staff_key=user, inbound=action_key(body))
    await guarded(core, client, body, work)
