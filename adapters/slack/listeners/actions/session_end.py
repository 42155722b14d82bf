"""*Encerrar* (``end:<session>``): end the session, bill it, report the summary."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, action_key, guarded
from core.context import Core
from core.sessions import end_session


async def on_end(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then end; the summary goes out through the outbox."""
    await ack()
    session_id, user = int(action_argument(body)), acting_user(body)
    await guarded(
        core, client, body, end_session(core, session_id, by=user, inbound=action_key(body))
    )
