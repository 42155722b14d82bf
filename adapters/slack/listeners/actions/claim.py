"""*Aceitar* (``claim:<request>``) on a request card or a direct-message offer."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_argument, action_key, guarded
from core.context import Core
from core.queue import claim_request

logger = logging.getLogger(__name__)


async def on_claim(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then claim; the core edits the card and tells a loser who won."""
    await ack()
    request_id, user = int(action_argument(body)), acting_user(body)
    await guarded(
        core, client, body, claim_request(core, request_id, user, inbound=action_key(body))
    )
