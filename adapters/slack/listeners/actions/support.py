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
    tell_outcome,
)
from core.client import outcome_of
from core.context import Core
from core.messages import t
from core.outbox import Choice
from core.support import CONVERT_CLOSED, convert_to_consulting


async def _convert(core: Core, body: Body, client: AsyncWebClient, *, alternative: bool) -> None:
    session_id, user = int(action_argument(body)), acting_user(body)
    lang = language(core)
    work = convert_to_consulting(
        core,
        session_id,
        by_staff_key=user,
        alternative_hours=alternative,
        inbound=action_key(body),
    )
    outcome = await outcome_of(work, lang, f"slack conversion of session {session_id} by {user}")
    confirm = None
    if outcome.key == CONVERT_CLOSED:
        label = t("support.convert.confirm_alternative", lang)
        confirm = Choice(f"convert_alt:{session_id}", label, "primary")
    await tell_outcome(client, body, outcome, confirm=confirm)


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
