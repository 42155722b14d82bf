"""Type-ahead options of the ``/resposta`` modal: saved replies matching what was typed."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user
from adapters.slack.replies import reply_options
from core.context import Core


async def on_reply_options(core: Core, ack: AsyncAck, body: Body) -> None:
    """Replies for the person's session, matching what was typed."""
    typed, view = str(body.get("value") or ""), body.get("view") or {}
    await ack(options=await reply_options(core, acting_user(body), typed, view))
