"""The ``/resposta`` modal's submission -> ``core.replies.send_saved_reply``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.replies import REPLY, SESSION, chosen_ids
from core.context import Core
from core.errors import InvalidInput
from core.replies import send_saved_reply


async def _send(core: Core, body: Body) -> None:
    reply_id, session_id = chosen_ids(body["view"])
    if reply_id is None:
        raise InvalidInput("replies.slack.choose_reply")
    if session_id is None:
        raise InvalidInput("replies.slack.choose_session")
    await send_saved_reply(core, session_id, acting_user(body), reply_id, inbound=view_key(body))


def _field(key: str) -> str:
    return REPLY if key.startswith(("replies.not_found", "replies.slack.choose_reply")) else SESSION


async def on_saved_reply_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Send the reply as the person's message; a refusal is shown on its field."""
    await submit_view(ack, core, _send(core, body), _field)
