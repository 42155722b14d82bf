"""``/resposta [termo]``: open the saved reply modal (the person's open sessions to choose)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body
from adapters.slack.replies import open_sessions, reply_modal
from core.context import Core
from core.messages import t


async def on_resposta(
    core: Core, ack: AsyncAck, body: Body, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    """Acknowledge at once; the modal, or why not (no open session of theirs)."""
    await ack()
    user, term = str(body["user_id"]), str(body.get("text") or "")[:100]
    sessions = await open_sessions(core, user)
    if not sessions:
        text = t("replies.slack.no_sessions", core.config.language)
        await respond(text=text, response_type="ephemeral")
        return
    view = await reply_modal(core, user, term, sessions)
    await client.views_open(trigger_id=body["trigger_id"], view=view)
