"""Offline message cards: *Vou responder* (``offline_take:<id>``) and *Resolvido*
(``offline_done:<id>``).

-> ``core.offline.assign_offline_message`` / ``resolve_offline_message``. Only the team
(consultants, secretaries, support) acts; a refusal is shown to the clicker only. The core edits
the card.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, acting_user, action_key, action_value, refuse
from core.context import Core
from core.errors import BusinessError
from core.offline import TAKE_ACTION, assign_offline_message, resolve_offline_message


async def on_offline(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then take or resolve the offline message."""
    await ack()
    verb, _, number = action_value(body).partition(":")
    act = assign_offline_message if verb == TAKE_ACTION else resolve_offline_message
    try:
        await act(core, int(number), by_staff_key=acting_user(body), inbound=action_key(body))
    except BusinessError as error:
        await refuse(client, core, body, error)
