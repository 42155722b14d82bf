"""*Converter em consultoria* (``convert:<session>``) on a support card or in its thread.

Outside the opening hours the core refuses a plain conversion; the attendant is shown why, with
``convert_alt:<session>`` to convert at alternative hours agreed with the client.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import (
    Body,
    acting_user,
    action_argument,
    action_key,
    language,
    run_confirmable,
)
from core.context import Core
from core.messages import t
from core.outbox import Choice
from core.support import CONVERT_CLOSED, convert_to_consulting


async def _convert(core: Core, body: Body, client: AsyncWebClient, *, alternative: bool) -> None:
    session_id = int(action_argument(body))
    work = convert_to_consulting(
        core,
        session_id,
        by_staff_key=acting_user(body),
        alternative_hours=alternative,
        inbound=action_key(body),
    )
    label = t("support.convert.confirm_alternative", language(core))
    confirm = Choice(f"convert_alt:{session_id}", label, "primary")
    await run_confirmable(core, client, body, work, refusal=CONVERT_CLOSED, confirm=confirm)


async def on_convert(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then convert: the client gets the terms; a refusal is shown privately."""
    await ack()
    await _convert(core, body, client, alternative=False)


async def on_convert_alternative(
    core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient
) -> None:
    """*Converter em horário alternativo acordado*: the conversion outside the opening hours."""
    await ack()
    await _convert(core, body, client, alternative=True)
