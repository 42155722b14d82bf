"""``/consultor disponivel | ocupado | ausente | status``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncRespond

from adapters.slack.context import Body, command_key, render_error
from core.context import Core
from core.errors import BusinessError
from core.messages import t
from core.queue import set_status, status_report


async def on_consultor(core: Core, ack: AsyncAck, body: Body, respond: AsyncRespond) -> None:
    """Acknowledge at once; a status change is confirmed here (and by DM), a report here."""
    await ack()
    user, word = str(body["user_id"]), str(body.get("text") or "").strip()
    lang = core.config.language
    if not word or len(word.split()) > 1:
        await respond(text=t("slack.consultor.usage", lang), response_type="ephemeral")
        return
    try:
        if word.casefold() == "status":
            async with core.db.uow() as uow:
                report = await status_report(uow, core, user)
            await respond(text=report, response_type="ephemeral")
            return
        changed = await set_status(core, user, word, inbound=command_key(body))
        if changed is not None:
            await respond(text=changed, response_type="ephemeral")
    except BusinessError as error:
        await respond(text=render_error(core, error), response_type="ephemeral")
