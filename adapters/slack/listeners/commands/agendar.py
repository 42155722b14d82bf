"""``/agendar``: alone it opens the booking modal; with text it books, lists, cancels or moves."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.agendar.commands import OpenModal
from adapters.slack.agendar.modal import booking_modal
from adapters.slack.agendar.parse import parse_command
from adapters.slack.agendar.run import check_staff, run_command
from adapters.slack.blocks import escape
from adapters.slack.context import Body, command_key, consultant_options, render_error
from core.context import Core
from core.errors import BusinessError

logger = logging.getLogger(__name__)


async def on_agendar(
    core: Core, ack: AsyncAck, body: Body, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    """Acknowledge at once; then one core call, answered ephemerally (refusals too)."""
    await ack()
    user, text = str(body["user_id"]), str(body.get("text") or "")
    today = core.clock.now().astimezone(core.config.timezone).date()
    try:
        command = parse_command(text, today=today, areas=core.config.areas)
        if isinstance(command, OpenModal):
            await check_staff(core, user)
            view = booking_modal(
                core,
                await consultant_options(core),
                today=today,
                channel=body.get("channel_id"),
            )
            await client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        answer = await run_command(core, command, user, command_key(body))
    except BusinessError as error:
        logger.info("/agendar refused for %s: %s", user, error.key)
        answer = render_error(core, error)
    await respond(text=escape(answer), response_type="ephemeral")
